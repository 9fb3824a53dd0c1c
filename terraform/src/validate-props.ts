// Synth-time validation of the construct's props: every problem at once, each naming the prop and
// its value, before anything is declared. The rules on single inputs live in rules/variable-rules.ts
// (the plain module renders the same ones as validation blocks); values that are Terraform
// expressions (tokens) are left to those blocks and to the preconditions.

import { Token } from 'cdktf';
import { InputError, type Problem } from '@maintenance-action/contract';
import type { MaintenanceWafProps } from './props.js';
import { isItemRule, VARIABLE_RULES, type VariableRule } from './rules/variable-rules.js';
import { REGIONAL_RESOURCE_ARN_PATTERN } from './waf-limits.js';

export { DEFAULT_ROLE_NAME_SUFFIX } from './rules/variable-rules.js';

const isLiteral = (value: unknown): boolean =>
  value !== undefined && value !== null && !Token.isUnresolved(value);

/** Long values (a whole page) are shortened in messages. */
const shown = (value: unknown): unknown =>
  typeof value === 'string' && value.length > 256 ? `${value.slice(0, 77)}...` : value;

function apply(rule: VariableRule, props: MaintenanceWafProps, problems: Problem[]): void {
  const value = rule.value(props);
  if (!isLiteral(value)) return;
  const problem = (field: string, bad: unknown): Problem => ({
    field,
    value: shown(bad),
    message: rule.detail === undefined ? rule.message : `${rule.message}; ${rule.detail(bad)}`,
  });
  if (!isItemRule(rule)) {
    if (!rule.check.test(value)) problems.push(problem(rule.field, value));
    return;
  }
  const list = value as readonly unknown[];
  list.forEach((item, index) => {
    if (isLiteral(item) && !rule.each.test(item, index, list))
      problems.push(problem(`${rule.field}[${index}]`, item));
  });
}

/** Combinations of props; the plain module checks the same ones as preconditions (maintenance-waf.ts). */
function checkAssociation(props: MaintenanceWafProps, problems: Problem[]): void {
  const arn = props.associatedResourceArn;
  if (!isLiteral(arn)) return;
  if (props.scope === 'CLOUDFRONT') {
    problems.push({
      field: 'associatedResourceArn',
      value: arn,
      message:
        'cannot be used with scope CLOUDFRONT: WAF associates a CloudFront distribution from the distribution itself. ' +
        "Leave this unset and set the distribution's web_acl_id to the web_acl_arn output",
    });
  } else if (!new RegExp(REGIONAL_RESOURCE_ARN_PATTERN).test(arn!)) {
    return; // reported by the rule on the ARN itself
  }
  if (props.createWebAcl === false) {
    problems.push({
      field: 'associatedResourceArn',
      value: arn,
      message: 'needs the web ACL: it cannot be set with createWebAcl: false',
    });
  }
}

/** Throws an InputError listing every problem in the props; returns quietly when they are valid. */
export function validateProps(props: MaintenanceWafProps, where: string): void {
  const problems: Problem[] = [];
  for (const rule of VARIABLE_RULES) apply(rule, props, problems);
  checkAssociation(props, problems);
  if (problems.length > 0) throw new InputError(problems.map((p) => ({ ...p, file: where })));
}
