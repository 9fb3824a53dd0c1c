// Rule groups and web ACLs: Create/Get/List/Update/Delete, stored as given (Rules,
// VisibilityConfig, CustomResponseBodies, Capacity, DefaultAction, ...) so the local edge can
// evaluate them, and so what the Terraform provider reads back is what it wrote.

import { parseArn } from './arn.js';
import { associatedItem, nonexistentItem } from './aws-error.js';
import {
  identify,
  listSummaries,
  locate,
  SCOPES,
  summary,
  type OperationHandler,
  type RequestContext,
} from './context.js';
import { ARN_RULE, DESCRIPTION_RULE, ID_RULE, NAME_RULE, validated, type Input } from './input.js';
import { bumpLockToken, checkLockToken, type DocumentRecord, type Location } from './store.js';

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
const KEPT_APART = new Set(['Name', 'Scope', 'Description', 'Tags', 'Id', 'LockToken']);
/** Fixed at creation: UpdateRuleGroup does not take them, so they stay as created. */
const FIXED = new Set(['Capacity']);

function documentOf(input: Input): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([member]) => !KEPT_APART.has(member)));
}

/** Like AWS, a statement may only reference resources that exist alongside it. */
function checkReferences(ctx: RequestContext, document: unknown, at: Location): void {
  for (const arn of referencedArns(document)) {
    const target = parseArn(arn);
    if (!target || target.region !== at.region || target.scope !== at.scope)
      throw nonexistentItem();
    ctx.store.getByArn(arn, at.region);
  }
}

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
    const document = documentOf(ctx.input);
    checkReferences(ctx, document, at);
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

/** Update*: the whole document is replaced (an omitted Description is cleared), with the lock token. */
function update(kind: DocumentKind): OperationHandler {
  return (ctx: RequestContext) => {
    let fields = { description: undefined as string | undefined, lockToken: '' };
    const record: DocumentRecord = identify(ctx, kind.kind, (c) => {
      kind.required.filter((member) => !FIXED.has(member)).forEach((m) => c.required(m));
      fields = {
        description: c.string('Description', DESCRIPTION_RULE),
        lockToken: c.string('LockToken', ID_RULE, true),
      };
    });
    const document = documentOf(ctx.input);
    checkReferences(ctx, document, record);
    checkLockToken(record, fields.lockToken);
    const fixed = Object.entries(record.document).filter(([member]) => FIXED.has(member));
    record.document = { ...document, ...Object.fromEntries(fixed) };
    if (fields.description === undefined) delete record.description;
    else record.description = fields.description;
    return { NextLockToken: bumpLockToken(record) };
  };
}

/** Delete*: refused while a web ACL references the rule group, or while the web ACL protects a resource. */
function remove(kind: DocumentKind): OperationHandler {
  return (ctx: RequestContext) => {
    let lockToken = '';
    const record: DocumentRecord = identify(ctx, kind.kind, (c) => {
      lockToken = c.string('LockToken', ID_RULE, true);
    });
    checkLockToken(record, lockToken);
    const referenced = ctx.store
      .all()
      .some(
        (r) =>
          (r.kind === 'rulegroup' || r.kind === 'webacl') &&
          referencedArns(r.document).includes(record.arn),
      );
    const associated = [...ctx.store.associations.values()].includes(record.arn);
    if (referenced || associated) throw associatedItem();
    ctx.store.delete(record);
    return {};
  };
}

function operations(kind: DocumentKind): Record<string, OperationHandler> {
  return {
    [`Create${kind.noun}`]: create(kind),
    [`Get${kind.noun}`]: get(kind),
    [`List${kind.listKey}`]: (ctx) => listSummaries(ctx, kind.kind, kind.listKey),
    [`Update${kind.noun}`]: update(kind),
    [`Delete${kind.noun}`]: remove(kind),
  };
}

export const documentOperations: Record<string, OperationHandler> = {
  ...operations(RULE_GROUP),
  ...operations(WEB_ACL),
};
