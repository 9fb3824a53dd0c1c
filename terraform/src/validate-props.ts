// Synth-time validation of the construct's props: every problem at once, each naming the prop and
// its value, before anything is declared. Values that are Terraform expressions (tokens) are
// checked by Terraform instead (see module-variables.ts, which reuses the same limits).

import { Token } from 'cdktf';
import { InputError, SCOPES, type Problem } from '@maintenance-action/contract';
import { MAX_REACHABLE_PATH_PREFIXES } from './capacity.js';
import type { MaintenanceWafProps } from './props.js';
import {
  GITHUB_ENVIRONMENT_PATTERN,
  GITHUB_REPOSITORY_PATTERN,
  IAM_ROLE_NAME_MAX_LENGTH,
  IAM_ROLE_NAME_PATTERN,
  NAME_PREFIX_MAX_LENGTH,
  OIDC_PROVIDER_ARN_PATTERN,
  REGIONAL_RESOURCE_ARN_PATTERN,
  RESERVED_METRIC_NAMES,
  RESPONSE_BODY_MAX_BYTES,
  RESPONSE_CODE_MAX,
  RESPONSE_CODE_MIN,
  RETRY_AFTER_MAX_SECONDS,
  RETRY_AFTER_MIN_SECONDS,
  SEARCH_STRING_MAX_LENGTH,
  WAF_NAME_PATTERN,
} from './waf-limits.js';

export const DEFAULT_ROLE_NAME_SUFFIX = '-maintenance-action';

const isLiteral = (value: unknown): boolean => value !== undefined && !Token.isUnresolved(value);
const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

function checkName(name: string, problems: Problem[]): void {
  if (!isLiteral(name)) return;
  if (!new RegExp(WAF_NAME_PATTERN).test(name)) {
    problems.push({
      field: 'name',
      value: name,
      message: 'may contain only letters, digits, "-" and "_" (WAF names match ^[\\w-]+$)',
    });
  }
  if (name.length === 0 || name.length > NAME_PREFIX_MAX_LENGTH) {
    problems.push({
      field: 'name',
      value: name,
      message: `must be 1 to ${NAME_PREFIX_MAX_LENGTH} characters so that "${name}-active-ipv4" fits WAF's 128 (it has ${name.length})`,
    });
  }
  if ((RESERVED_METRIC_NAMES as readonly string[]).includes(name)) {
    problems.push({ field: 'name', value: name, message: 'is reserved by WAF as a metric name' });
  }
}

function checkWholeNumber(
  field: string,
  value: number | undefined,
  min: number,
  max: number,
  problems: Problem[],
): void {
  if (!isLiteral(value)) return;
  if (!Number.isInteger(value) || value! < min || value! > max) {
    problems.push({ field, value, message: `must be a whole number from ${min} to ${max}` });
  }
}

function checkBody(field: string, body: string | undefined, problems: Problem[]): void {
  if (!isLiteral(body)) return;
  const bytes = utf8Bytes(body!);
  if (bytes === 0 || bytes > RESPONSE_BODY_MAX_BYTES) {
    problems.push({
      field,
      value: bytes > 80 ? `${body!.slice(0, 77)}...` : body,
      message: `must be 1 to ${RESPONSE_BODY_MAX_BYTES} bytes (WAF's custom response body quota); it is ${bytes} bytes`,
    });
  }
}

function checkJson(field: string, body: string | undefined, problems: Problem[]): void {
  if (!isLiteral(body)) return;
  try {
    JSON.parse(body!);
  } catch (error) {
    problems.push({
      field,
      value: body,
      message: `must be valid JSON (it is served as application/json): ${(error as Error).message}`,
    });
  }
}

