// reconcile's decision on one environment, with an injected clock.
import type { CalendarWindow } from '../../src/domain/calendar.js';
import { planReconcile } from '../../src/domain/reconcile-plan.js';

const H = 3_600_000;
const T = Date.parse('2026-12-06T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function window(id: string, start: number, end: number, autoExit = false): CalendarWindow {
  return { id, environments: ['production'], start: iso(start), end: iso(end), autoExit, line: 1 };
}
const db = window('db', T, T + 2 * H, true);
const manual = window('manual', T, T + 2 * H, false);
/** The calendar window `db`, open and a minute past its end. */
const open = { since: iso(T), calendarWindow: 'db' };
const late = { plannedEnd: db.end, basis: 'calendar' as const, lateByMs: 60_000, overrun: true };

describe('planReconcile', () => {
  it('does nothing before a window starts', () => {
    expect(planReconcile({ key: 'production' }, [db], T - 60_000)).toEqual({
      steps: [],
      overrun: false,
      note: 'no calendar window now',
    });
  });

  it('enters a window whose start has come, once', () => {
    expect(planReconcile({ key: 'production' }, [db], T + 60_000).steps).toEqual([
      { command: 'enter', window: db },
    ]);
    // Entered: the open window is the calendar's, within its end.
    const open = { since: iso(T + 60_000), calendarWindow: 'db' };
    const timing = { plannedEnd: db.end, basis: 'calendar' as const, lateByMs: -H, overrun: false };
    expect(planReconcile({ key: 'production', open, timing }, [db], T + H).steps).toEqual([]);
  });

  it('does not enter again a window that was exited by hand before its end', () => {
    const last = { since: iso(T + 60_000), calendarWindow: 'db', until: iso(T + H) };
    const plan = planReconcile({ key: 'production', last }, [db], T + H + 60_000);
    expect(plan.steps).toEqual([]);
    expect(plan.note).toMatch(/was exited at 2026-12-06T03:00:00.000Z; not entered again/);
  });

  it('does not enter a window during which a person ended a window of their own', () => {
    const last = { since: iso(T - H), until: iso(T + 30 * 60_000) };
    expect(planReconcile({ key: 'production', last }, [db], T + H).steps).toEqual([]);
    // ...but a window that ended before the calendar window began does not count.
    const earlier = { since: iso(T - 2 * H), until: iso(T - H) };
    expect(planReconcile({ key: 'production', last: earlier }, [db], T + H).steps).toHaveLength(1);
  });

  it('exits an auto-exit window past its end, and fails on any other overrun', () => {
    expect(
      planReconcile({ key: 'production', open, timing: late }, [db], T + 2 * H + 60_000),
    ).toEqual({
      steps: [{ command: 'exit', window: db }],
      overrun: false,
    });
    const byHand = { since: iso(T) };
    expect(
      planReconcile({ key: 'production', open: byHand, timing: late }, [db], T + 3 * H),
    ).toEqual({
      steps: [],
      overrun: true,
    });
    const notAuto = { since: iso(T), calendarWindow: 'manual' };
    expect(
      planReconcile({ key: 'production', open: notAuto, timing: late }, [manual], T + 3 * H)
        .overrun,
    ).toBe(true);
  });

  it('exits an ended auto-exit window and enters the next one that starts at its end', () => {
    const next = window('next', T + 2 * H, T + 3 * H, true);
    expect(
      planReconcile({ key: 'production', open, timing: late }, [db, next], T + 2 * H + 60_000)
        .steps,
    ).toEqual([
      { command: 'exit', window: db },
      { command: 'enter', window: next },
    ]);
  });
});
