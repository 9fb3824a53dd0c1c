// `validate`: checks the whole config file, every environment and tester, for pull-request CI.
// Writes nothing and calls no AWS API, so it needs no credentials.
import { staleWindowProblems } from '../domain/calendar.js';
import { checkConfig } from '../domain/config.js';
import { InputError, type Problem } from '../domain/errors.js';
import { COMMANDS, type Command } from '../domain/types.js';
import { mergeLines } from '../report/merges.js';
import { REPORT_COMMAND } from './period-report.js';

export const VALIDATE = 'validate';

/** `reconcile` (#11): the calendar and overruns, every environment; it runs engine commands. */
export const RECONCILE = 'reconcile';

/**
 * What the front doors accept: the engine's commands, `validate` and `report` (#13, read-only),
 * which never reach it, and `reconcile`.
 */
export const FRONT_DOOR_COMMANDS = [...COMMANDS, VALIDATE, RECONCILE, REPORT_COMMAND] as const;
export type FrontDoorCommand = Command | typeof VALIDATE | typeof RECONCILE | typeof REPORT_COMMAND;

export interface Validation {
  readonly file: string;
  /** Every problem in the file, in file order; empty when it is valid. */
  readonly problems: readonly Problem[];
  /** Environment keys and tester names found (for the "what was checked" line). */
  readonly environments: readonly string[];
  readonly testers: readonly string[];
  /** What merging each tester's CIDRs did (log lines; nothing wrong, but worth knowing). */
  readonly notes: readonly string[];
}

/** `now`: calendar windows that started more than a day before it are stale (validate only). */
export function validateConfig(text: string, file: string, now = Date.now()): Validation {
  try {
    const { config, problems, keys, listed } = checkConfig(text, file);
    const stale = staleWindowProblems(config.calendar, file, now);
    return {
      file,
      problems: [...problems, ...stale]
        .map((p) => p.problem)
        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)),
      environments: keys,
      testers: config.testers.map((tester) => tester.name),
      notes: [...listed].flatMap(([name, cidrs]) =>
        mergeLines(cidrs).map((line, i) => (i === 0 ? `Tester '${name}': ${line}` : line)),
      ),
    };
  } catch (error) {
    // The file could not be read as a config at all (size, YAML syntax, empty).
    if (!(error instanceof InputError)) throw error;
    return { file, problems: error.problems, environments: [], testers: [], notes: [] };
  }
}
