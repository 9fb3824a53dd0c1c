// Pacing WAF writes. AWS WAF's quotas allow "1 request every second" to any individual Create,
// Put or Update action per account and Region (AWS WAF Developer Guide, "AWS WAF quotas"),
// shared with Terraform and the console. One command over many environments would otherwise
// send every environment's UpdateIPSet at once and turn them into a storm of throttled retries.
// A token bucket per region spaces them; regions and actions proceed in parallel.
// The SDK's retry strategy still handles what pacing misses (another writer in the account).
import type { ServiceInputTypes, ServiceOutputTypes, WAFV2Client } from '@aws-sdk/client-wafv2';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Deadline } from './deadline.js';

/**
 * Writes per second per region: a little under AWS's one, so that network jitter cannot land
 * two paced writes inside one second (measured on the emulator's strict limit: at 1.0, 6 of 17
 * writes were throttled; at 0.9, none of 12 beyond the first burst).
 */
export const WRITES_PER_SECOND = 0.9;
/** One environment's switch writes both active sets together, as it always has. */
export const WRITE_BURST = 2;

const WRITE_ACTION = /^(Create|Update|Delete|Put|Associate|Disassociate)/;

/** Continuous refill; a take past the bucket reserves a later slot (tokens go negative). */
export class TokenBucket {
  private tokens: number;
  private updated: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.updated = clock();
  }

  /** Milliseconds the caller must wait before its write (0: now). Reserves the slot. */
  reserve(): number {
    const now = this.clock();
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.updated) * this.perSecond) / 1000,
    );
    this.updated = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens * 1000) / this.perSecond;
  }
}

/**
 * The buckets of one command over many environments, one per region. A single-environment
 * command is not paced (its two writes go together, as they always have); separate processes
 * do not share buckets, as they share nothing else.
 */
export class WritePacer {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly paced = new Map<string, RegionPacing>();

  /**
   * The bucket for one region. AWS counts each action apart; one bucket for all of a region's
   * writes is the safe side of that (the sandbox's emulator counts them together).
   */
  private bucketFor(region: string): TokenBucket {
    let bucket = this.buckets.get(region);
    if (!bucket) {
      bucket = new TokenBucket(WRITES_PER_SECOND, WRITE_BURST);
      this.buckets.set(region, bucket);
    }
    return bucket;
  }

  /** Reserves a write slot in `region`: the milliseconds to wait before sending it. */
  reserve(region: string): number {
    const waitMs = this.bucketFor(region).reserve();
    const seen = this.paced.get(region) ?? { region, writes: 0, longestWaitMs: 0 };
    this.paced.set(region, {
      region,
      writes: seen.writes + 1,
      longestWaitMs: Math.max(seen.longestWaitMs, waitMs),
    });
    return waitMs;
  }

  /** What pacing cost so far, per region (write attempts, and the longest any of them waited). */
  pacing(): readonly RegionPacing[] {
    return [...this.paced.values()];
  }
}

export interface RegionPacing {
  readonly region: string;
  readonly writes: number;
  readonly longestWaitMs: number;
}

/**
 * Every write attempt through `client` (retries included: the step runs after the SDK's retry
 * middleware) waits for its region's bucket. Reads are never paced. The wait does not count
 * against the command's `deadline`: it bounds WAF's answers, not the queue.
 */
export function paceWrites(
  client: WAFV2Client,
  region: string,
  pacer: WritePacer,
  deadline?: Deadline,
): void {
  const pace: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> =
    (next, context) => async (args) => {
      const action = context.commandName?.replace(/Command$/, '') ?? '';
      if (WRITE_ACTION.test(action)) {
        const waitMs = pacer.reserve(region);
        if (waitMs > 0) await (deadline ? deadline.excluding(sleep(waitMs)) : sleep(waitMs));
      }
      return next(args);
    };
  client.middlewareStack.addRelativeTo(pace, {
    name: 'maintenanceWritePacer',
    relation: 'after',
    toMiddleware: 'retryMiddleware',
  });
}
