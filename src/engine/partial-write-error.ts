// A command's writes failed (some or all), or the read after them did. Says exactly which set
// holds what, as read AFTER the failure: a write whose answer was lost may well have been
// applied, so nothing is called "not written" on the strength of an error alone. When that read
// fails too, the sets this run cannot vouch for are "unknown", and so is the state. Running the
// same command again writes only what still differs, and repairs (enter shuts testers out
// before it switches maintenance on, so it never leaves stale testers in).
import { isRefusal } from '../aws/errors.js';
import { errorMessage } from '../domain/error-message.js';
import type { Problem } from '../domain/errors.js';
import { stateOf } from '../domain/state.js';
import { sameAddresses } from '../domain/state.js';
import {
  BYPASS,
  SET_TARGETS,
  type Command,
  type Environment,
  type EnvironmentContents,
  type SetTarget,
  type State,
} from '../domain/types.js';
import type { WriteFailures } from './write-plan.js';

/** What a set holds, as this run knows it: addresses, or the number of bypass tokens. */
function holding(contents: EnvironmentContents, target: SetTarget): readonly string[] {
  return target === BYPASS ? contents.bypass : contents.sets[target];
}

function show(target: SetTarget, entries: readonly string[]): string {
  if (entries.length === 0) return 'empty';
  // Never the tokens themselves: only how many.
  if (target === BYPASS) return `${entries.length} bypass token${entries.length === 1 ? '' : 's'}`;
  const head = entries.slice(0, 4).join(', ');
  return entries.length > 4 ? `${head}, ... (${entries.length} entries)` : head;
}

/** The read after the failure, on a budget of its own: the sets' contents, or why it failed. */
export type ReadAfterFailure =
  | {
      readonly contents: EnvironmentContents;
      /** True when the command, planned again on this read, has nothing left to write. */
      readonly complete: boolean;
    }
  | { readonly error: unknown };

export interface FailedWrites {
  readonly command: Command;
  readonly environment: Environment;
  /** The first read: the state before the command. */
  readonly before: EnvironmentContents;
  /** The last round's read, with the sets written as WAF's answers say. */
  readonly asWritten: EnvironmentContents;
  /** What the command wanted each set to hold (its last plan). */
  readonly desired: EnvironmentContents;
  /** Sets whose write WAF confirmed, over all rounds. */
  readonly written: readonly SetTarget[];
  readonly failures: WriteFailures;
  /** Set when every write was confirmed but the read after them (the verify) failed. */
  readonly verifyError?: unknown;
  readonly reread: ReadAfterFailure;
  readonly nameOf: (target: SetTarget) => string;
  readonly now: Date;
}

type Outcome = 'written' | 'not-written' | 'unchanged' | 'unknown';

/** One set after the failed command, and what it holds (absent when unknown). */
interface SetOutcome {
  readonly target: SetTarget;
  readonly set: string;
  readonly outcome: Outcome;
  readonly entries?: readonly string[];
  /** The line in the message, after the set's name. */
  readonly line: string;
  /** Why its write failed, for --json. */
  readonly reason?: string;
}

/** Each set as the read after the failure shows it. */
function outcomeRead(w: FailedWrites, target: SetTarget, now: EnvironmentContents): SetOutcome {
  const set = w.nameOf(target);
  const entries = holding(now, target);
  const holds = show(target, entries);
  const same = (contents: EnvironmentContents): boolean =>
    sameAddresses(entries, holding(contents, target));
  if (w.failures.has(target)) {
    const error = w.failures.get(target);
    const reason = errorMessage(error);
    // Applied despite the error (its answer was lost), not applied, or someone else's change.
    const [outcome, line]: [Outcome, string] =
      same(w.desired) && !same(w.asWritten)
        ? [
            'written',
            `written: the call failed (${reason}), but the read after the failure shows the change applied; now ${holds}`,
          ]
        : same(w.asWritten)
          ? ['not-written', `NOT written, still ${holds} (${reason})`]
          : [
              'not-written',
              `NOT written by this run (${reason}), and changed by another writer: now ${holds}`,
            ];
    return { target, set, outcome, entries, reason, line };
  }
  if (w.written.includes(target)) {
    const line = same(w.asWritten)
      ? `written, now ${holds}`
      : `written, but changed since by another writer: now ${holds}`;
    return { target, set, outcome: 'written', entries, line };
  }
  const line = same(w.asWritten)
    ? `unchanged, ${holds}`
    : `not written by this run, but changed by another writer: now ${holds}`;
  return { target, set, outcome: 'unchanged', entries, line };
}

