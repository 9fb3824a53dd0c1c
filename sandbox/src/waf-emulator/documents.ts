// Rule groups and web ACLs: Create/Get/List, stored as given (Rules, VisibilityConfig,
// CustomResponseBodies, Capacity, DefaultAction, ...) so the local edge can evaluate them.

import { parseArn } from './arn.js';
import { nonexistentItem } from './aws-error.js';
import {
  identify,
  listSummaries,
  locate,
  SCOPES,
  summary,
  type OperationHandler,
  type RequestContext,
} from './context.js';
import { ARN_RULE, DESCRIPTION_RULE, NAME_RULE, validated, type Input } from './input.js';
import type { DocumentRecord } from './store.js';

interface DocumentKind {
  kind: DocumentRecord['kind'];
  /** The API's noun: CreateRuleGroup, GetWebACL, ... */
  noun: 'RuleGroup' | 'WebACL';
  listKey: 'RuleGroups' | 'WebACLs';
  /** Required members besides Name and Scope. */
  required: readonly string[];
  /** Read-only members AWS adds to what was given. */
  computed: (r: DocumentRecord) => Record<string, unknown>;
}

const RULE_GROUP: DocumentKind = {
  kind: 'rulegroup',
  noun: 'RuleGroup',
  listKey: 'RuleGroups',
  required: ['Capacity', 'VisibilityConfig'],
  computed: (r) => ({ LabelNamespace: `awswaf:${r.account}:rulegroup:${r.name}:` }),
};

const WEB_ACL: DocumentKind = {
  kind: 'webacl',
  noun: 'WebACL',
  listKey: 'WebACLs',
  required: ['DefaultAction', 'VisibilityConfig'],
  computed: (r) => ({
    LabelNamespace: `awswaf:${r.account}:webacl:${r.name}:`,
    ManagedByFirewallManager: false,
  }),
};

/** Members the store keeps separately; everything else is the document, kept as given. */
const KEPT_APART = new Set(['Name', 'Scope', 'Description', 'Tags']);

const REFERENCE_STATEMENTS = new Set([
  'IPSetReferenceStatement',
  'RegexPatternSetReferenceStatement',
  'RuleGroupReferenceStatement',
]);

/** ARNs of the IP sets, regex pattern sets and rule groups a document's statements reference. */
export function referencedArns(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(referencedArns);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node as Input).flatMap(([key, value]) => {
    const own =
      REFERENCE_STATEMENTS.has(key) && typeof (value as Input | null)?.['ARN'] === 'string'
        ? [(value as Input)['ARN'] as string]
        : [];
    return [...own, ...referencedArns(value)];
  });
}

/** The document in the shape Get* returns it. */
export function apiShape(
  r: DocumentRecord,
  kind: DocumentKind = r.kind === 'webacl' ? WEB_ACL : RULE_GROUP,
): Record<string, unknown> {
  return {
    Name: r.name,
    Id: r.id,
    ARN: r.arn,
    ...(r.description !== undefined ? { Description: r.description } : {}),
    ...r.document,
    ...kind.computed(r),
  };
}

function create(kind: DocumentKind): OperationHandler {
  return (ctx: RequestContext) => {
    const { name, scope, description, tags } = validated(ctx.input, (c) => {
      kind.required.forEach((member) => c.required(member));
      if (kind.kind === 'rulegroup') c.integer('Capacity', 1, 1_000_000);
      return {
        name: c.string('Name', NAME_RULE, true),
        scope: c.oneOf('Scope', SCOPES),
        description: c.string('Description', DESCRIPTION_RULE),
        tags: c.tags('Tags', { required: false }),
      };
    });
    const at = locate(ctx.account, ctx.region, scope);
    const document = Object.fromEntries(
      Object.entries(ctx.input).filter(([member]) => !KEPT_APART.has(member)),
    );
    // Like AWS, a statement may only reference resources that exist alongside it.
    for (const arn of referencedArns(document)) {
      const target = parseArn(arn);
      if (!target || target.region !== at.region || target.scope !== at.scope)
        throw nonexistentItem();
      ctx.store.getByArn(arn, at.region);
    }
    const record = ctx.store.create<DocumentRecord>({
      kind: kind.kind,
      ...at,
      name,
      ...(description !== undefined ? { description } : {}),
      tags,
      document,
    });
    return { Summary: summary(record) };
  };
}

function get(kind: DocumentKind): OperationHandler {
  return (ctx: RequestContext) => {
    const arn = validated(ctx.input, (c) => c.string('ARN', ARN_RULE));
    const record = (
      arn !== undefined ? ctx.store.getByArn(arn, ctx.region) : identify(ctx, kind.kind)
    ) as DocumentRecord;
    if (record.kind !== kind.kind) throw nonexistentItem();
    return { [kind.noun]: apiShape(record, kind), LockToken: record.lockToken };
  };
}

function operations(kind: DocumentKind): Record<string, OperationHandler> {
  return {
    [`Create${kind.noun}`]: create(kind),
    [`Get${kind.noun}`]: get(kind),
    [`List${kind.listKey}`]: (ctx) => listSummaries(ctx, kind.kind, kind.listKey),
  };
}

export const documentOperations: Record<string, OperationHandler> = {
  ...operations(RULE_GROUP),
  ...operations(WEB_ACL),
};
