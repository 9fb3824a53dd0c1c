// Pacing WAF writes. AWS WAF's quotas allow "1 request every second" to any individual Create,
// Put or Update action per account and Region (AWS WAF Developer Guide, "AWS WAF quotas"),
// shared with Terraform and the console. One command over many environments would otherwise
// send every environment's UpdateIPSet at once and turn them into a storm of throttled retries.
// Each region has a queue of environments; regions proceed in parallel. An environment's writes
// go back to back, one slot apart, so its IPv4 and IPv6 sets differ for one slot only, never for
// the whole queue. The SDK's retry strategy still handles what pacing misses (another writer in
// the account); a throttled write's retry keeps its place.
import type { ServiceInputTypes, ServiceOutputTypes, WAFV2Client } from '@aws-sdk/client-wafv2';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import type { Deadline } from './deadline.js';

/**
 * Writes per second per region: a little under AWS's one, so that network jitter cannot land
 * two paced writes inside one second (measured on the emulator's strict limit: at 1.0, 6 of 17
 * writes were throttled; at 0.9, none of 12 beyond the first burst). No burst: two writes at
 * once meet the limit (the emulator throttled the second every time), and that retry cost more
 * than the slot it saved.
 */
export const WRITES_PER_SECOND = 0.9;
/** One write slot, in whole milliseconds (timers round up anyway). */
export const SLOT_MS = Math.ceil(1000 / WRITES_PER_SECOND);

const WRITE_ACTION = /^(Create|Update|Delete|Put|Associate|Disassociate)/;

/** What a lane needs of the environment's deadline (deadline.ts). */
export type PacedDeadline = Pick<Deadline, 'signal' | 'excluding'>;

/** A write attempt waiting for its slot. */
interface Attempt {
  readonly lane: WriteLane;
  readonly go: () => void;
}

/** What pacing cost in one region: write attempts sent, and the longest any waited for its slot. */
export interface RegionPacing {
  readonly region: string;
  readonly writes: number;
  /** From the environment's request for its turn (or the attempt's, outside a turn) to its slot. */
  readonly longestWaitMs: number;
}

/**
 * One environment's writes in one region. The engine asks for a turn with the number of writes
 * it is about to make (`turn`), makes them (each attempt waits for its slot in `slot`), and ends
 * the turn (`release`), whatever happened.
 */
export interface WriteTurns {
  /** Resolves when this environment's `writes` writes may start; they then go one slot apart. */
  turn(writes: number): Promise<void>;
  release(): void;
}

/**
 * One region's writes: one at a time, at least SLOT_MS apart. Whose write goes next: the
 * environment whose turn it is (its writes back to back, a throttled one again before anything
 * else), then writes outside any turn (a retry whose turn had ended keeps its place ahead of
 * the queue), then the next environment in the queue.
 */
class RegionQueue {
  private nextAt = Number.NEGATIVE_INFINITY;
  private holder: WriteLane | undefined;
  private readonly turns: WriteLane[] = [];
  private readonly attempts: Attempt[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sent = 0;
  private longestWaitMs = 0;

  constructor(
    readonly region: string,
    private readonly clock: () => number,
  ) {}

  enqueueTurn(lane: WriteLane): void {
    this.turns.push(lane);
    this.pump();
  }

  enqueueAttempt(attempt: Attempt): void {
    this.attempts.push(attempt);
    this.pump();
  }

  /** A queued turn or attempt given up (its deadline passed): it leaves the queue. */
  forget(lane: WriteLane, attempt?: Attempt): void {
    const turn = this.turns.indexOf(lane);
    if (turn >= 0 && !attempt) this.turns.splice(turn, 1);
    const index = attempt ? this.attempts.indexOf(attempt) : -1;
    if (index >= 0) this.attempts.splice(index, 1);
    this.pump();
  }

  /** The holder's turn is over (all its writes sent, or the engine released it). */
  end(lane: WriteLane): void {
    if (this.holder === lane) this.holder = undefined;
    this.forget(lane);
  }

  /** A write of `lane` was throttled: its retry is owed a slot in its turn, if the turn is on. */
  throttled(lane: WriteLane): void {
    if (this.holder === lane) lane.remaining++;
  }

  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (;;) {
      const wait = this.nextAt - this.clock();
      const own = this.holder && this.attempts.find((a) => a.lane === this.holder);
      const next = own ?? this.attempts.find((a) => a.lane.remaining === 0);
      if (next) {
        if (wait > 0) return this.wake(wait);
        this.attempts.splice(this.attempts.indexOf(next), 1);
        this.nextAt = this.clock() + SLOT_MS;
        if (next.lane === this.holder && --next.lane.remaining <= 0) this.holder = undefined;
        this.sent++;
        this.longestWaitMs = Math.max(this.longestWaitMs, this.clock() - next.lane.waitingSince);
        next.go();
        continue;
      }
      // The holder's next write is on its way (sent after its previous answer): keep its slot.
      if (this.holder || this.turns.length === 0) return;
      // A turn starts when its first slot is due, so its window record carries that time.
      if (wait > 0) return this.wake(wait);
      this.holder = this.turns.shift()!;
      this.holder.start();
    }
  }

