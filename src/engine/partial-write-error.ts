// A command's writes failed, some or all of them. Says exactly which set holds what, and how to
// recover: running the same command again writes only what still differs, and repairs (enter
// shuts testers out before it switches maintenance on, so it never leaves stale testers in).
import { errorMessage } from '../domain/error-message.js';
import type { Problem } from '../domain/errors.js';
import { stateOf } from '../domain/plan.js';
import {
  BYPASS,
  SET_TARGETS,
  type Command,
  type Environment,
  type EnvironmentContents,
  type SetTarget,
  type State,
} from '../domain/types.js';

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

export interface PartialWrite {
  readonly command: Command;
  readonly environment: Environment;
  readonly before: EnvironmentContents;
  /** Written sets as written, the others as read. */
  readonly after: EnvironmentContents;
  readonly written: readonly SetTarget[];
  readonly failures: readonly { readonly target: SetTarget; readonly error: unknown }[];
  readonly nameOf: (target: SetTarget) => string;
  readonly now: Date;
}

/** One set after the failed command: written, not written (and why), or left as it was. */
interface SetOutcome {
  readonly target: SetTarget;
  readonly set: string;
  readonly outcome: 'written' | 'not-written' | 'unchanged';
  /** What the set holds now, as far as this run knows. */
  readonly entries: readonly string[];
  readonly reason?: string;
}

export class PartialWriteError extends Error {
  /** Each set's outcome, as `--json` lists problems: field = set name, value = outcome and contents. */
  readonly problems: readonly Problem[];
  /** The sets' contents as far as this run knows: written ones as written, others as read. */
  readonly after: EnvironmentContents;
  /** The state those contents make, and the state before the command. */
  readonly state: State;
  readonly previousState: State;
  /** True when at least one set was written before the failure. */
  readonly changed: boolean;

  constructor(w: PartialWrite) {
    const state = stateOf(w.after, w.nameOf, w.now).state;
    const sets: SetOutcome[] = SET_TARGETS.map((target) => {
      const set = w.nameOf(target);
      const failure = w.failures.find((f) => f.target === target);
      if (failure) {
        const entries = holding(w.before, target);
        return {
          target,
          set,
          outcome: 'not-written',
          entries,
          reason: errorMessage(failure.error),
        };
      }
      const outcome = w.written.includes(target) ? 'written' : 'unchanged';
      return { target, set, outcome, entries: holding(w.after, target) };
    });
    const lines = sets.map((s) => {
      const holds = show(s.target, s.entries);
      if (s.outcome === 'not-written')
        return `  - ${s.set}: NOT written, still ${holds} (${s.reason})`;
      if (s.outcome === 'written') return `  - ${s.set}: written, now ${holds}`;
      return `  - ${s.set}: unchanged, ${holds}`;
    });
    const anyWritten = w.written.length > 0;
    const outcome = anyWritten
      ? `was only partly applied; the environment is now ${state}`
      : `failed before any set was written; the environment is still ${state}`;
    super(
      `${w.command} on ${w.environment.key} (${w.environment.name}) ${outcome}:\n${lines.join('\n')}\n` +
        `Run \`${w.command}\` again once the cause is fixed: it writes only the sets that still differ.`,
    );
    this.name = 'PartialWriteError';
    // For --json: each set's outcome as data, where scripts read problems.
    this.problems = sets.map(({ target, set, outcome, entries, reason }) => ({
      field: set,
      message: outcome === 'not-written' ? `not written: ${reason}` : outcome,
      // Bypass tokens are secrets: only how many.
      value:
        target === BYPASS ? { outcome, tokens: entries.length } : { outcome, addresses: entries },
    }));
    this.after = w.after;
    this.state = state;
    this.previousState = stateOf(w.before, w.nameOf, w.now).state;
    this.changed = anyWritten;
  }
}
