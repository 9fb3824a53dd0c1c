// The schedule (#11) of a command's report: the planned end of the window in force (its own,
// or the environment's max-duration), how far past it we are, exit's adherence, and what the
// calendar plans next. Loud on overrun: a warning with who, when, the run and how to exit.
import { upcomingWindows, type CalendarWindow } from '../domain/calendar.js';
import { windowTiming, type ScheduleReport } from '../domain/planned-end.js';
import type { Environment } from '../domain/types.js';
import type { CommandReport } from '../engine/report.js';
import { overrunWarning } from '../report/overrun.js';

export function scheduleOf(
  report: CommandReport,
  environment: Environment,
  calendar: readonly CalendarWindow[],
): ScheduleReport {
  const at = Date.parse(report.finishedAt);
  const open = report.window && windowTiming(report.window, environment.maxDurationMs, at);
  const endedAt = Date.parse(report.startedAt);
  const ended =
    report.endedWindow && windowTiming(report.endedWindow, environment.maxDurationMs, endedAt);
  return {
    ...(open ? { open } : {}),
    ...(ended ? { ended } : {}),
    upcoming: upcomingWindows(calendar, environment.key, at),
  };
}

/** The warning every command prints while its environment's window is past its planned end. */
export function overrunNotice(
  report: CommandReport,
  schedule: ScheduleReport,
  configFile: string,
): string | undefined {
  const open = schedule.open;
  if (!open?.overrun || !report.window || report.dryRun) return undefined;
  return overrunWarning(report.environment, report.window, open, configFile);
}