  pacing(): RegionPacing {
    return { region: this.region, writes: this.sent, longestWaitMs: this.longestWaitMs };
  }

  private wake(ms: number): void {
    this.timer = setTimeout(() => this.pump(), ms);
  }
}

/** One environment's place in its region's queue (one per environment's client). */
export class WriteLane implements WriteTurns {
  /** Writes of its turn not sent yet (0 outside a turn). */
  remaining = 0;
  /** When it asked for its turn (or, outside a turn, for its last attempt's slot). */
  waitingSince = 0;
  private started: (() => void) | undefined;

  constructor(
    private readonly queue: RegionQueue,
    private readonly clock: () => number,
    private readonly deadline: PacedDeadline | undefined,
  ) {}

  turn(writes: number): Promise<void> {
    this.remaining = Math.max(1, writes);
    this.waitingSince = this.clock();
    return this.waitFor(
      (go) => {
        this.started = go;
        this.queue.enqueueTurn(this);
      },
      () => this.queue.forget(this),
    );
  }

  start(): void {
    this.started?.();
    this.started = undefined;
  }

  release(): void {
    this.remaining = 0;
    this.started = undefined;
    this.queue.end(this);
  }

  /** Resolves when this attempt's slot is due. */
  slot(): Promise<void> {
    let attempt: Attempt | undefined;
    if (this.remaining === 0) this.waitingSince = this.clock();
    return this.waitFor(
      (go) => {
        attempt = { lane: this, go };
        this.queue.enqueueAttempt(attempt);
      },
      () => this.queue.forget(this, attempt),
    );
  }

  throttled(): void {
    this.queue.throttled(this);
  }

  /**
   * Waits in the queue, with the deadline's clock stopped (see deadline.ts), and leaves the queue
   * if the deadline passes all the same.
   */
  private waitFor(enqueue: (go: () => void) => void, leave: () => void): Promise<void> {
    const signal = this.deadline?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const waiting = new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        leave();
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      enqueue(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
    return this.deadline ? this.deadline.excluding(waiting) : waiting;
  }
}

/**
 * The queues of one command over many environments, one per region. A single-environment
 * command is not paced (its two writes go together, as they always have); separate processes
 * do not share queues, as they share nothing else.
 */
export class WritePacer {
  private readonly queues = new Map<string, RegionQueue>();

  constructor(private readonly clock: () => number = () => Date.now()) {}

  /**
   * A place in `region`'s queue for one environment, whose `deadline` does not count the waits.
   * AWS counts each action apart; one queue for all of a region's writes is the safe side of
   * that (the sandbox's emulator counts them together).
   */
  lane(region: string, deadline?: PacedDeadline): WriteLane {
    let queue = this.queues.get(region);
    if (!queue) {
      queue = new RegionQueue(region, this.clock);
      this.queues.set(region, queue);
    }
    return new WriteLane(queue, this.clock, deadline);
  }

  /** What pacing cost so far, per region. */
  pacing(): readonly RegionPacing[] {
    return [...this.queues.values()].map((queue) => queue.pacing());
  }
}

function isThrottle(error: unknown): boolean {
  const e = error as { name?: unknown; $retryable?: { throttling?: boolean } } | undefined;
  return e?.name === 'ThrottlingException' || e?.$retryable?.throttling === true;
}

/**
 * Every write attempt through `client` (retries included: the step runs after the SDK's retry
 * middleware) waits for its slot in the environment's lane. Reads are never paced.
 */
export function paceWrites(client: WAFV2Client, lane: WriteLane): void {
  const pace: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> =
    (next, context) => async (args) => {
      const action = context.commandName?.replace(/Command$/, '') ?? '';
      if (!WRITE_ACTION.test(action)) return next(args);
      await lane.slot();
      try {
        return await next(args);
      } catch (error) {
        if (isThrottle(error)) lane.throttled();
        throw error;
      }
    };
  client.middlewareStack.addRelativeTo(pace, {
    name: 'maintenanceWritePacer',
    relation: 'after',
    toMiddleware: 'retryMiddleware',
  });
}
