// Fault injection: latency, one-shot 5xx and throttling, the write rate limit, access denials,
// concurrent writers and lost answers. Mutable while the emulator runs.

import { AwsError } from './aws-error.js';
import type { IpSetRecord } from './store.js';

/** Operations that count against WAF's write rate (about one per second per account and region). */
export function isWrite(operation: string): boolean {
  return /^(Create|Update|Delete|Put|Associate|Disassociate)|^(Tag|Untag)Resource$/.test(operation);
}

interface OneShot {
  remaining: number;
  operation?: string | undefined;
  error: () => AwsError;
}

const internalError = (): AwsError =>
  new AwsError(
    'WAFInternalErrorException',
    'AWS WAF couldn’t perform your operation because of an internal error. Retry your request.',
    500,
  );
const unavailable = (): AwsError =>
  new AwsError('ServiceUnavailable', 'Service is unavailable. Retry your request.', 503);
const throttled = (): AwsError => new AwsError('ThrottlingException', 'Rate exceeded');

/** Calls whose answer never arrives: applied (or refused) as usual, then left unanswered. */
interface LostAnswers {
  remaining: number;
  operation?: string | undefined;
  /** Armed only once this many more writes have been handled (answered or not). */
  afterWrites: number;
}

export class Faults {
  latencyMs: number;
  writeRateLimit: boolean;
  private readonly oneShots: OneShot[] = [];
  private readonly denials: { operation: string; resourceArn?: string | undefined }[] = [];
  private readonly races = new Map<string, (addresses: string[]) => string[]>();
  private readonly lastWrite = new Map<string, number>();
  private readonly lostAnswers: LostAnswers[] = [];

  constructor(
    opts: { latencyMs: number; writeRateLimit: boolean },
    private readonly account: string,
  ) {
    this.latencyMs = opts.latencyMs;
    this.writeRateLimit = opts.writeRateLimit;
  }

  failNext(count: number, status: 500 | 503, operation?: string): void {
    this.oneShots.push({
      remaining: count,
      operation,
      error: status === 503 ? unavailable : internalError,
    });
  }

  throttleNext(count: number, operation?: string): void {
    this.oneShots.push({ remaining: count, operation, error: throttled });
  }

  loseAnswers(count: number, operation?: string, afterWrites = 0): void {
    this.lostAnswers.push({ remaining: count, operation, afterWrites });
  }

  /**
   * Whether this call's answer is lost (the call itself was handled: a write is applied). Called
   * once per call, as its answer is about to be sent; each write brings waiting faults closer.
   */
  takeLostAnswer(operation: string): boolean {
    const lost = this.lostAnswers.find(
      (l) =>
        l.remaining > 0 &&
        l.afterWrites === 0 &&
        (l.operation === undefined || l.operation === operation),
    );
    if (isWrite(operation)) {
      for (const l of this.lostAnswers) if (l.afterWrites > 0) l.afterWrites -= 1;
    }
    if (lost) lost.remaining -= 1;
    return lost !== undefined;
  }

  denyAccess(operation: string, resourceArn?: string): void {
    this.denials.push({ operation, resourceArn });
  }

  restoreAccess(): void {
    this.denials.length = 0;
  }

  raceNextWrite(setName: string, mutate: (addresses: string[]) => string[]): void {
    this.races.set(setName, mutate);
  }

  /** Injected 5xx or throttling for this call, consuming one of the N requested. */
  takeInjected(operation: string): AwsError | undefined {
    const shot = this.oneShots.find(
      (s) => s.remaining > 0 && (s.operation === undefined || s.operation === operation),
    );
    if (!shot) return undefined;
    shot.remaining -= 1;
    return shot.error();
  }

  /** AccessDeniedException with IAM's wording when that operation (on that ARN) is denied. */
  checkAccess(operation: string, resourceArn: string, service = 'wafv2'): void {
    const denied = this.denials.some(
      (d) =>
        d.operation === operation && (d.resourceArn === undefined || d.resourceArn === resourceArn),
    );
    if (!denied) return;
    const action = `${service}:${operation}`;
    // IAM names no resource for actions that have no resource type (cloudwatch:GetMetricData).
    const on = resourceArn === '*' ? '' : ` on resource: ${resourceArn}`;
    throw new AwsError(
      'AccessDeniedException',
      `User: arn:aws:sts::${this.account}:assumed-role/test/session is not authorized to perform: ${action}${on} because no identity-based policy allows the ${action} action`,
      400,
      {},
      service === 'cloudwatch' ? 'AccessDenied;Sender' : undefined,
    );
  }

  /** At most one write per second per account and region when the rate limit is on. */
  checkWriteRate(operation: string, region: string, now: number): void {
    if (!this.writeRateLimit || !isWrite(operation)) return;
    const key = `${this.account}/${region}`;
    const last = this.lastWrite.get(key);
    if (last !== undefined && now - last < 1000) throw throttled();
    this.lastWrite.set(key, now);
  }

  /** The concurrent writer gets in first: new addresses and a new lock token. */
  raceBeforeUpdate(
    set: IpSetRecord,
    applyConcurrentWrite: (set: IpSetRecord, addresses: string[]) => void,
  ): void {
    const mutate = this.races.get(set.name);
    if (!mutate) return;
    this.races.delete(set.name);
    applyConcurrentWrite(set, mutate([...set.addresses]));
  }
}
