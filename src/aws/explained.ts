// One WAF call whose failure becomes a message that names the operation and the resource and
// says what to fix (explainAwsError), instead of the SDK's bare error.
import { AwsActionError, explainAwsError } from './errors.js';

export async function explained<T>(
  operation: string,
  resource: string,
  call: Promise<T>,
): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw explainAwsError(error, operation, resource);
  }
}

/**
 * A Get call for a resource written with a lock token (GetIPSet, GetRegexPatternSet): the
 * resource and its token, or an error saying which of them the answer lacked.
 */
export async function getLocked<Out extends { LockToken?: string | undefined }, R>(
  operation: string,
  arn: string,
  call: Promise<Out>,
  resourceOf: (out: Out) => R | undefined,
  noun: string,
): Promise<{ resource: R; lockToken: string }> {
  const out = await explained(operation, arn, call);
  const resource = resourceOf(out);
  if (!resource || !out.LockToken) {
    throw new AwsActionError(`${operation} on ${arn} returned no ${noun} or lock token`);
  }
  return { resource, lockToken: out.LockToken };
}
