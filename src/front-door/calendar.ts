// The calendar on its own: `status` without an environment (when the file has several) and the
// CLI's `calendar` list the windows still to come; `calendar --ics` prints them all as iCalendar.
// Reads only the config: no AWS call.
import { upcomingWindows, type CalendarWindow } from '../domain/calendar.js';
import { checkConfig } from '../domain/config.js';
import type { ConfigText } from '../domain/config-text.js';
import type { Problem } from '../domain/errors.js';

export interface CalendarListing {
  readonly command: 'calendar';
  readonly file: string;
  /** Windows that have not ended, soonest first. */
  readonly upcoming: readonly CalendarWindow[];
  /** Every window in the file, in file order (for the iCalendar file). */
  readonly all: readonly CalendarWindow[];
  readonly generatedAt: string;
}

export function calendarListing(
  { text, file }: ConfigText,
  now: Date,
  warnConfig: (problem: Problem) => void,
): CalendarListing {
  const check = checkConfig(text, file);
  for (const { path, problem } of check.problems) {
    if (path?.[0] === 'windows') warnConfig(problem);
  }
  const calendar = check.config.calendar;
  return {
    command: 'calendar',
    file,
    upcoming: upcomingWindows(calendar, undefined, now.getTime()),
    all: calendar,
    generatedAt: now.toISOString(),
  };
}

/** True when `status` was given no environment and the file has several: show the calendar. */
export function wantsCalendar(
  { text, file }: ConfigText,
  environment: string | undefined,
): boolean {
  if (environment !== undefined && environment !== '') return false;
  try {
    return checkConfig(text, file).keys.length > 1;
  } catch {
    return false; // the command itself reports why the file cannot be read
  }
}
