// AWS-shaped errors. The server turns them into `{"__type": ..., "Message": ...}` responses
// with the `x-amzn-ErrorType` header, which is what the SDK parses into `error.name`.

export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    /** Extra members of the error shape, e.g. Field/Parameter/Reason. */
    readonly members: Record<string, string> = {},
    /** For query-compatible services (CloudWatch): `Code;Sender`, sent as x-amzn-query-error. */
    readonly queryError?: string,
  ) {
    super(message);
    this.name = type;
  }

  /** Body as AWS sends it; shapes without a modelled `Message` member carry `message`. */
  body(): Record<string, string> {
    const messageKey = LOWERCASE_MESSAGE_TYPES.has(this.type) ? 'message' : 'Message';
    return { __type: this.type, [messageKey]: this.message, ...this.members };
  }
}

const LOWERCASE_MESSAGE_TYPES = new Set([
  'WAFInvalidParameterException',
  'ValidationException',
  'ThrottlingException',
  'UnknownOperationException',
  'SerializationException',
]);

// WAF's own wording (the API uses a typographic apostrophe).
export const nonexistentItem = (): AwsError =>
  new AwsError(
    'WAFNonexistentItemException',
    'AWS WAF couldn’t perform the operation because your resource doesn’t exist.',
  );

export const duplicateItem = (): AwsError =>
  new AwsError(
    'WAFDuplicateItemException',
    'AWS WAF couldn’t perform the operation because some resource in your request is a duplicate of an existing one.',
  );

export const optimisticLock = (): AwsError =>
  new AwsError(
    'WAFOptimisticLockException',
    'AWS WAF couldn’t save your changes because you tried to update or delete a resource that has changed since you last retrieved it. Get the resource again, make any changes you need to make to the new copy, and retry your operation.',
  );

export const limitsExceeded = (limit: string): AwsError =>
  new AwsError(
    'WAFLimitsExceededException',
    `AWS WAF couldn’t perform the operation because you exceeded your resource limit ${limit}.`,
  );

export const associatedItem = (): AwsError =>
  new AwsError(
    'WAFAssociatedItemException',
    'AWS WAF couldn’t perform the operation because your resource is being used by another resource or it’s associated with another resource.',
  );

/** WAF's semantic parameter error, e.g. a CIDR with host bits set. */
export function invalidParameter(field: string, parameter: string, reason: string): AwsError {
  return new AwsError(
    'WAFInvalidParameterException',
    `Error reason: ${reason}, field: ${field}, parameter: ${parameter}`,
    400,
    { Field: field, Parameter: parameter, Reason: reason },
  );
}

export const INVALID_FORMAT = 'The parameter contains formatting that is not valid.';
