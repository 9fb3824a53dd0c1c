// The plain-Terraform module's inputs: one variable per construct prop. Their validation blocks are
// rendered from the same rules the construct checks at synth time (rules/variable-rules.ts).

import { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { MAX_REACHABLE_PATH_PREFIXES } from './capacity.js';
import { DEFAULT_RETRY_AFTER_SECONDS, DEFAULT_STATUS_CODE } from './responses.js';
import { validationBlocks } from './rules/variable-rules.js';
import {
  GITHUB_ENVIRONMENTS_MAX,
  IAM_ROLE_NAME_MAX_LENGTH,
  NAME_PREFIX_MAX_LENGTH,
  RESPONSE_BODY_MAX_BYTES,
} from './waf-limits.js';

function variable(
  scope: Construct,
  id: string,
  config: { type: string; description: string; default?: unknown },
): TerraformVariable {
  const validation = validationBlocks(id);
  const declared = new TerraformVariable(scope, id, {
    type: config.type,
    description: config.description,
    ...(config.default !== undefined && config.default !== null ? { default: config.default } : {}),
    ...(validation.length > 0 ? { validation } : {}),
  });
  // cdktf cannot serialise a null default itself; optional inputs need one.
  if (config.default === null) declared.addOverride('default', null);
  return declared;
}

export function declareModuleVariables(scope: Construct) {
  return {
    name: variable(scope, 'name', {
      type: 'string',
      description: `Name prefix N: sets N-active-ipv4 ..., rule group N-maintenance, web ACL N. Letters, digits, - and _, at most ${NAME_PREFIX_MAX_LENGTH} characters.`,
    }),
    scope: variable(scope, 'scope', {
      type: 'string',
      default: 'REGIONAL',
      description:
        'REGIONAL (ALB, API Gateway, ...) or CLOUDFRONT (configure the aws provider for us-east-1).',
    }),
    retryAfterSeconds: variable(scope, 'retry_after_seconds', {
      type: 'number',
      default: DEFAULT_RETRY_AFTER_SECONDS,
      description:
        'Retry-After header of both responses and auto-refresh of the built-in page, in seconds.',
    }),
    statusCode: variable(scope, 'status_code', {
      type: 'number',
      default: DEFAULT_STATUS_CODE,
      description:
        'HTTP status of both maintenance responses: one of the codes WAF supports in custom responses.',
    }),
    maintenancePageHtml: variable(scope, 'maintenance_page_html', {
      type: 'string',
      default: null,
      description: `HTML page for browsers (Accept contains text/html). Null: the built-in accessible page. At most ${RESPONSE_BODY_MAX_BYTES} bytes of UTF-8.`,
    }),
    apiResponseJson: variable(scope, 'api_response_json', {
      type: 'string',
      default: null,
      description: `JSON body for API clients. Null: {"error":"maintenance","retryAfter":<retry_after_seconds>}. At most ${RESPONSE_BODY_MAX_BYTES} bytes of UTF-8.`,
    }),
    reachablePathPrefixes: variable(scope, 'reachable_path_prefixes', {
      type: 'list(string)',
      default: [],
      description: `URI path prefixes that stay reachable during maintenance (status page, page assets), case-sensitive. At most ${MAX_REACHABLE_PATH_PREFIXES}.`,
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
    }),
    githubRepository: variable(scope, 'github_repository', {
      type: 'string',
      default: null,
      description:
        'OWNER/REPO whose workflows may switch this environment. Null: no IAM role is created.',
    }),
    githubEnvironments: variable(scope, 'github_environments', {
      type: 'list(string)',
      default: ['production'],
      description: `GitHub environments whose jobs may assume the role (1 to ${GITHUB_ENVIRONMENTS_MAX}); the trust policy admits exactly repo:OWNER/REPO:environment:<each>. Protect each environment (reviewers, branch rules): that is the real gate.`,
    }),
    githubOidcProviderArn: variable(scope, 'github_oidc_provider_arn', {
      type: 'string',
      default: null,
      description:
        "ARN of the account's existing token.actions.githubusercontent.com OIDC provider. Null: create it (an account can have only one).",
    }),
    githubRoleName: variable(scope, 'github_role_name', {
      type: 'string',
      default: null,
      description: `Name of the role. Null: N-maintenance-action (IAM allows ${IAM_ROLE_NAME_MAX_LENGTH} characters, so set this when N is long).`,
    }),
    configKey: variable(scope, 'config_key', {
      type: 'string',
      default: null,
      description:
        'Key of the environments: entry in the config_entry output. Null: the first github environment when a role is created, else name.',
    }),
    tags: variable(scope, 'tags', {
      type: 'map(string)',
      default: {},
      description: 'Tags for every taggable resource.',
    }),
  };
}
