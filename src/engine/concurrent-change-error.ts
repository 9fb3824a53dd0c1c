// Verify failed: after this command's writes (and its bounded re-applies) a fresh read still
// does not show what it wanted, because another writer keeps changing the sets. Says what the
// sets hold now and what the other writer recorded, so the user can find it.
import { stateOf } from '../domain/state.js';
import { errorMessage } from '../domain/error-message.js';
import type {
  Command,
  Environment,
  EnvironmentContents,
  SetTarget,
  State,
} from '../domain/types.js';
import { decodeWindow } from '../domain/window.js';

function otherWriter(contents: EnvironmentContents): string {
  const record = decodeWindow(contents.activeDescription);
  if (!record)
    return 'No window record names the other writer (a change by hand or by Terraform?).';
  const w = record.window;
  const reason = w.reason ? `, reason "${w.reason}"` : '';
  return record.kind === 'open'
    ? `The window record now says: maintenance started ${w.since} by ${w.actor} (${w.run})${reason}.`
    : `The window record now says: the window started ${w.since} by ${w.actor} (${w.run}) was closed ${record.window.until} by ${record.window.closedBy}${reason}.`;
}

export class ConcurrentChangeError extends Error {
  /** The state of the last read: the one the step outputs report. */
  readonly state: State;
  readonly previousState: State;
  readonly changed: boolean;

  constructor(w: {
    readonly command: Command;
    readonly environment: Environment;
    readonly before: EnvironmentContents;
    readonly read: EnvironmentContents;
    readonly rounds: number;
    readonly written: readonly SetTarget[];
    readonly nameOf: (target: SetTarget) => string;
    readonly now: Date;
    /** Set when the command no longer applies to what was read (e.g. allowlist-on after an exit). */
    readonly cause?: unknown;
    /** Set when its reads after the writes kept changing: none of them is the sets at one instant. */
    readonly unsettled?: boolean;
  }) {
    const read = stateOf(w.read, w.nameOf, w.now);
    const why =
      w.cause !== undefined
        ? `the sets no longer allow it (${errorMessage(w.cause)})`
        : w.unsettled
          ? `after ${w.rounds} write round${w.rounds === 1 ? '' : 's'} they were still changing each time it read them back`
          : `after ${w.rounds} write round${w.rounds === 1 ? '' : 's'} the sets still differ from what it wants`;
    const details = read.inconsistencies.length > 0 ? ` (${read.inconsistencies.join('; ')})` : '';
    super(
      `${w.command} on ${w.environment.key} (${w.environment.name}) did not hold: another writer changed the sets while it ran, and ${why}. ` +
        `The sets now read ${read.state}${details}. ${otherWriter(w.read)} ` +
        `Find that run (or person), agree which command should win, and run it again.`,
    );
    this.name = 'ConcurrentChangeError';
    this.state = read.state;
    this.previousState = stateOf(w.before, w.nameOf, w.now).state;
    this.changed = w.written.length > 0;
  }
}
