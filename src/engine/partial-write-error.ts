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

function show(addresses: readonly string[]): string {
  if (addresses.length === 0) return 'empty';
  const head = addresses.slice(0, 4).join(', ');
  return addresses.length > 4 ? `${head}, ... (${addresses.length} entries)` : head;
}

export class PartialWriteError extends Error {
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
    const lines = SET_ROLES.map((role) => {
      const failure = failures.find((f) => f.role === role);
      if (failure) {
        const reason =
          failure.error instanceof Error ? failure.error.message : String(failure.error);
        return `  - ${nameOf(role)}: NOT written, still ${show(before[role])} (${reason})`;
      }
      if (written.get(role)?.written) {
        return `  - ${nameOf(role)}: written, now ${show(after[role])}`;
      }
      return `  - ${nameOf(role)}: unchanged, ${show(after[role])}`;
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
    this.after = after;
    this.state = state;
    this.previousState = deriveState(before, nameOf).state;
    this.changed = anyWritten;
  }
}
