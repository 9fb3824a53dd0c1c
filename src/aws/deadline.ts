// The budget for one command's AWS work. Every request the client sends carries the deadline's
// signal (see client.ts), so when it expires the request in flight is aborted and no retry starts.
import { formatDuration } from '../domain/duration.js';
import { AwsActionError } from './errors.js';
import type { WafEndpoint } from './endpoint.js';

/** Default for input `timeout` / `--timeout`. */
export const DEFAULT_TIMEOUT = '60s';
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Longest accepted `timeout`: a command that needs more than this is stuck, not slow. */
export const MAX_TIMEOUT_MS = 10 * 60_000;

/** The endpoint did not answer within the command's timeout. */
export class WafTimeoutError extends AwsActionError {
  constructor(endpoint: WafEndpoint, timeoutMs: number) {
    const where = endpoint.variable ? `${endpoint.url} (from ${endpoint.variable})` : endpoint.url;
    super(
      `The WAF endpoint ${where} did not answer within ${timeoutMs / 1000} s (timeout ${formatDuration(timeoutMs)}). ` +
        'Check the network path to it (proxy, VPC endpoint, firewall) and the endpoint override if any; raise input "timeout" (--timeout) only if WAF is merely slow.',
    );
    this.name = 'WafTimeoutError';
  }
}

export class Deadline {
  readonly signal: AbortSignal;
  private readonly endsAt: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly timeoutMs: number,
    endpoint: WafEndpoint,
  ) {
    const controller = new AbortController();
    this.signal = controller.signal;
    this.endsAt = Date.now() + timeoutMs;
    this.timer = setTimeout(
      () => controller.abort(new WafTimeoutError(endpoint, timeoutMs)),
      timeoutMs,
    );
    // The deadline alone never keeps the process alive.
    this.timer.unref();
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - Date.now());
  }

  /** The reason the deadline fired (a WafTimeoutError), or undefined while time is left. */
  get expired(): WafTimeoutError | undefined {
    return this.signal.aborted ? (this.signal.reason as WafTimeoutError) : undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
