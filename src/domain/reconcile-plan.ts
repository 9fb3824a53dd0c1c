// What `reconcile` does on one environment, decided from what `status` read and the calendar.
// Pure: the front door runs the steps. A calendar window is entered once: a window that was
// exited (by hand, or by anyone) after the calendar window started is not entered again.
import { currentWindow, type CalendarWindow } from './calendar.js';
import type { WindowTiming } from './planned-end.js';

export interface ObservedWindow {
  readonly since: string;
  readonly calendarWindow?: string;
}

export interface ObservedEnvironment {
  readonly key: string;
  /** The window in force (undefined when normal, or when maintenance was switched on by hand in the console). */
  readonly open?: ObservedWindow;
  /** Its timing (planned end, overrun), when it has a planned end. */
  readonly timing?: WindowTiming;
  /** While normal: the last window, as closed. */
  readonly last?: ObservedWindow & { readonly until: string };
}

export type ReconcileStep =
  | { readonly command: 'exit'; readonly window: CalendarWindow }
  | { readonly command: 'enter'; readonly window: CalendarWindow };

export interface ReconcilePlan {
  readonly steps: readonly ReconcileStep[];
  /** The open window is past its planned end and may not be exited automatically: reconcile fails. */
  readonly overrun: boolean;
  /** Why nothing (more) is done, for the summary. */
  readonly note?: string;
}

export function planReconcile(
  env: ObservedEnvironment,
  calendar: readonly CalendarWindow[],
  now: number,
): ReconcilePlan {
  const steps: ReconcileStep[] = [];
  let last = env.last;
  if (env.open) {
    if (!env.timing?.overrun) {
      return { steps, overrun: false, note: 'in maintenance, within its planned end' };
    }
    const own = calendar.find((w) => w.id === env.open?.calendarWindow);
    if (!own?.autoExit) return { steps, overrun: true };
    steps.push({ command: 'exit', window: own });
    last = { ...env.open, until: new Date(now).toISOString() };
  }
  const current = currentWindow(calendar, env.key, now);
  if (!current)
    return { steps, overrun: false, ...(steps.length ? {} : { note: 'no calendar window now' }) };
  if (last && handled(last, current)) {
    return {
      steps,
      overrun: false,
      note: `calendar window ${current.start} to ${current.end} was exited at ${last.until}; not entered again`,
    };
  }
  steps.push({ command: 'enter', window: current });
  return { steps, overrun: false };
}

/**
 * The calendar window already had its turn: the last window was it, or was a window opened
 * by hand that ended after the calendar window started (a person decided to end maintenance).
 */
function handled(last: ObservedWindow & { until: string }, current: CalendarWindow): boolean {
  if (last.calendarWindow === current.id) return true;
  return last.calendarWindow === undefined && Date.parse(last.until) >= Date.parse(current.start);
}
