// Limits AWS enforces on what the module creates. One place, so the synth-time checks (TypeScript)
// and the plain-Terraform variable validations (HCL) cannot drift apart.

/** WAF names (IP sets, rule groups, web ACLs): `^[\w\-]+$`, 1..128 characters. */
export const WAF_NAME_PATTERN = '^[A-Za-z0-9_-]+$';
export const WAF_NAME_MAX_LENGTH = 128;

/** Suffixes the module appends to the name prefix N; the longest decides how long N may be. */
export const NAME_SUFFIXES = [
  '-active-ipv4',
  '-active-ipv6',
  '-allow-ipv4',
  '-allow-ipv6',
  '-bypass',
  '-maintenance',
  '-api',
  '-page',
] as const;
export const NAME_PREFIX_MAX_LENGTH =
  WAF_NAME_MAX_LENGTH - Math.max(...NAME_SUFFIXES.map((suffix) => suffix.length));

/** CloudWatch metric names WAF reserves; the web ACL's metric is named N. */
export const RESERVED_METRIC_NAMES = ['All', 'Default_Action'] as const;

/** WAF quota: each custom response body at most 4 KB (the API field allows more, the quota does not). */
export const RESPONSE_BODY_MAX_BYTES = 4096;

/**
 * CustomResponse.ResponseCode: the codes AWS WAF supports in custom responses ("Supported status
 * codes for custom responses", AWS WAF Developer Guide, customizing-the-response-status-codes).
 */
export const RESPONSE_CODES = [
  200, 201, 202, 204, 206, 300, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 408, 409,
  411, 412, 413, 414, 415, 416, 421, 429, 500, 501, 502, 503, 504, 505,
] as const;

/** Retry-After: whole seconds; more than a week is almost certainly a unit mistake. */
export const RETRY_AFTER_MIN_SECONDS = 1;
export const RETRY_AFTER_MAX_SECONDS = 7 * 24 * 3600;

/** ByteMatchStatement.SearchString as the Terraform provider validates it. */
export const SEARCH_STRING_MAX_LENGTH = 200;

/** IAM role names: at most 64 characters of `[\w+=,.@-]`. */
export const IAM_ROLE_NAME_PATTERN = '^[A-Za-z0-9_+=,.@-]+$';
export const IAM_ROLE_NAME_MAX_LENGTH = 64;

/** `OWNER/REPO` as GitHub allows it in the OIDC `sub` claim. */
export const GITHUB_REPOSITORY_PATTERN = '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$';
/** Environment names: no characters that would read as a wildcard or a claim separator. */
export const GITHUB_ENVIRONMENT_PATTERN = '^[^:*?]{1,255}$';
/**
 * Environments one role trusts. Each adds one `sub` value to the trust policy, which IAM limits to
 * 2,048 characters by default; 10 long names still fit.
 */
export const GITHUB_ENVIRONMENTS_MAX = 10;

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const OIDC_PROVIDER_ARN_PATTERN = `^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token[.]actions[.]githubusercontent[.]com$`;

/** A regional resource WAF can protect: ALB, API Gateway stage, AppSync, Cognito, App Runner, Verified Access. */
export const REGIONAL_RESOURCE_ARN_PATTERN = '^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]+:[0-9]{12}:.+$';
