// Every rule on a single input, once. validate-props.ts tests them on the construct's literal
// props; module-variables.ts renders them as the plain module's `validation` blocks. The message
// reads after the field's name in both: "<field> <message>".

import { SCOPES } from '@maintenance-action/contract';
import { MAX_REACHABLE_PATH_PREFIXES } from '../capacity.js';
import type { MaintenanceWafProps } from '../props.js';
import {
  GITHUB_ENVIRONMENT_PATTERN,
  GITHUB_ENVIRONMENTS_MAX,
  GITHUB_REPOSITORY_PATTERN,
  IAM_ROLE_NAME_MAX_LENGTH,
  IAM_ROLE_NAME_PATTERN,
  NAME_PREFIX_MAX_LENGTH,
  OIDC_PROVIDER_ARN_PATTERN,
  REGIONAL_RESOURCE_ARN_PATTERN,
  RESERVED_METRIC_NAMES,
  RESPONSE_BODY_MAX_BYTES,
  RESPONSE_CODES,
  RETRY_AFTER_MAX_SECONDS,
  RETRY_AFTER_MIN_SECONDS,
  SEARCH_STRING_MAX_LENGTH,
  WAF_NAME_PATTERN,
} from '../waf-limits.js';
import {
  allOf,
  bytesBetween,
  countBetween,
  everyItem,
  lengthBetween,
  matches,
  noDuplicates,
  noneOf,
  oneOf,
  startsWith,
  utf8Bytes,
  validJson,
  wholeNumberBetween,
  type ItemPredicate,
  type Predicate,
} from './predicate.js';

export const DEFAULT_ROLE_NAME_SUFFIX = '-maintenance-action';

interface RuleBase {
  /** The plain module's variable. */
  readonly variable: string;
  /** The construct's prop, as problems name it. */
  readonly field: string;
  /** The prop's value; undefined when unset (nothing to check). */
  readonly value: (props: MaintenanceWafProps) => unknown;
  /** The variable may be null (then the rule holds). */
  readonly nullable?: boolean;
  readonly message: string;
  /** What the construct adds about the value it saw (Terraform's message cannot say it). */
  readonly detail?: (value: unknown) => string;
}

export interface ValueRule extends RuleBase {
  readonly check: Predicate;
}

/** A rule on each item of a list; problems name `field[index]`. */
export interface ItemRule extends RuleBase {
  readonly each: ItemPredicate;
}

export type VariableRule = ValueRule | ItemRule;

/** IAM role names, for the role name given and the default one alike. */
export const ROLE_NAME = allOf(
  matches(IAM_ROLE_NAME_PATTERN),
  lengthBetween(1, IAM_ROLE_NAME_MAX_LENGTH),
);
export const ROLE_NAME_MESSAGE = `must be at most ${IAM_ROLE_NAME_MAX_LENGTH} characters of [A-Za-z0-9_+=,.@-] (IAM); set github.roleName (github_role_name in the module) when N is long`;

const BODY = bytesBetween(1, RESPONSE_BODY_MAX_BYTES);
const BODY_MESSAGE = `must be 1 to ${RESPONSE_BODY_MAX_BYTES} bytes of UTF-8 (WAF's custom response body quota)`;
const bodySize = (value: unknown) => `it is ${utf8Bytes(value as string)} bytes`;

