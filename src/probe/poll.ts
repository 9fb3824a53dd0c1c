// Polls every probe URL until each has given the expected answer for `consecutive` polls in a
// row, or the timeout. Polls are spaced `intervalMs` apart with jitter (+-25%), so that many
// runners probing one site do not poll in step.
import {
  describeExpected,
  describeSeen,
  meets,
  type ProbeTarget,
  type Seen,
  type SeenRun,
  type TargetReport,
} from '../domain/probe.js';
import { visit as httpVisit } from './visit.js';

/** Longest wait for one answer; a poll never waits past the probe's deadline by more than MIN. */
export const MAX_REQUEST_TIMEOUT_MS = 10_000;
const MIN_REQUEST_TIMEOUT_MS = 1_000;
/** Runs of answers kept per URL for the summary: the first ones and the latest. */
const MAX_RUNS = 12;

export interface PollOptions {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly consecutive: number;
  /** Epoch ms that times are counted from (the end of the writes). */
  readonly startMark: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly visit?: (target: ProbeTarget, timeoutMs: number) => Promise<Seen>;
  /** Each URL's answer whenever it changes. */
  readonly log?: (line: string) => void;
}

export interface PollOutcome {
  readonly held: boolean;
  /** Epoch ms when the answer that held was first seen on the last URL to settle. */
  readonly heldAt?: number;
  readonly targets: readonly TargetReport[];
}

class TargetProgress {
  polls = 0;
  streak = 0;
  streakStart = 0;
  readonly runs: SeenRun[] = [];

  constructor(readonly target: ProbeTarget) {}

  record(seen: Seen, at: number, startMark: number): boolean {
    this.polls++;
    const ok = meets(this.target, seen);
    if (!ok) this.streak = 0;
    else if (this.streak++ === 0) this.streakStart = at;
    const answer = describeSeen(seen);
    const last = this.runs.at(-1);
    if (last?.answer === answer) {
      this.runs[this.runs.length - 1] = { ...last, times: last.times + 1 };
      return false;
    }
    // Keep the first answers and the latest ones; drop from the middle.
    if (this.runs.length >= MAX_RUNS) this.runs.splice(MAX_RUNS / 2, 1);
    this.runs.push({ atSeconds: seconds(at - startMark), answer, times: 1 });
    return true;
  }

  /** Each URL on its own: one that held is not blamed when another did not. */
  report(consecutive: number, startMark: number): TargetReport {
    const held = this.streak >= consecutive;
    const { url, kind, as } = this.target;
    return {
      url,
      kind,
      as,
      expected: describeExpected(this.target),
      held,
      ...(held ? { heldFromSeconds: seconds(this.streakStart - startMark) } : {}),
      polls: this.polls,
      seen: this.runs,
    };
  }
}

/** Seconds with one decimal, as shown everywhere. */
export function seconds(ms: number): number {
  return Math.round(Math.max(0, ms) / 100) / 10;
}

export async function pollUntilHeld(
  targets: readonly ProbeTarget[],
  options: PollOptions,
): Promise<PollOutcome> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise((done) => setTimeout(done, ms)));
  const random = options.random ?? Math.random;
  const visit = options.visit ?? httpVisit;
  const progress = targets.map((target) => new TargetProgress(target));
  const deadline = now() + options.timeoutMs;
  for (;;) {
    const requestTimeout = Math.max(
      MIN_REQUEST_TIMEOUT_MS,
      Math.min(MAX_REQUEST_TIMEOUT_MS, deadline - now()),
    );
    const seen = await Promise.all(targets.map((target) => visit(target, requestTimeout)));
    const at = now();
    for (const [i, item] of progress.entries()) {
      if (item.record(seen[i]!, at, options.startMark)) {
        const who = item.target.as === 'tester' ? ' (with the bypass token)' : '';
        options.log?.(
          `probe: ${item.target.url}${who}: ${describeSeen(seen[i]!)} at +${seconds(at - options.startMark)} s`,
        );
      }
    }
    const held = progress.every((item) => item.streak >= options.consecutive);
    if (held || at >= deadline) {
      return {
        held,
        ...(held ? { heldAt: Math.max(...progress.map((item) => item.streakStart)) } : {}),
        targets: progress.map((item) => item.report(options.consecutive, options.startMark)),
      };
    }
    const spacing = options.intervalMs * (0.75 + 0.5 * random());
    await sleep(Math.min(spacing, deadline - at));
  }
}
