// The plain-Terraform module's inputs: one variable per construct prop, with the same limits the
// construct checks at synth time (waf-limits.ts), written as Terraform validation blocks.
// Nullable checks use `cond ? true : ...` because Terraform's || does not short-circuit.

import { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { SCOPES } from '@maintenance-action/contract';
import { MAX_REACHABLE_PATH_PREFIXES } from './capacity.js';
import { DEFAULT_RETRY_AFTER_SECONDS, DEFAULT_STATUS_CODE } from './responses.js';
import {
  GITHUB_ENVIRONMENT_PATTERN,
  GITHUB_REPOSITORY_PATTERN,
  IAM_ROLE_NAME_MAX_LENGTH,
  IAM_ROLE_NAME_PATTERN,
  NAME_PREFIX_MAX_LENGTH,
  OIDC_PROVIDER_ARN_PATTERN,
  REGIONAL_RESOURCE_ARN_PATTERN,
  RESPONSE_BODY_MAX_BYTES,
  RESPONSE_CODE_MAX,
  RESPONSE_CODE_MIN,
  RETRY_AFTER_MAX_SECONDS,
  RETRY_AFTER_MIN_SECONDS,
  SEARCH_STRING_MAX_LENGTH,
  WAF_NAME_PATTERN,
} from './waf-limits.js';

interface Check {
  readonly condition: string;
  readonly errorMessage: string;
}

const matches = (pattern: string, ref: string) => `can(regex(${JSON.stringify(pattern)}, ${ref}))`;
const unlessNull = (ref: string, condition: string) => `${ref} == null ? true : (${condition})`;
const expression = (hcl: string) => `\${${hcl}}`;

function variable(
  scope: Construct,
  id: string,
  config: { type: string; description: string; default?: unknown; checks?: Check[] },
): TerraformVariable {
  const declared = new TerraformVariable(scope, id, {
    type: config.type,
    description: config.description,
    ...(config.default !== undefined && config.default !== null ? { default: config.default } : {}),
    ...(config.checks !== undefined
      ? {
          validation: config.checks.map((check) => ({
            condition: expression(check.condition),
            errorMessage: check.errorMessage,
          })),
        }
      : {}),
  });
  // cdktf cannot serialise a null default itself; optional inputs need one.
  if (config.default === null) declared.addOverride('default', null);
  return declared;
}

const bodyWithinQuota = (ref: string) =>
  unlessNull(ref, `length(${ref}) >= 1 && length(${ref}) <= ${RESPONSE_BODY_MAX_BYTES}`);

export function declareModuleVariables(scope: Construct) {
  return {
    name: variable(scope, 'name', {
      type: 'string',
      description: `Name prefix N: sets N-active-ipv4 ..., rule group N-maintenance, web ACL N. Letters, digits, - and _, at most ${NAME_PREFIX_MAX_LENGTH} characters.`,
      checks: [
        {
          condition: `${matches(WAF_NAME_PATTERN, 'var.name')} && length(var.name) <= ${NAME_PREFIX_MAX_LENGTH} && !contains(["All", "Default_Action"], var.name)`,
          errorMessage: `name must be 1 to ${NAME_PREFIX_MAX_LENGTH} letters, digits, - or _ (so N-active-ipv4 fits WAF's 128 characters), and not All or Default_Action.`,
        },
      ],
    }),
    scope: variable(scope, 'scope', {
      type: 'string',
      default: 'REGIONAL',
      description:
        'REGIONAL (ALB, API Gateway, ...) or CLOUDFRONT (configure the aws provider for us-east-1).',
      checks: [
        {
          condition: `contains(${JSON.stringify(SCOPES)}, var.scope)`,
          errorMessage: 'scope must be REGIONAL or CLOUDFRONT.',
        },
      ],
    }),
    retryAfterSeconds: variable(scope, 'retry_after_seconds', {
      type: 'number',
      default: DEFAULT_RETRY_AFTER_SECONDS,
      description:
        'Retry-After header of both responses and auto-refresh of the built-in page, in seconds.',
      checks: [
        {
          condition: `floor(var.retry_after_seconds) == var.retry_after_seconds && var.retry_after_seconds >= ${RETRY_AFTER_MIN_SECONDS} && var.retry_after_seconds <= ${RETRY_AFTER_MAX_SECONDS}`,
          errorMessage: `retry_after_seconds must be a whole number from ${RETRY_AFTER_MIN_SECONDS} to ${RETRY_AFTER_MAX_SECONDS}.`,
        },
      ],
    }),
    statusCode: variable(scope, 'status_code', {
      type: 'number',
      default: DEFAULT_STATUS_CODE,
      description: 'HTTP status of both maintenance responses.',
      checks: [
        {
          condition: `floor(var.status_code) == var.status_code && var.status_code >= ${RESPONSE_CODE_MIN} && var.status_code <= ${RESPONSE_CODE_MAX}`,
          errorMessage: `status_code must be a whole number from ${RESPONSE_CODE_MIN} to ${RESPONSE_CODE_MAX}.`,
        },
      ],
    }),
    maintenancePageHtml: variable(scope, 'maintenance_page_html', {
      type: 'string',
      default: null,
      description: `HTML page for browsers (Accept contains text/html). Null: the built-in accessible page. At most ${RESPONSE_BODY_MAX_BYTES} bytes.`,
      checks: [
        {
          condition: bodyWithinQuota('var.maintenance_page_html'),
          errorMessage: `maintenance_page_html must be 1 to ${RESPONSE_BODY_MAX_BYTES} characters (WAF's custom response body quota is 4 KB).`,
        },
      ],
    }),
    apiResponseJson: variable(scope, 'api_response_json', {
      type: 'string',
      default: null,
      description:
        'JSON body for API clients. Null: {"error":"maintenance","retryAfter":<retry_after_seconds>}.',
      checks: [
        {
          condition: bodyWithinQuota('var.api_response_json'),
          errorMessage: `api_response_json must be 1 to ${RESPONSE_BODY_MAX_BYTES} characters (WAF's custom response body quota is 4 KB).`,
        },
        {
          condition: unlessNull('var.api_response_json', 'can(jsondecode(var.api_response_json))'),
          errorMessage: 'api_response_json must be valid JSON (it is served as application/json).',
        },
      ],
    }),
    reachablePathPrefixes: variable(scope, 'reachable_path_prefixes', {
      type: 'list(string)',
      default: [],
      description: `URI path prefixes that stay reachable during maintenance (status page, page assets), case-sensitive. At most ${MAX_REACHABLE_PATH_PREFIXES}.`,
      checks: [
        {
          condition: `length(var.reachable_path_prefixes) <= ${MAX_REACHABLE_PATH_PREFIXES} && length(distinct(var.reachable_path_prefixes)) == length(var.reachable_path_prefixes)`,
          errorMessage: `reachable_path_prefixes may list at most ${MAX_REACHABLE_PATH_PREFIXES} distinct prefixes (the rule group's fixed capacity).`,
        },
        {
          condition: `alltrue([for prefix in var.reachable_path_prefixes : startswith(prefix, "/") && length(prefix) <= ${SEARCH_STRING_MAX_LENGTH}])`,
          errorMessage: `Each reachable path prefix must start with / and be at most ${SEARCH_STRING_MAX_LENGTH} characters.`,
        },
      ],
    }),
    createWebAcl: variable(scope, 'create_web_acl', {
      type: 'bool',
      default: true,
      description:
        'Create the web ACL N (default Allow, maintenance rule group first). False: reference rule_group_arn from your own web ACL at priority 0.',
    }),
    associatedResourceArn: variable(scope, 'associated_resource_arn', {
      type: 'string',
      default: null,
      description:
        "ARN of a regional resource to protect (ALB, API Gateway stage, ...). REGIONAL only: for CloudFront set the distribution's web_acl_id to the web_acl_arn output.",
      checks: [
        {
          condition: unlessNull(
            'var.associated_resource_arn',
            matches(REGIONAL_RESOURCE_ARN_PATTERN, 'var.associated_resource_arn'),
          ),
          errorMessage:
            'associated_resource_arn must be the ARN of a regional resource (ALB, API Gateway stage, AppSync API, ...).',
        },
      ],
    }),
    githubRepository: variable(scope, 'github_repository', {
      type: 'string',
      default: null,
      description:
        'OWNER/REPO whose workflows may switch this environment. Null: no IAM role is created.',
      checks: [
        {
          condition: unlessNull(
            'var.github_repository',
            matches(GITHUB_REPOSITORY_PATTERN, 'var.github_repository'),
          ),
          errorMessage: 'github_repository must be OWNER/REPO.',
        },
      ],
    }),
    githubEnvironment: variable(scope, 'github_environment', {
      type: 'string',
      default: 'production',
      description:
        'GitHub environment the job must run in; the role trusts only repo:OWNER/REPO:environment:<this>.',
      checks: [
        {
          condition: matches(GITHUB_ENVIRONMENT_PATTERN, 'var.github_environment'),
          errorMessage:
            'github_environment must be a GitHub environment name (1 to 255 characters, no ":", "*" or "?").',
        },
      ],
    }),
    githubOidcProviderArn: variable(scope, 'github_oidc_provider_arn', {
      type: 'string',
      default: null,
      description:
        "ARN of the account's existing token.actions.githubusercontent.com OIDC provider. Null: create it (an account can have only one).",
      checks: [
        {
          condition: unlessNull(
            'var.github_oidc_provider_arn',
            matches(OIDC_PROVIDER_ARN_PATTERN, 'var.github_oidc_provider_arn'),
          ),
          errorMessage:
            'github_oidc_provider_arn must be the ARN of the token.actions.githubusercontent.com OIDC provider.',
        },
      ],
    }),
    githubRoleName: variable(scope, 'github_role_name', {
      type: 'string',
      default: null,
      description: `Name of the role. Null: N-maintenance-action (IAM allows ${IAM_ROLE_NAME_MAX_LENGTH} characters, so set this when N is long).`,
      checks: [
        {
          condition: unlessNull(
            'var.github_role_name',
            `${matches(IAM_ROLE_NAME_PATTERN, 'var.github_role_name')} && length(var.github_role_name) <= ${IAM_ROLE_NAME_MAX_LENGTH}`,
          ),
          errorMessage: `github_role_name must be at most ${IAM_ROLE_NAME_MAX_LENGTH} characters of [A-Za-z0-9_+=,.@-].`,
        },
      ],
    }),
    configKey: variable(scope, 'config_key', {
      type: 'string',
      default: null,
      description:
        'Key of the environments: entry in the config_entry output. Null: github_environment when a role is created, else name.',
    }),
    tags: variable(scope, 'tags', {
      type: 'map(string)',
      default: {},
      description: 'Tags for every taggable resource.',
    }),
  };
}
