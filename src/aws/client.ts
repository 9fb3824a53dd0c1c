// The one place a WAFv2 client is built. The SDK itself honours AWS_ENDPOINT_URL_WAFV2 /
// AWS_ENDPOINT_URL and the standard credential chain, so neither is handled here.
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SMITHY_CONTEXT_KEY } from '@smithy/types';
import { CLOUDFRONT_REGION, type Environment } from '../domain/types.js';
import { Deadline } from './deadline.js';
import { wafEndpoint } from './endpoint.js';
import { AwsActionError } from './errors.js';
import { errorMessage } from '../domain/error-message.js';
import { paceWrites, type WriteLane } from './write-pacer.js';

/**
 * Attempts per call, including the first. The SDK's adaptive strategy backs off (with jitter)
 * on throttling and 5xx and rate-limits the client after throttling; WAF allows about one
 * write per second per account and region, shared with Terraform and the console.
 */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** A TCP (and TLS) connection that takes longer than this is not going to happen. */
const CONNECTION_TIMEOUT_MS = 5_000;
/** One attempt's wait for the answer: WAF answers in well under a second; the SDK retries a timeout. */
const ATTEMPT_TIMEOUT_MS = 20_000;

export function regionFor(environment: Pick<Environment, 'scope' | 'region'>): string {
  return environment.scope === 'CLOUDFRONT' ? CLOUDFRONT_REGION : environment.region;
}

/**
 * The SDK's Node handler with a deadline: each request carries the deadline's abort signal and
 * never waits for an answer past the time left, so retries cannot outlast the command's budget.
 */
class DeadlineHttpHandler extends NodeHttpHandler {
  constructor(private readonly deadline: Deadline) {
    super({
      connectionTimeout: Math.min(CONNECTION_TIMEOUT_MS, deadline.timeoutMs),
      requestTimeout: Math.min(ATTEMPT_TIMEOUT_MS, deadline.timeoutMs),
      // Without it the SDK only logs a warning when requestTimeout passes, and keeps waiting.
      throwOnRequestTimeout: true,
    });
  }

  override async handle(...[request, options = {}]: Parameters<NodeHttpHandler['handle']>) {
    const signals = [this.deadline.signal, options.abortSignal as AbortSignal | undefined];
    try {
      return await super.handle(request, {
        ...options,
        abortSignal: AbortSignal.any(signals.filter((s): s is AbortSignal => s !== undefined)),
        requestTimeout: Math.max(1, Math.min(ATTEMPT_TIMEOUT_MS, this.deadline.remainingMs())),
      });
    } catch (error) {
      // A refused connection is retried until the deadline; its message must still say so.
      this.deadline.noteFailure(error);
      throw error;
    }
  }
}

export function createWafClient(
  environment: Pick<Environment, 'scope' | 'region'>,
  options: { maxAttempts?: number; deadline?: Deadline; lane?: WriteLane } = {},
): WAFV2Client {
  const region = regionFor(environment);
  const client = new WAFV2Client({
    region,
    // Paced clients (one command over many environments) leave rate limiting to the shared
    // pacer: adaptive mode's own limiter, per client, would hold that environment's next reads
    // after one throttled write, on its deadline's clock. Throttles are still retried.
    retryMode: options.lane ? 'standard' : 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    customUserAgent: 'maintenance-action',
    requestHandler: options.deadline
      ? new DeadlineHttpHandler(options.deadline)
      : {
          connectionTimeout: CONNECTION_TIMEOUT_MS,
          requestTimeout: ATTEMPT_TIMEOUT_MS,
          throwOnRequestTimeout: true,
        },
  });
  if (options.deadline) endRetriesAtDeadline(client, options.deadline);
  if (options.lane) paceWrites(client, options.lane);
  return client;
}

/**
 * The SDK's retry waits between attempts end when the call's abort signal fires; give every
 * call the deadline's, so a refused connection's backoff cannot outlast `timeout`.
 */
function endRetriesAtDeadline(client: WAFV2Client, deadline: Deadline): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const smithy = (context[SMITHY_CONTEXT_KEY] ??= {});
      smithy.abortSignal ??= deadline.signal;
      try {
        return await next(args);
      } catch (error) {
        // The SDK's own abort error does not say why: the deadline does.
        const e = error as { name?: string; cause?: unknown };
        if (e?.name === 'AbortError' && e.cause === undefined && deadline.expired) {
          e.cause = deadline.expired;
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'maintenanceDeadlineSignal' },
  );
}

/**
 * Runs `work` with a client on a budget of its own (the read after a failed write, when the
 * command's budget may be spent), then releases both.
 */
export async function withOwnBudget<T>(
  environment: Pick<Environment, 'scope' | 'region'>,
  timeoutMs: number,
  work: (client: WAFV2Client) => Promise<T>,
): Promise<T> {
  const deadline = new Deadline(timeoutMs, wafEndpoint(regionFor(environment)));
  const client = createWafClient(environment, { deadline });
  try {
    return await work(client);
  } catch (error) {
    // Say which budget ran out: this one, not the command's.
    if (!deadline.expired) throw error;
    throw new AwsActionError(`no answer within ${timeoutMs / 1000} s: ${errorMessage(error)}`, {
      cause: error,
    });
  } finally {
    deadline.dispose();
    client.destroy();
  }
}