/** Each set as far as WAF's answers say, when no read after the failure succeeded. */
function outcomeUnread(w: FailedWrites, target: SetTarget): SetOutcome {
  const set = w.nameOf(target);
  const known = holding(w.asWritten, target);
  if (w.failures.has(target)) {
    const error = w.failures.get(target);
    const reason = errorMessage(error);
    // WAF answered "no" (access denied, invalid, lock races): nothing was applied.
    if (isRefusal(error)) {
      const line = `NOT written (WAF refused it), still ${show(target, known)} when last read (${reason})`;
      return { target, set, outcome: 'not-written', entries: known, reason, line };
    }
    return {
      target,
      set,
      outcome: 'unknown',
      reason,
      line: `unknown: the write may have reached WAF, and no answer said whether it was applied (${reason})`,
    };
  }
  if (w.written.includes(target)) {
    const line = `written (confirmed by WAF's answer), now ${show(target, known)}; not read back`;
    return { target, set, outcome: 'written', entries: known, line };
  }
  const line = `unchanged by this run, ${show(target, known)} when last read`;
  return { target, set, outcome: 'unchanged', entries: known, line };
}

export class PartialWriteError extends Error {
  /** Each set's outcome, as `--json` lists problems: field = set name, value = outcome and contents. */
  readonly problems: readonly Problem[];
  /** The state the read after the failure shows; `unknown` when that read failed too. */
  readonly state: State | 'unknown';
  readonly previousState: State;
  /** True when a set was written; `unknown` when none is known written but one may have been. */
  readonly changed: boolean | 'unknown';

  constructor(w: FailedWrites) {
    const read = 'contents' in w.reread ? w.reread : undefined;
    const sets = SET_TARGETS.map((target) =>
      read ? outcomeRead(w, target, read.contents) : outcomeUnread(w, target),
    );
    const state = read ? stateOf(read.contents, w.nameOf, w.now).state : 'unknown';
    const anyWritten = sets.some((s) => s.outcome === 'written');
    const changed = anyWritten
      ? true
      : sets.some((s) => s.outcome === 'unknown')
        ? 'unknown'
        : false;
    const what = `${w.command} on ${w.environment.key} (${w.environment.name})`;
    const verify =
      w.verifyError === undefined
        ? ''
        : ` every write was confirmed, but the read after them failed (${errorMessage(w.verifyError)});`;
    let head: string;
    let advice: string;
    if (read) {
      head = read.complete
        ? `${what} did not finish cleanly:${verify} a read after the failure shows every set as ${w.command} wants them; the environment is ${state}`
        : anyWritten
          ? `${what} was only partly applied:${verify} a read after the failure shows the environment is now ${state}`
          : `${what} failed before any set was written; a read after the failure shows the environment is still ${state}`;
      advice = read.complete
        ? `Nothing is left to write; \`${w.command}\` again would confirm it (it writes only the sets that still differ).`
        : `Run \`${w.command}\` again once the cause is fixed: it writes only the sets that still differ.`;
    } else {
      const derived = sets.every((s) => s.outcome !== 'unknown')
        ? ` By WAF's answers and the read before the writes, it should be ${stateOf(w.asWritten, w.nameOf, w.now).state}, but no read has confirmed it.`
        : '';
      head =
        `${what} failed:${verify} the sets could not be read again after the failure (${errorMessage('error' in w.reread ? w.reread.error : undefined)}), ` +
        `so the environment's state is unknown.${derived} What this run knows of each set`;
      advice = `Run \`status\` once WAF answers to see the state, or \`${w.command}\` again: it writes only the sets that still differ.`;
    }
    super(`${head}:\n${sets.map((s) => `  - ${s.set}: ${s.line}`).join('\n')}\n${advice}`);
    this.name = 'PartialWriteError';
    // For --json: each set's outcome as data, where scripts read problems.
    this.problems = sets.map(({ target, set, outcome, entries, reason }) => ({
      field: set,
      message: reason === undefined ? outcome : `${outcome.replace('-', ' ')}: ${reason}`,
      // Bypass tokens are secrets: only how many.
      value:
        entries === undefined
          ? { outcome }
          : target === BYPASS
            ? { outcome, tokens: entries.length }
            : { outcome, addresses: entries },
    }));
    this.state = state;
    this.previousState = stateOf(w.before, w.nameOf, w.now).state;
    this.changed = changed;
  }
}
