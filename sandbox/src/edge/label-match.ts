// Labels as WAF adds and matches them (AWS WAF Developer Guide, "Label match examples").
// A rule's label is added, fully qualified with the namespace of the rule group or web ACL that
// defines the rule (`awswaf:<account>:rulegroup:<name>:` + label), when its statement matches,
// whatever its action; later rules in the same web ACL evaluation can match it.
// - Scope LABEL, key without prefix: a label of the matching rule's own context whose trailing
//   components are the key (`a:b` matches `<ns>:a:b` and `<ns>:x:a:b`, not `<ns>:a:bc`).
// - Scope LABEL, key with the `awswaf:` prefix: exactly that label, from any context.
// - Scope NAMESPACE (key ends with `:`): labels of the matching rule's context that start with the
//   key right after the prefix, or, with the `awswaf:` prefix, labels that start with the key.
import type { LabelMatchStatement } from '@aws-sdk/client-wafv2';
import { onlyKnownMembers, UnsupportedWafFeature } from './unsupported.js';

const FULLY_QUALIFIED = 'awswaf:';
/** LabelMatchStatement.Key as the API constrains it. */
const KEY_PATTERN = /^[0-9A-Za-z_\-:]{1,1024}$/;

/** The labels a request carries so far, and the namespace of the rule being evaluated. */
export interface LabelContext {
  readonly labels: readonly string[];
  /** e.g. `awswaf:123456789012:rulegroup:shop-maintenance:`; undefined when the caller has none. */
  readonly namespace: string | undefined;
}

export function matchesLabel(
  statement: LabelMatchStatement,
  context: LabelContext,
  where: string,
): boolean {
  onlyKnownMembers(statement, ['Scope', 'Key'], where);
  const { Scope: scope, Key: key } = statement;
  if (key === undefined || !KEY_PATTERN.test(key))
    throw new UnsupportedWafFeature(where, `label match key ${JSON.stringify(key)}`);
  if (scope !== 'LABEL' && scope !== 'NAMESPACE')
    throw new UnsupportedWafFeature(where, `label match scope ${String(scope)}`);
  if (key.startsWith(FULLY_QUALIFIED))
    return context.labels.some((label) =>
      scope === 'LABEL' ? label === key : label.startsWith(key),
    );
  const namespace = context.namespace;
  if (namespace === undefined)
    throw new UnsupportedWafFeature(where, 'label match without the rule’s label namespace');
  return context.labels.some((label) => {
    if (!label.startsWith(namespace)) return false;
    const local = label.slice(namespace.length);
    return scope === 'LABEL'
      ? local === key || local.endsWith(`:${key}`)
      : local.startsWith(key.endsWith(':') ? key : `${key}:`);
  });
}

/** A rule's label as WAF adds it to the request. */
export function fullyQualifiedLabel(namespace: string, label: string): string {
  return `${namespace}${label}`;
}
