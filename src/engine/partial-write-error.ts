// A command's writes failed, some or all of them. Says exactly which set holds what, and how to
// recover.
import { deriveState } from '../domain/state.js';
import {
  SET_ROLES,
  type Command,
  type Environment,
  type SetContents,
  type SetRole,
  type State,
} from '../domain/types.js';
import type { WriteOutcome } from '../aws/ip-sets.js';
import type { Problem } from '../domain/errors.js';

function show(addresses: readonly string[]): string {
  if (addresses.length === 0) return 'empty';
  const head = addresses.slice(0, 4).join(', ');
  return addresses.length > 4 ? `${head}, ... (${addresses.length} entries)` : head;
}

/** One set after the failed command: written, not written (and why), or left as it was. */
interface SetOutcome {
  readonly role: SetRole;
  readonly set: string;
  readonly outcome: 'written' | 'not-written' | 'unchanged';
  /** What the set holds now, as far as this run knows. */
  readonly addresses: readonly string[];
  readonly reason?: string;
}

export class PartialWriteError extends Error {
  /** Each set's outcome, as `--json` lists problems: field = set name, value = outcome and addresses. */
  readonly problems: readonly Problem[];
  /** The sets' contents as far as this run knows: written ones as written, others as read. */
  readonly after: SetContents;
  /** The state those contents make, and the state before the command. */
  readonly state: State;
  readonly previousState: State;
  /** True when at least one set was written before the failure. */
  readonly changed: boolean;

  constructor(
    command: Command,
    environment: Environment,
    before: SetContents,
    after: SetContents,
    written: ReadonlyMap<SetRole, WriteOutcome>,
    failures: readonly { role: SetRole; error: unknown }[],
    nameOf: (role: SetRole) => string,
  ) {
    const state = deriveState(after, nameOf).state;
    const sets: SetOutcome[] = SET_ROLES.map((role) => {
      const failure = failures.find((f) => f.role === role);
      if (failure) {
        const reason =
          failure.error instanceof Error ? failure.error.message : String(failure.error);
        return { role, set: nameOf(role), outcome: 'not-written', addresses: before[role], reason };
      }
      const outcome = written.get(role)?.written ? 'written' : 'unchanged';
      return { role, set: nameOf(role), outcome, addresses: after[role] };
    });
    const lines = sets.map((set) => {
      if (set.outcome === 'not-written') {
        return `  - ${set.set}: NOT written, still ${show(set.addresses)} (${set.reason})`;
      }
      if (set.outcome === 'written') return `  - ${set.set}: written, now ${show(set.addresses)}`;
      return `  - ${set.set}: unchanged, ${show(set.addresses)}`;
    });
    const repair =
      command === 'exit' ? 'exit' : command === 'enter' ? 'enter' : `${command} (or enter/exit)`;
    const anyWritten = [...written.values()].some((outcome) => outcome.written);
    const outcome = anyWritten
      ? `was only partly applied; the environment is now ${state}`
      : `failed before any set was written; the environment is still ${state}`;
    super(
      `${command} on ${environment.key} (${environment.name}) ${outcome}:\n${lines.join('\n')}\n` +
        `Run \`${repair}\` again once the cause is fixed: it writes only the sets that still differ.`,
    );
    this.name = 'PartialWriteError';
    // For --json: each set's outcome as data, where scripts read problems.
    this.problems = sets.map(({ set, outcome, addresses, reason }) => ({
      field: set,
      message: outcome === 'not-written' ? `not written: ${reason}` : outcome,
      value: { outcome, addresses },
    }));
    this.after = after;
    this.state = state;
    this.previousState = deriveState(before, nameOf).state;
    this.changed = anyWritten;
  }
}
