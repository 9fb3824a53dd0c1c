// The optional web ACL `N`: default Allow, the maintenance rule group first, nothing else. Teams
// with their own web ACL skip it and add the same rule_group_reference_statement at priority 0.

import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl/index.js';
import type { Construct } from 'constructs';
import { visibility } from './maintenance-rule-group.js';

export interface WebAclInputs {
  readonly name: string;
  readonly scope: string;
  readonly ruleGroupArn: string;
  readonly tags: { [key: string]: string } | undefined;
  readonly count: number | undefined;
}

/** The web ACL rule that hands every request to the maintenance rule group first. */
export function maintenanceRuleReference(name: string, ruleGroupArn: string) {
  return {
    name: `${name}-maintenance`,
    priority: 0,
    overrideAction: { none: {} },
    statement: { rule_group_reference_statement: { arn: ruleGroupArn } },
    visibilityConfig: visibility(`${name}-maintenance`),
  };
}

export function declareWebAcl(scope: Construct, inputs: WebAclInputs): Wafv2WebAcl {
  return new Wafv2WebAcl(scope, 'web-acl', {
    name: inputs.name,
    description:
      'maintenance-action: allows everything unless the maintenance rule group blocks it',
    scope: inputs.scope,
    defaultAction: { allow: {} },
    rule: [maintenanceRuleReference(inputs.name, inputs.ruleGroupArn)],
    visibilityConfig: visibility(inputs.name),
    ...(inputs.tags !== undefined ? { tags: inputs.tags } : {}),
    ...(inputs.count !== undefined ? { count: inputs.count } : {}),
  });
}