export const VARIABLE_RULES: readonly VariableRule[] = [
  {
    variable: 'name',
    field: 'name',
    value: (p) => p.name,
    check: matches(WAF_NAME_PATTERN),
    message: 'may contain only letters, digits, "-" and "_" (WAF names match ^[\\w-]+$)',
  },
  {
    variable: 'name',
    field: 'name',
    value: (p) => p.name,
    check: lengthBetween(1, NAME_PREFIX_MAX_LENGTH),
    message: `must be 1 to ${NAME_PREFIX_MAX_LENGTH} characters so that "N-active-ipv4" fits WAF's 128`,
  },
  {
    variable: 'name',
    field: 'name',
    value: (p) => p.name,
    check: noneOf(RESERVED_METRIC_NAMES),
    message: `is reserved by WAF as a metric name (${RESERVED_METRIC_NAMES.join(', ')})`,
  },
  {
    variable: 'scope',
    field: 'scope',
    value: (p) => p.scope,
    check: oneOf(SCOPES),
    message: `must be one of ${SCOPES.join(', ')}`,
  },
  {
    variable: 'retry_after_seconds',
    field: 'retryAfterSeconds',
    value: (p) => p.retryAfterSeconds,
    check: wholeNumberBetween(RETRY_AFTER_MIN_SECONDS, RETRY_AFTER_MAX_SECONDS),
    message: `must be a whole number from ${RETRY_AFTER_MIN_SECONDS} to ${RETRY_AFTER_MAX_SECONDS}`,
  },
  {
    variable: 'status_code',
    field: 'statusCode',
    value: (p) => p.statusCode,
    check: oneOf(RESPONSE_CODES),
    message: `must be a status code WAF supports in custom responses: ${RESPONSE_CODES.join(', ')}`,
  },
  {
    variable: 'maintenance_page_html',
    field: 'maintenancePageHtml',
    value: (p) => p.maintenancePageHtml,
    nullable: true,
    check: BODY,
    message: BODY_MESSAGE,
    detail: bodySize,
  },
  {
    variable: 'api_response_json',
    field: 'apiResponseJson',
    value: (p) => p.apiResponseJson,
    nullable: true,
    check: BODY,
    message: BODY_MESSAGE,
    detail: bodySize,
  },
  {
    variable: 'api_response_json',
    field: 'apiResponseJson',
    value: (p) => p.apiResponseJson,
    nullable: true,
    check: validJson(),
    message: 'must be valid JSON (it is served as application/json)',
  },
  {
    variable: 'reachable_path_prefixes',
    field: 'reachablePathPrefixes',
    value: (p) => p.reachablePathPrefixes,
    check: countBetween(0, MAX_REACHABLE_PATH_PREFIXES),
    message: `may list at most ${MAX_REACHABLE_PATH_PREFIXES} prefixes (the rule group's fixed capacity)`,
    detail: (value) => `it lists ${(value as unknown[]).length}`,
  },
  {
    variable: 'reachable_path_prefixes',
    field: 'reachablePathPrefixes',
    value: (p) => p.reachablePathPrefixes,
    each: everyItem(allOf(startsWith('/'), lengthBetween(1, SEARCH_STRING_MAX_LENGTH))),
    message: `must start with "/" and be at most ${SEARCH_STRING_MAX_LENGTH} characters`,
  },
  {
    variable: 'reachable_path_prefixes',
    field: 'reachablePathPrefixes',
    value: (p) => p.reachablePathPrefixes,
    each: noDuplicates(),
    message: 'must not list a prefix twice',
  },
  {
    variable: 'associated_resource_arn',
    field: 'associatedResourceArn',
    value: (p) => p.associatedResourceArn,
    nullable: true,
    check: matches(REGIONAL_RESOURCE_ARN_PATTERN),
    message: 'must be the ARN of a regional resource (ALB, API Gateway stage, AppSync API, ...)',
  },
  {
    variable: 'github_repository',
    field: 'github.repository',
    value: (p) => p.github?.repository,
    nullable: true,
    check: matches(GITHUB_REPOSITORY_PATTERN),
    message: 'must be OWNER/REPO',
  },
  {
    variable: 'github_environments',
    field: 'github.environments',
    value: (p) => p.github?.environments,
    check: countBetween(1, GITHUB_ENVIRONMENTS_MAX),
    message: `must list 1 to ${GITHUB_ENVIRONMENTS_MAX} GitHub environments (the trust policy names each one)`,
  },
  {
    variable: 'github_environments',
    field: 'github.environments',
    value: (p) => p.github?.environments,
    each: everyItem(matches(GITHUB_ENVIRONMENT_PATTERN)),
    message: 'must be a GitHub environment name (1 to 255 characters, no ":", "*" or "?")',
  },
  {
    variable: 'github_environments',
    field: 'github.environments',
    value: (p) => p.github?.environments,
    each: noDuplicates(),
    message: 'must not list an environment twice',
  },
  {
    variable: 'github_oidc_provider_arn',
    field: 'github.oidcProviderArn',
    value: (p) => p.github?.oidcProviderArn,
    nullable: true,
    check: matches(OIDC_PROVIDER_ARN_PATTERN),
    message: 'must be the ARN of the token.actions.githubusercontent.com OIDC provider',
  },
  {
    // The construct checks the role name it will use, given or default; the module checks the
    // variable here and the default (which depends on `name`) in a precondition on the role.
    variable: 'github_role_name',
    field: 'github.roleName',
    value: (p) =>
      p.github === undefined
        ? undefined
        : (p.github.roleName ?? `${p.name}${DEFAULT_ROLE_NAME_SUFFIX}`),
    nullable: true,
    check: ROLE_NAME,
    message: ROLE_NAME_MESSAGE,
  },
];

export function isItemRule(rule: VariableRule): rule is ItemRule {
  return 'each' in rule;
}

/** The rules of one variable as Terraform validation blocks (null-safe where the variable may be null). */
export function validationBlocks(variable: string): { condition: string; errorMessage: string }[] {
  return VARIABLE_RULES.filter((rule) => rule.variable === variable).map((rule) => {
    const ref = `var.${variable}`;
    const test = isItemRule(rule) ? rule.each.hcl(ref) : rule.check.hcl(ref);
    return {
      condition: `\${${rule.nullable ? `${ref} == null ? true : (${test})` : test}}`,
      errorMessage: `${variable} ${rule.message}.`,
    };
  });
}
