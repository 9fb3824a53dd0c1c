// A web ACL decides one request: its rules in priority order (a rule group reference runs the
// group's rules in their own priority order), the first terminating action wins, and the
// default action applies when none matched. A matching rule adds its labels (RuleLabels, in the
// namespace of the web ACL or rule group that defines it) whatever its action, so a Count rule
// can label a request for the rules after it.
import type {
  DefaultAction,
  OverrideAction,
  Rule,
  RuleActionOverride,
  RuleGroup,
  RuleGroupReferenceStatement,
  WebACL,
} from '@aws-sdk/client-wafv2';
import {
  ruleOutcome,
  type BlockResponse,
  type ResponseBodies,
  type RuleOutcome,
} from './rule-action.js';
import { fullyQualifiedLabel } from './label-match.js';
import { matchesStatement, type InspectionContext } from './statement.js';
import { onlyKnownMembers, soleMember, UnsupportedWafFeature } from './unsupported.js';

export interface Verdict {
  readonly action: 'ALLOW' | 'BLOCK';
  /** Present when action is BLOCK. */
  readonly response?: BlockResponse;
  /** `rule-group-name/rule-name` or `web-acl-name/rule-name`, or `Default_Action`. */
  readonly terminatingRule: string;
  /** Rules that matched with Count (or were counted by an override), in order. */
  readonly counted: readonly string[];
  /** Fully qualified labels the matching rules added, in order. */
  readonly labels: readonly string[];
}

export type RuleGroupsByArn = ReadonlyMap<string, RuleGroup>;

const RULE_MEMBERS = [
  'Name',
  'Priority',
  'Statement',
  'Action',
  'OverrideAction',
  'VisibilityConfig',
  'RuleLabels',
];

export function evaluateWebAcl(
  webAcl: WebACL,
  ruleGroups: RuleGroupsByArn,
  context: InspectionContext,
): Verdict {
  const trail: Trail = { counted: [], labels: [] };
  const aclName = webAcl.Name ?? 'web-acl';
  for (const rule of byPriority(webAcl.Rules)) {
    const where = `${aclName}/${rule.Name ?? '?'}`;
    onlyKnownMembers(rule, RULE_MEMBERS, where);
    if (!rule.Statement) throw new UnsupportedWafFeature(where, 'rule without Statement');
    const reference = rule.Statement.RuleGroupReferenceStatement;
    const decided = reference
      ? evaluateReferencedGroup(rule, reference, ruleGroups, context, trail, where)
      : evaluateRule(
          rule,
          { bodies: webAcl.CustomResponseBodies ?? {}, labelNamespace: webAcl.LabelNamespace },
          context,
          trail,
          where,
        );
    if (decided) return { ...decided, ...trail };
  }
  return {
    ...defaultVerdict(
      webAcl.DefaultAction,
      webAcl.CustomResponseBodies ?? {},
      `${aclName}.DefaultAction`,
    ),
    ...trail,
  };
}

type Decision = Omit<Verdict, 'counted' | 'labels'>;

/** What the evaluation has recorded so far; labels are visible to every later rule. */
interface Trail {
  readonly counted: string[];
  readonly labels: string[];
}

/** The web ACL or rule group that defines a rule: its response bodies and label namespace. */
interface Definer {
  readonly bodies: ResponseBodies;
  readonly labelNamespace: string | undefined;
}

/** A rule defined in the web ACL or a rule group; returns a decision when its action terminates. */
function evaluateRule(
  rule: Rule,
  definer: Definer,
  context: InspectionContext,
  trail: Trail,
  where: string,
  actionOverride?: RuleActionOverride['ActionToUse'],
): Decision | undefined {
  if (!rule.Statement) throw new UnsupportedWafFeature(where, 'rule without Statement');
  if (rule.OverrideAction)
    throw new UnsupportedWafFeature(where, 'OverrideAction outside a rule group reference');
  const action = actionOverride ?? rule.Action;
  if (!action) throw new UnsupportedWafFeature(where, 'rule without Action');
  // Resolve the action before matching so that a malformed action fails on every request.
  const outcome = ruleOutcome(action, definer.bodies, `${where}.Action`);
  const added = ruleLabels(rule, definer.labelNamespace, where);
  const inContext = { ...context, labels: trail.labels, labelNamespace: definer.labelNamespace };
  if (!matchesStatement(rule.Statement, inContext, `${where}.Statement`)) return undefined;
  trail.labels.push(...added);
  return decide(outcome, trail.counted, where);
}

