// When a window is due to end, and how far from that end a moment is: the numbers behind
// `planned-end`, `overrun` and exit's adherence. Pure.
import type { CalendarWindow } from './calendar.js';
import { isoSeconds } from './instant.js';

/** Where the planned end comes from: the window's own (duration, until, calendar) or the config's max-duration. */
export type PlannedEndBasis = 'planned' | 'calendar' | 'max-duration';

export interface WindowTiming {
  /** ISO, UTC. */
  readonly plannedEnd: string;
  readonly basis: PlannedEndBasis;
  /** Milliseconds past the planned end (negative: time left, or ended that much early). */
  readonly lateByMs: number;
  /** Past the planned end. */
  readonly overrun: boolean;
}

export interface TimedWindow {
  readonly since: string;
  readonly plannedEnd?: string;
  readonly calendarWindow?: string;
}

/** The window's timing at `at`; undefined when it has no planned end and no max-duration applies. */
export function windowTiming(
  window: TimedWindow,
  maxDurationMs: number | undefined,
  at: number,
): WindowTiming | undefined {
  const own = window.plannedEnd === undefined ? Number.NaN : Date.parse(window.plannedEnd);
  const since = Date.parse(window.since);
  const end = Number.isNaN(own)
    ? maxDurationMs === undefined || Number.isNaN(since)
      ? undefined
      : since + maxDurationMs
    : own;
  if (end === undefined) return undefined;
  const basis: PlannedEndBasis = !Number.isNaN(own)
    ? window.calendarWindow
      ? 'calendar'
      : 'planned'
    : 'max-duration';
  const lateByMs = at - end;
  return { plannedEnd: isoSeconds(end), basis, lateByMs, overrun: lateByMs > 0 };
}

/** #11 on a command's report: the planned end of the window in force or just ended, and the calendar. */
export interface ScheduleReport {
  /** The open window's planned end, time left or overrun (at the end of the command). */
  readonly open?: WindowTiming;
  /** On exit: adherence of the window that just ended (lateByMs > 0: it overran by that much). */
  readonly ended?: WindowTiming;
  /** This environment's calendar windows that have not ended yet, soonest first. */
  readonly upcoming: readonly CalendarWindow[];
}
