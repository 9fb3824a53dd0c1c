// `duration` / `until` (CLI `--duration` / `--until`): the planned end `enter` records, checked
// before anything is written.
import { parseDuration } from '../domain/duration.js';
import { InputError } from '../domain/errors.js';
import { isoSeconds, requireInstant } from '../domain/instant.js';
import type { Command } from '../domain/types.js';
import { DAY_MS } from '../domain/time.js';

/** A year: longer is a typo (or a site that is not coming back, which is not maintenance). */
const MAX_PLANNED_MS = 365 * DAY_MS;

export interface PlannedEndInput {
  readonly command: Command;
  /** A number and m, h or d, from now. */
  readonly duration: string | undefined;
  /** ISO 8601 with an offset. */
  readonly until: string | undefined;
  /** What the front door calls them in messages: `input "duration"` or `--duration`. */
  readonly names: { readonly duration: string; readonly until: string };
  readonly now: number;
  readonly warn: (line: string) => void;
}

/** The planned end as ISO (UTC, whole seconds), or undefined when none was given. */
export function plannedEndFrom(input: PlannedEndInput): string | undefined {
  const { duration, until, names } = input;
  if (duration === undefined && until === undefined) return undefined;
  if (duration !== undefined && until !== undefined) {
    throw new InputError({
      field: `${names.duration} and ${names.until}`,
      message: `give one of them, not both: ${names.duration} counts from now, ${names.until} is a time`,
      value: `${duration} / ${until}`,
    });
  }
  if (input.command !== 'enter') {
    input.warn(
      `${duration !== undefined ? names.duration : names.until} applies only to enter; ignored for ${input.command}`,
    );
    return undefined;
  }
  if (duration !== undefined) {
    const ms = parseDuration(duration, {
      field: names.duration,
      units: ['m', 'h', 'd'],
      maxMs: MAX_PLANNED_MS,
    });
    return isoSeconds(input.now + ms);
  }
  const end = requireInstant(until!, names.until);
  if (end <= input.now) {
    throw new InputError({
      field: names.until,
      message: `is not in the future (now is ${isoSeconds(input.now)})`,
      value: until,
    });
  }
  if (end - input.now > MAX_PLANNED_MS) {
    throw new InputError({
      field: names.until,
      message: 'is more than a year ahead',
      value: until,
    });
  }
  return isoSeconds(end);
}
