// A command that failed after reading still knows what the sets hold: PartialWriteError and
// ConcurrentChangeError carry their final read, CommandRefusedError the read it refused in, so
// outputs report that state instead of none.
// A failed write whose outcome no read could settle makes the state (and `changed`) `unknown`.
import type { State } from '../domain/types.js';
import { CommandRefusedError } from './command-refused-error.js';
import { ConcurrentChangeError } from './concurrent-change-error.js';
import { PartialWriteError } from './partial-write-error.js';

/** The state as read by the failed command, and whether it wrote anything before failing. */
export interface StateRead {
  readonly state: State | 'unknown';
  readonly previousState: State;
  readonly changed: boolean | 'unknown';
}

/** The state the error's command read, or undefined when it failed before knowing one. */
export function stateReadBy(error: unknown): StateRead | undefined {
  if (!(
    error instanceof PartialWriteError ||
    error instanceof ConcurrentChangeError ||
    error instanceof CommandRefusedError
  )) {
    return undefined;
  }
  return { state: error.state, previousState: error.previousState, changed: error.changed };
}
