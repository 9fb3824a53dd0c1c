// The schedule rows (#11): planned end and time left or overrun, exit's adherence, and the
// calendar windows still to come.
import type { CalendarWindow } from '../domain/calendar.js';
import type { WindowTiming } from '../domain/planned-end.js';
import type { CommandReport } from '../engine/report.js';
import type { Fact } from './facts.js';
import { formatDuration } from './format.js';

function basisNote(timing: WindowTiming, maxDurationMs: number | undefined): string {
  if (timing.basis === 'calendar') return ' (calendar window)';
  if (timing.basis === 'max-duration' && maxDurationMs !== undefined) {
    return ` (no planned end given: start + max-duration ${formatDuration(maxDurationMs)})`;
  }
  return '';
}

export function scheduleFacts(report: CommandReport): Fact[] {
  const schedule = report.schedule;
  if (!schedule) return [];
  const facts: Fact[] = [];
  const max = report.environment.maxDurationMs;
  const { open, ended } = schedule;
  if (open) {
    const where = open.overrun
      ? `OVERRUN by ${formatDuration(open.lateByMs)}`
      : `${formatDuration(-open.lateByMs)} left`;
    facts.push({
      label: report.dryRun ? 'Planned end (planned)' : 'Planned end',
      lines: [`${open.plannedEnd}: ${where}${basisNote(open, max)}`],
    });
  }
  if (ended) {
    facts.push({ label: 'Adherence', lines: [adherence(ended, max)] });
  }
  if (report.command === 'status') facts.push(calendarFact(schedule.upcoming));
  return facts;
}

export function adherence(ended: WindowTiming, maxDurationMs?: number): string {
  const note = basisNote(ended, maxDurationMs);
  return ended.lateByMs > 0
    ? `overran by ${formatDuration(ended.lateByMs)} (planned end ${ended.plannedEnd}${note})`
    : `on time (${formatDuration(-ended.lateByMs)} before the planned end ${ended.plannedEnd}${note})`;
}

export function calendarLine(window: CalendarWindow): string {
  const extra = [
    window.reason ? `reason: ${window.reason}` : '',
    window.autoExit ? 'auto-exit' : '',
  ].filter(Boolean);
  return `${window.start} to ${window.end}${extra.length > 0 ? `, ${extra.join(', ')}` : ''}`;
}

function calendarFact(upcoming: readonly CalendarWindow[]): Fact {
  return {
    label: 'Calendar',
    lines: upcoming.length === 0 ? ['no planned window'] : upcoming.map(calendarLine),
  };
}