/** The rule's labels, fully qualified; checked before matching so a bad label fails on every request. */
function ruleLabels(rule: Rule, namespace: string | undefined, where: string): string[] {
  const labels = rule.RuleLabels ?? [];
  if (labels.length === 0) return [];
  if (namespace === undefined)
    throw new UnsupportedWafFeature(
      where,
      'RuleLabels in a rule group or web ACL without LabelNamespace',
    );
  return labels.map((label, i) => {
    onlyKnownMembers(label, ['Name'], `${where}.RuleLabels[${i}]`);
    if (!label.Name)
      throw new UnsupportedWafFeature(`${where}.RuleLabels[${i}]`, 'label without Name');
    return fullyQualifiedLabel(namespace, label.Name);
  });
}

function evaluateReferencedGroup(
  rule: Rule,
  reference: RuleGroupReferenceStatement,
  ruleGroups: RuleGroupsByArn,
  context: InspectionContext,
  trail: Trail,
  where: string,
): Decision | undefined {
  onlyKnownMembers(
    reference,
    ['ARN', 'RuleActionOverrides'],
    `${where}.RuleGroupReferenceStatement`,
  );
  if (rule.Action)
    throw new UnsupportedWafFeature(where, 'Action on a rule group reference (use OverrideAction)');
  const group = reference.ARN !== undefined ? ruleGroups.get(reference.ARN) : undefined;
  if (!group)
    throw new UnsupportedWafFeature(where, `rule group ${String(reference.ARN)} was not loaded`);
  const countAll = overrideCountsAll(rule.OverrideAction, `${where}.OverrideAction`);
  const overrides = new Map(
    (reference.RuleActionOverrides ?? []).map((o) => [o.Name, o.ActionToUse]),
  );
  for (const inner of byPriority(group.Rules)) {
    const at = `${group.Name ?? 'rule-group'}/${inner.Name ?? '?'}`;
    onlyKnownMembers(inner, RULE_MEMBERS, at);
    const override = countAll ? { Count: {} } : overrides.get(inner.Name);
    const decided = evaluateRule(
      inner,
      { bodies: group.CustomResponseBodies ?? {}, labelNamespace: group.LabelNamespace },
      context,
      trail,
      at,
      override,
    );
    if (decided) return decided;
  }
  return undefined;
}

/** OverrideAction None keeps the group's actions; Count turns all of them into Count. */
function overrideCountsAll(override: OverrideAction | undefined, where: string): boolean {
  if (!override)
    throw new UnsupportedWafFeature(where, 'rule group reference without OverrideAction');
  const [kind] = soleMember(override, where);
  if (kind !== 'None' && kind !== 'Count')
    throw new UnsupportedWafFeature(where, `override action ${kind}`);
  return kind === 'Count';
}

function decide(outcome: RuleOutcome, counted: string[], rule: string): Decision | undefined {
  if (outcome.action === 'COUNT') {
    counted.push(rule);
    return undefined;
  }
  return outcome.action === 'BLOCK'
    ? { action: 'BLOCK', response: outcome.response, terminatingRule: rule }
    : { action: 'ALLOW', terminatingRule: rule };
}

function defaultVerdict(
  action: DefaultAction | undefined,
  bodies: ResponseBodies,
  where: string,
): Decision {
  if (!action) throw new UnsupportedWafFeature(where, 'web ACL without DefaultAction');
  const outcome = ruleOutcome(action, bodies, where);
  if (outcome.action === 'COUNT') throw new UnsupportedWafFeature(where, 'Count as default action');
  return outcome.action === 'BLOCK'
    ? { action: 'BLOCK', response: outcome.response, terminatingRule: 'Default_Action' }
    : { action: 'ALLOW', terminatingRule: 'Default_Action' };
}

function byPriority(rules: readonly Rule[] | undefined): Rule[] {
  return [...(rules ?? [])].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0));
}
