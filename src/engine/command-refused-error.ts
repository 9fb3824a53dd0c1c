// The command does not apply to the state read (allowlist-on while the environment is normal):
// nothing was written. Its message is the plan's, which says what to run instead; it carries
// the state read, so outputs and the many-environment results report it rather than none.
import { InputError, type Problem } from '../domain/errors.js';
import type { State } from '../domain/types.js';

export class CommandRefusedError extends InputError {
  readonly previousState: State;
  readonly changed = false;

  constructor(
    problems: readonly Problem[],
    /** The state read; nothing was written, so it is also the state before. */
    readonly state: State,
  ) {
    super(problems);
    this.name = 'CommandRefusedError';
    this.previousState = state;
  }
}
