// Turns AWS failures into messages that say what to fix. Permanent errors are not retried.
import { neutralizeWorkflowCommands } from '../domain/untrusted-text.js';
import { errorMessage } from '../domain/error-message.js';

/** A failure the user must act on (permissions, missing infrastructure, limits). */
export class AwsActionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AwsActionError';
  }
}

interface AwsLikeError {
  name?: string;
  message?: string;
  cause?: { name?: string; message?: string };
  $metadata?: { httpStatusCode?: number };
}

/** The resource does not exist (WAFNonexistentItemException), as thrown or as explained. */
export function isNonexistent(error: unknown): boolean {
  const e = error as AwsLikeError | undefined;
  return [e?.name, e?.cause?.name].includes('WAFNonexistentItemException');
}

/**
 * True when WAF answered a request with a refusal (a 4xx: access denied, invalid, a lock race),
 * so it changed nothing. A timeout, a lost connection or a 5xx leaves the outcome unknown: the
 * request may have been applied and only its answer lost.
 */
export function isRefusal(error: unknown): boolean {
  for (let e = error as AwsLikeError | undefined, depth = 0; e && depth < 5; depth++) {
    const status = e.$metadata?.httpStatusCode;
    if (status !== undefined) return status >= 400 && status < 500;
    e = e.cause;
  }
  return false;
}

const ACCESS_DENIED = /not authorized to perform: (\S+) on resource: (\S+)/;

/** `operation` is the WAF API call, `resource` what it was about (a set name or ARN). */
export function explainAwsError(error: unknown, operation: string, resource: string): Error {
  const e = (error ?? {}) as AwsLikeError;
  const name = e.name ?? 'Error';
  // AWS's message is printed: it must not carry a workflow command (see untrusted-text.ts).
  const detail = neutralizeWorkflowCommands(errorMessage(error));
  switch (name) {
    case 'AbortError':
      // The command's deadline fired (see deadline.ts); the front door says which endpoint and budget.
      if (e.cause?.name === 'WafTimeoutError') {
        const refused = (e.cause as { refused?: boolean }).refused === true;
        return new AwsActionError(
          `${operation} on ${resource} ${refused ? 'could not connect (connection refused)' : 'got no answer'} before the timeout`,
          { cause: e.cause },
        );
      }
      break;
    case 'TimeoutError':
      return new AwsActionError(
        `${operation} on ${resource} got no answer in time on any of the SDK's attempts: ${detail}`,
        { cause: error },
      );
    case 'AccessDeniedException':
    case 'WAFAccessDenied':
    case 'AccessDenied': {
      const match = ACCESS_DENIED.exec(detail);
      const action = match?.[1] ?? `wafv2:${operation}`;
      const arn = match?.[2] ?? resource;
      return new AwsActionError(
        `Access denied: the credentials may not call ${action} on ${arn}. Allow ${action} on that resource in the role the workflow assumes (the Terraform module's policy grants exactly what this action needs). AWS said: ${detail}`,
        { cause: error },
      );
    }
    case 'WAFNonexistentItemException':
      return new AwsActionError(
        `${operation} failed: ${resource} does not exist (it may have been deleted since it was listed). Re-apply the Terraform module. AWS said: ${detail}`,
        { cause: error },
      );
    case 'WAFInvalidParameterException':
      return new AwsActionError(`AWS rejected ${operation} on ${resource} as invalid: ${detail}`, {
        cause: error,
      });
    case 'WAFLimitsExceededException':
      return new AwsActionError(`${operation} on ${resource} exceeds a WAF limit: ${detail}`, {
        cause: error,
      });
    case 'CredentialsProviderError':
      if (process.env.AWS_PROFILE) return profileError(process.env.AWS_PROFILE, detail, error);
      return new AwsActionError(
        `No AWS credentials found. In a workflow, run aws-actions/configure-aws-credentials before this step; from the CLI, set AWS_PROFILE or the usual AWS_* variables. (${detail})`,
        { cause: error },
      );
    case 'ThrottlingException':
    case 'WAFInternalErrorException':
    case 'ServiceUnavailable':
    case 'ServiceUnavailableException':
      return new AwsActionError(
        `${operation} on ${resource} still failed after the SDK's retries (${name}): WAF is throttling or unavailable. ${outcome(error, name, operation)} AWS said: ${detail}`,
        { cause: error },
      );
  }
  return new AwsActionError(`${operation} on ${resource} failed (${name}): ${detail}`, {
    cause: error,
  });
}

/**
 * What a call that failed after its retries changed. A refusal (throttling is a 400) changed
 * nothing; a 5xx says nothing about a write: WAF may have applied it before failing to answer.
 */
function outcome(error: unknown, name: string, operation: string): string {
  if (!/^(Create|Update|Delete|Put)/.test(operation)) {
    return 'A read changes nothing; run the command again.';
  }
  if (name === 'ThrottlingException' || isRefusal(error)) {
    return 'WAF refused this write, so it changed nothing; run the command again.';
  }
  return 'WAF may have applied this write before failing, so its outcome is unknown until the set is read again (a command reads every set after a failed write and says which set is in which state); run the command again.';
}

/** AWS_PROFILE is set, yet no credentials came: telling the user to set it would send them in a circle. */
function profileError(profile: string, detail: string, error: unknown): AwsActionError {
  const config = process.env.AWS_CONFIG_FILE ?? '~/.aws/config';
  const credentials = process.env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials';
  const name = neutralizeWorkflowCommands(profile);
  return new AwsActionError(
    `No AWS credentials from profile "${name}" (AWS_PROFILE). Check that the profile exists in ${config} or ${credentials} (\`aws configure list-profiles\`), and that its session is valid (\`aws sso login --profile ${name}\` for SSO); or unset AWS_PROFILE to use the AWS_* variables. (${detail})`,
    { cause: error },
  );
}