function checkPrefixes(prefixes: string[] | undefined, problems: Problem[]): void {
  if (!isLiteral(prefixes)) return;
  if (prefixes!.length > MAX_REACHABLE_PATH_PREFIXES) {
    problems.push({
      field: 'reachablePathPrefixes',
      value: prefixes!.length,
      message: `may list at most ${MAX_REACHABLE_PATH_PREFIXES} prefixes (the rule group's fixed capacity)`,
    });
  }
  prefixes!.forEach((prefix, index) => {
    if (!isLiteral(prefix)) return;
    if (!prefix.startsWith('/') || prefix.length > SEARCH_STRING_MAX_LENGTH) {
      problems.push({
        field: `reachablePathPrefixes[${index}]`,
        value: prefix,
        message: `must start with "/" and be at most ${SEARCH_STRING_MAX_LENGTH} characters`,
      });
    }
    if (prefixes!.indexOf(prefix) !== index) {
      problems.push({
        field: `reachablePathPrefixes[${index}]`,
        value: prefix,
        message: 'is listed twice',
      });
    }
  });
}

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
    problems.push({
      field: 'associatedResourceArn',
      value: arn,
      message: 'must be the ARN of a regional resource (ALB, API Gateway stage, AppSync API, ...)',
    });
  }
  if (props.createWebAcl === false) {
    problems.push({
      field: 'associatedResourceArn',
      value: arn,
      message: 'needs the web ACL: it cannot be set with createWebAcl: false',
    });
  }
}

function checkGithub(props: MaintenanceWafProps, problems: Problem[]): void {
  const github = props.github;
  if (github === undefined) return;
  const patterns: [string, string | undefined, string, string][] = [
    ['github.repository', github.repository, GITHUB_REPOSITORY_PATTERN, 'must be OWNER/REPO'],
    [
      'github.environment',
      github.environment,
      GITHUB_ENVIRONMENT_PATTERN,
      'must be a GitHub environment name (1 to 255 characters, no ":", "*" or "?")',
    ],
    [
      'github.oidcProviderArn',
      github.oidcProviderArn,
      OIDC_PROVIDER_ARN_PATTERN,
      'must be the ARN of the token.actions.githubusercontent.com OIDC provider',
    ],
  ];
  for (const [field, value, pattern, message] of patterns) {
    if (isLiteral(value) && !new RegExp(pattern).test(value!))
      problems.push({ field, value, message });
  }
  const roleName =
    github.roleName ??
    (isLiteral(props.name) ? `${props.name}${DEFAULT_ROLE_NAME_SUFFIX}` : undefined);
  if (
    isLiteral(roleName) &&
    (roleName!.length > IAM_ROLE_NAME_MAX_LENGTH ||
      !new RegExp(IAM_ROLE_NAME_PATTERN).test(roleName!))
  ) {
    problems.push({
      field: 'github.roleName',
      value: roleName,
      message: `must be at most ${IAM_ROLE_NAME_MAX_LENGTH} characters of [A-Za-z0-9_+=,.@-] (IAM); set github.roleName when N is long`,
    });
  }
}

/** Throws an InputError listing every problem in the props; returns quietly when they are valid. */
export function validateProps(props: MaintenanceWafProps, where: string): void {
  const problems: Problem[] = [];
  checkName(props.name, problems);
  if (isLiteral(props.scope) && !(SCOPES as readonly string[]).includes(props.scope)) {
    problems.push({
      field: 'scope',
      value: props.scope,
      message: `must be one of ${SCOPES.join(', ')}`,
    });
  }
  checkWholeNumber(
    'retryAfterSeconds',
    props.retryAfterSeconds,
    RETRY_AFTER_MIN_SECONDS,
    RETRY_AFTER_MAX_SECONDS,
    problems,
  );
  checkWholeNumber('statusCode', props.statusCode, RESPONSE_CODE_MIN, RESPONSE_CODE_MAX, problems);
  checkBody('maintenancePageHtml', props.maintenancePageHtml, problems);
  checkBody('apiResponseJson', props.apiResponseJson, problems);
  checkJson('apiResponseJson', props.apiResponseJson, problems);
  checkPrefixes(props.reachablePathPrefixes, problems);
  checkAssociation(props, problems);
  checkGithub(props, problems);
  if (problems.length > 0) throw new InputError(problems.map((p) => ({ ...p, file: where })));
}
