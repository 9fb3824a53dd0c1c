// Does the web ACL that serves the site hand requests to the maintenance rule group, and before
// anything that lets them through? Pure: reads a web ACL as GetWebACL returns it. WAF runs a web
// ACL's rules in ascending Priority; the first Allow or Block ends evaluation, so an Allow rule
// with a lower number than the reference lets its requests past maintenance.

/** The parts of a WAFv2 WebACL this reads (the SDK's WebACL is assignable to it). */
export interface WebAclDocument {
  readonly Name?: string | undefined;
  readonly Rules?: readonly WebAclRule[] | undefined;
}

interface WebAclRule {
  readonly Name?: string | undefined;
  readonly Priority?: number | undefined;
  readonly Action?: { readonly Allow?: unknown } | undefined;
  readonly OverrideAction?: { readonly Count?: unknown } | undefined;
  readonly Statement?:
    | { readonly RuleGroupReferenceStatement?: { readonly ARN?: string | undefined } | undefined }
    | undefined;
}

export type WebAclVerdict =
  | 'references it first'
  | 'not referenced'
  | 'allow rule before it'
  | 'only counted'
  | 'not checked';

export interface WebAclCheck {
  /** The web ACL as named in the config. */
  readonly webAcl: string;
  /** The module's rule group `N-maintenance`. */
  readonly ruleGroup: string;
  readonly verdict: WebAclVerdict;
  /** What was found, one sentence each. */
  readonly findings: readonly string[];
}

/** The rule group the module creates for environment prefix N. */
export function maintenanceRuleGroupName(prefix: string): string {
  return `${prefix}-maintenance`;
}

/** `.../rulegroup/<name>/<id>`: the name part of a rule group ARN. */
function ruleGroupNameOf(arn: string | undefined): string | undefined {
  return /\/rulegroup\/([^/]+)\/[^/]+$/.exec(arn ?? '')?.[1];
}

export function checkWebAcl(webAcl: WebAclDocument, ruleGroup: string, name: string): WebAclCheck {
  const rules = [...(webAcl.Rules ?? [])].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0));
  const reference = rules.find(
    (rule) => ruleGroupNameOf(rule.Statement?.RuleGroupReferenceStatement?.ARN) === ruleGroup,
  );
  const at = (rule: WebAclRule) => `'${rule.Name ?? '?'}' (priority ${rule.Priority ?? 0})`;
  const result = (verdict: WebAclVerdict, findings: string[]): WebAclCheck => ({
    webAcl: name,
    ruleGroup,
    verdict,
    findings,
  });
  if (!reference) {
    return result('not referenced', [
      `web ACL ${name} does not reference rule group ${ruleGroup}: add a rule_group_reference_statement to it at priority 0 (before every Allow rule)`,
    ]);
  }
  const allowBefore = rules.filter(
    (rule) => rule.Action?.Allow !== undefined && (rule.Priority ?? 0) < (reference.Priority ?? 0),
  );
  if (allowBefore.length > 0) {
    return result('allow rule before it', [
      `web ACL ${name} references ${ruleGroup} in rule ${at(reference)}, but Allow ${allowBefore.length === 1 ? 'rule' : 'rules'} ${allowBefore.map(at).join(', ')} ${allowBefore.length === 1 ? 'runs' : 'run'} first: requests they match skip maintenance; give the reference a lower priority number`,
    ]);
  }
  if (reference.OverrideAction?.Count !== undefined) {
    return result('only counted', [
      `web ACL ${name} references ${ruleGroup} in rule ${at(reference)} with override action Count: its blocks are only counted; set the override action to None`,
    ]);
  }
  return result('references it first', [
    `web ACL ${name} references ${ruleGroup} in rule ${at(reference)}, before every Allow rule`,
  ]);
}

/** When the web ACL could not be read: say why, and what would let the check run. */
export function uncheckedWebAcl(name: string, ruleGroup: string, why: string): WebAclCheck {
  return { webAcl: name, ruleGroup, verdict: 'not checked', findings: [why] };
}
