// One WAF call whose failure becomes a message that names the operation and the resource and
// says what to fix (explainAwsError), instead of the SDK's bare error.
import { explainAwsError } from './errors.js';

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
