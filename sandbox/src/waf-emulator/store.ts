// Every stored resource, keyed by ARN (which holds account, region, scope, kind, name and id).

import { randomUUID } from 'node:crypto';
import { formatArn, type ResourceKind } from './arn.js';
import { duplicateItem, limitsExceeded, nonexistentItem, optimisticLock } from './aws-error.js';
import { compareKeys } from './paginate.js';
import type { IpAddressVersion, WafScope } from './types.js';

export const MAX_TAGS_PER_RESOURCE = 50;

interface BaseRecord {
  account: string;
  region: string;
  scope: WafScope;
  name: string;
  id: string;
  arn: string;
  lockToken: string;
  description?: string;
  tags: Record<string, string>;
}

export interface IpSetRecord extends BaseRecord {
  kind: 'ipset';
  ipAddressVersion: IpAddressVersion;
  addresses: string[];
}

export interface RegexPatternSetRecord extends BaseRecord {
  kind: 'regexpatternset';
  regularExpressions: string[];
}

/** A rule group or web ACL: the members it was created with, kept as given. */
export interface DocumentRecord extends BaseRecord {
  kind: 'rulegroup' | 'webacl';
  document: Record<string, unknown>;
}

export type ResourceRecord = IpSetRecord | RegexPatternSetRecord | DocumentRecord;

/** Where a resource lives: the part of its key that is not its name or id. */
export interface Location {
  account: string;
  region: string;
  scope: WafScope;
}

type NewRecord<R> = R extends ResourceRecord ? Omit<R, 'id' | 'arn' | 'lockToken'> : never;

export class ResourceStore {
  private readonly byArn = new Map<string, ResourceRecord>();
  /** AssociateWebACL: protected resource ARN -> web ACL ARN (at most one web ACL each). */
  readonly associations = new Map<string, string>();

  all(): ResourceRecord[] {
    return [...this.byArn.values()];
  }

  /** Resources of one kind at one location, sorted by name then id (the List* order). */
  list<K extends ResourceKind>(kind: K, at: Location): Extract<ResourceRecord, { kind: K }>[] {
    return this.all()
      .filter(
        (r): r is Extract<ResourceRecord, { kind: K }> => r.kind === kind && sameLocation(r, at),
      )
      .sort((a, b) => compareKeys(sortKey(a), sortKey(b)));
  }

  findByName<K extends ResourceKind>(kind: K, at: Location, name: string) {
    return this.list(kind, at).find((r) => r.name === name);
  }

  /** The resource named by Name+Id at that location, or WAFNonexistentItemException. */
  get<K extends ResourceKind>(kind: K, at: Location, name: string, id: string) {
    const found = this.byArn.get(formatArn({ ...at, kind, name, id }));
    if (!found || found.kind !== kind) throw nonexistentItem();
    return found as Extract<ResourceRecord, { kind: K }>;
  }

  getByArn(arn: string, region: string): ResourceRecord {
    const found = this.byArn.get(arn);
    if (!found || found.region !== region) throw nonexistentItem();
    return found;
  }

  /** Adds a resource with a fresh id and lock token; names are unique per kind and location. */
  create<R extends ResourceRecord>(record: NewRecord<R>): R {
    if (this.findByName(record.kind, record, record.name)) throw duplicateItem();
    checkTagCount(record.tags);
    const id = randomUUID();
    const created = {
      ...record,
      id,
      arn: formatArn({ ...record, id }),
      lockToken: randomUUID(),
    } as unknown as R;
    this.byArn.set(created.arn, created);
    return created;
  }

  delete(record: ResourceRecord): void {
    this.byArn.delete(record.arn);
  }
}

/** The fields every set shares, copied, for the public shapes (callers cannot change the store). */
export function publicFields(r: IpSetRecord | RegexPatternSetRecord) {
  return {
    name: r.name,
    id: r.id,
    arn: r.arn,
    scope: r.scope,
    region: r.region,
    ...(r.description !== undefined ? { description: r.description } : {}),
    lockToken: r.lockToken,
  };
}

/** Update* replaces every mutable field: an omitted Description clears it. A new lock token follows. */
export function replaceDescription(
  record: ResourceRecord,
  description: string | undefined,
): string {
  if (description === undefined) delete record.description;
  else record.description = description;
  return bumpLockToken(record);
}

/** The key List* sorts and paginates by. */
export function sortKey(r: ResourceRecord): string {
  return `${r.name}/${r.id}`;
}

export function sameLocation(a: Location, b: Location): boolean {
  return a.account === b.account && a.region === b.region && a.scope === b.scope;
}

/** Stale tokens are refused: the caller must re-read and re-apply its change. */
export function checkLockToken(record: ResourceRecord, lockToken: string): void {
  if (record.lockToken !== lockToken) throw optimisticLock();
}

/** Every successful write issues a new lock token. */
export function bumpLockToken(record: ResourceRecord): string {
  record.lockToken = randomUUID();
  return record.lockToken;
}

export function checkTagCount(tags: Record<string, string>): void {
  const count = Object.keys(tags).length;
  if (count > MAX_TAGS_PER_RESOURCE)
    throw limitsExceeded(`(at most ${MAX_TAGS_PER_RESOURCE} tags per resource, got ${count})`);
}
