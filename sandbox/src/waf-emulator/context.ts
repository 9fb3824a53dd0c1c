// What an operation handler gets, and the checks every resource operation shares.

import { invalidParameter } from './aws-error.js';
import {
  ID_RULE,
  MARKER_RULE,
  NAME_RULE,
  validated,
  type Input,
  type InputChecks,
} from './input.js';
import type { ResourceKind } from './arn.js';
import { paginate } from './paginate.js';
import { sortKey, type Location, type ResourceRecord, type ResourceStore } from './store.js';
import type { WafScope } from './types.js';

export const SCOPES: readonly WafScope[] = ['REGIONAL', 'CLOUDFRONT'];
/** AWS serves CLOUDFRONT-scoped resources only from this region. */
export const CLOUDFRONT_REGION = 'us-east-1';

export interface RequestContext {
  account: string;
  /** From the SigV4 credential scope of the request. */
  region: string;
  input: Input;
  store: ResourceStore;
  listPageSize: number;
}

export type OperationHandler = (ctx: RequestContext) => object;

/** Where a resource of that scope lives for this caller; CLOUDFRONT only from us-east-1. */
export function locate(account: string, region: string, scope: WafScope): Location {
  if (scope === 'CLOUDFRONT' && region !== CLOUDFRONT_REGION)
    throw invalidParameter('SCOPE_VALUE', scope, 'The scope is not valid.');
  return { account, region, scope };
}

/** Finds the resource a Get/Update/Delete names by Name, Scope and Id; `extra` checks other members in the same pass. */
export function identify<K extends ResourceKind>(
  ctx: RequestContext,
  kind: K,
  extra?: (c: InputChecks) => void,
) {
  const { name, scope, id } = validated(ctx.input, (c) => {
    extra?.(c);
    return {
      name: c.string('Name', NAME_RULE, true),
      scope: c.oneOf('Scope', SCOPES),
      id: c.string('Id', ID_RULE, true),
    };
  });
  return ctx.store.get(kind, locate(ctx.account, ctx.region, scope), name, id);
}

/** Name, Id, ARN and Description (when it has one): how Get* names the resource it returns. */
export function namedFields(r: ResourceRecord): Record<string, string> {
  return {
    Name: r.name,
    Id: r.id,
    ARN: r.arn,
    ...(r.description !== undefined ? { Description: r.description } : {}),
  };
}

/** The summary List* and Create* return. */
export function summary(r: ResourceRecord): Record<string, string> {
  return {
    Name: r.name,
    Id: r.id,
    ...(r.description !== undefined ? { Description: r.description } : {}),
    LockToken: r.lockToken,
    ARN: r.arn,
  };
}

/** List* for a kind: summaries under `listKey`, paginated by Limit/NextMarker. */
export function listSummaries(ctx: RequestContext, kind: ResourceKind, listKey: string): object {
  const { scope, marker, limit } = validated(ctx.input, (c) => ({
    scope: c.oneOf('Scope', SCOPES),
    marker: c.string('NextMarker', MARKER_RULE),
    limit: c.integer('Limit', 1, 100),
  }));
  const all = ctx.store.list(kind, locate(ctx.account, ctx.region, scope));
  const page = paginate(all, sortKey, marker, pageLimit(ctx, limit));
  return {
    ...(page.nextMarker ? { NextMarker: page.nextMarker } : {}),
    [listKey]: page.items.map(summary),
  };
}

export function pageLimit(ctx: RequestContext, limit: number | undefined): number {
  return Math.min(limit ?? 100, ctx.listPageSize);
}
