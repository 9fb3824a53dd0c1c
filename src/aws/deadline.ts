// The budget for one environment's AWS work. Every request the client sends carries the deadline's
// signal (see client.ts), so when it expires the request in flight is aborted and no retry starts.
import { formatDuration, parseDuration } from '../domain/duration.js';
import { AwsActionError } from './errors.js';
import type { WafEndpoint } from './endpoint.js';
import { MINUTE_MS } from '../domain/time.js';

/** Default for input `timeout` / `--timeout`. */
export const DEFAULT_TIMEOUT = '60s';
export const DEFAULT_TIMEOUT_MS = parseDuration(DEFAULT_TIMEOUT, { field: 'DEFAULT_TIMEOUT' });
/** Longest accepted `timeout`: a command that needs more than this is stuck, not slow. */
export const MAX_TIMEOUT_MS = 10 * MINUTE_MS;
/**
 * The read after a failed write has a budget of its own: the command's may be what ran out, and
 * without that read a write whose answer was lost could only be reported as unknown.
 */
export const READ_AGAIN_TIMEOUT_MS = 5_000;

/** Input `timeout` (empty: the default): a number and s or m, at most MAX_TIMEOUT_MS. */
export function parseTimeout(text: string, field: string): number {
  return parseDuration(text || DEFAULT_TIMEOUT, {
    field,
    units: ['s', 'm'],
    maxMs: MAX_TIMEOUT_MS,
  });
}

/** The network error code of a failed attempt (`ECONNREFUSED`), if it was one. */
function networkCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' && /^E[A-Z_]+$/.test(code) ? code : undefined;
}

/** The endpoint did not answer within the command's timeout (or refused every connection). */
export class WafTimeoutError extends AwsActionError {
  /** Every attempt's connection was refused: nothing listens there, the network is fine. */
  readonly refused: boolean;

  constructor(endpoint: WafEndpoint, timeoutMs: number, lastFailure?: unknown) {
    const where = endpoint.variable ? `${endpoint.url} (from ${endpoint.variable})` : endpoint.url;
    const within = `${timeoutMs / 1000} s (timeout ${formatDuration(timeoutMs)})`;
    const code = networkCode(lastFailure);
    super(
      code === 'ECONNREFUSED'
        ? `The WAF endpoint ${where} refused the connection (ECONNREFUSED) on every attempt for ${within}: nothing accepts connections at that address. ` +
            'Check the endpoint override if any (its host and port) and the network path to it (proxy, VPC endpoint, firewall).'
        : `The WAF endpoint ${where} did not answer within ${within}${code ? ` (the last attempt failed with ${code})` : ''}. ` +
            'Check the network path to it (proxy, VPC endpoint, firewall) and the endpoint override if any; raise input "timeout" (--timeout) only if WAF is merely slow.',
    );
    this.name = 'WafTimeoutError';
    this.refused = code === 'ECONNREFUSED';
  }
}

/**
 * The budget of one environment's AWS work. Time spent waiting for the write pacer (see
 * write-pacer.ts) is not counted: the budget is for a WAF endpoint that does not answer, and a
 * command over many environments in one region waits for its turn by design (16 environments:
 * about 35 s), which would otherwise eat a budget meant for a hung endpoint.
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private endsAt: number;
  private timer: NodeJS.Timeout | undefined;
  /** Waits in progress that do not count (several writes of one environment may wait at once). */
  private held = 0;
  private heldSince = 0;
  private disposed = false;
  /** The last attempt's failure, so that the timeout says what the attempts met. */
  private lastFailure: unknown;

  constructor(
    readonly timeoutMs: number,
    private readonly endpoint: WafEndpoint,
  ) {
    this.signal = this.controller.signal;
    this.endsAt = Date.now() + timeoutMs;
    this.arm();
  }

  remainingMs(): number {
    const now = this.held > 0 ? this.heldSince : Date.now();
    return Math.max(0, this.endsAt - now);
  }

  /** The reason the deadline fired (a WafTimeoutError), or undefined while time is left. */
  get expired(): WafTimeoutError | undefined {
    return this.signal.aborted ? (this.signal.reason as WafTimeoutError) : undefined;
  }

  /** Waits for `wait` with the clock stopped (from its start until the last such wait ends). */
  async excluding<T>(wait: Promise<T>): Promise<T> {
    if (this.held++ === 0 && this.running()) {
      this.heldSince = Date.now();
      clearTimeout(this.timer);
    }
    try {
      return await wait;
    } finally {
      if (--this.held === 0 && this.running()) {
        this.endsAt += Date.now() - this.heldSince;
        this.arm();
      }
    }
  }

  /** An attempt failed (the SDK retries it): remembered for the message if time runs out. */
  noteFailure(error: unknown): void {
    this.lastFailure = error;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposed = true; // a wait ending after this never re-arms the timer
  }

  private running(): boolean {
    return !this.disposed && !this.signal.aborted;
  }

  private arm(): void {
    this.timer = setTimeout(
      () =>
        this.controller.abort(new WafTimeoutError(this.endpoint, this.timeoutMs, this.lastFailure)),
      Math.max(0, this.endsAt - Date.now()),
    );
    // The deadline alone never keeps the process alive.
    this.timer.unref();
  }
}
