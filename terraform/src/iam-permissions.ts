// Exactly what the action may do, in one constant. Checked against the service authorization
// reference for AWS WAF V2 (service prefix wafv2):
// - ListIPSets and ListRegexPatternSets have no resource type: they can only be granted on "*".
//   They are narrowed with the global condition key aws:RequestedRegion to the one region the
//   environment's sets live in (us-east-1 for CLOUDFRONT). They reveal names and ids of sets,
//   never their contents.
// - GetIPSet and UpdateIPSet take the `ipset` resource type
//   (arn:${Partition}:wafv2:${Region}:${Account}:${Scope}/ipset/${Name}/${Id}), so they are granted on
//   the four set ARNs only. UpdateIPSet cannot change a rule, a web ACL or any other set.
// - GetRegexPatternSet and UpdateRegexPatternSet take the `regexpatternset` resource type
//   (arn:${Partition}:wafv2:${Region}:${Account}:${Scope}/regexpatternset/${Name}/${Id}), so they
//   are granted on the one `N-bypass` set that holds bypass tokens. No tag actions: tokens carry
//   their expiry in the set entry itself.
// - GetWebACL (read-only) takes the `webacl` resource type. After a failed probe and with
//   `status --verify` the action reads the web ACL that serves the site to say whether it
//   references the rule group before its Allow rules. Granted on the module's web ACL; without
//   one (create_web_acl = false) on the web ACLs of the rule group's region and scope
//   (`.../webacl/*/*`), since the module does not know which of them is yours.
// - What a window cost (exit, status, report) is read from CloudWatch with GetMetricData
//   (service prefix cloudwatch). It has no resource type and no condition key to narrow it by
//   metric: IAM can only grant it on "*", narrowed here to the environment's region. It reads
//   metrics only (any namespace in that region), never changes anything.

import type { SetTarget } from '@maintenance-action/contract';

export interface ActionPermission {
  readonly sid: string;
  readonly actions: readonly string[];
  /**
   * The sets the actions are scoped to, 'region' for actions IAM can only grant on "*", or
   * 'web-acl' for the web ACL that serves the site.
   */
  readonly on: readonly SetTarget[] | 'region' | 'web-acl';
}

export const ACTION_PERMISSIONS: readonly ActionPermission[] = [
  {
    sid: 'ResolveSetsByName',
    actions: ['wafv2:ListIPSets', 'wafv2:ListRegexPatternSets'],
    on: 'region',
  },
  {
    sid: 'SwitchMaintenanceSets',
    actions: ['wafv2:GetIPSet', 'wafv2:UpdateIPSet'],
    on: ['active-ipv4', 'active-ipv6', 'allow-ipv4', 'allow-ipv6'],
  },
  {
    sid: 'BypassTokens',
    actions: ['wafv2:GetRegexPatternSet', 'wafv2:UpdateRegexPatternSet'],
    on: ['bypass'],
  },
  { sid: 'CheckWebAclReferencesRuleGroup', actions: ['wafv2:GetWebACL'], on: 'web-acl' },
  { sid: 'ReadWindowMetrics', actions: ['cloudwatch:GetMetricData'], on: 'region' },
];
