// The upcoming calendar windows as a table: the job summary (markdown) and the log or CLI (text).
import type { CalendarListing } from '../front-door/calendar.js';
import { escapeCell } from './markdown.js';
import { calendarLine } from './schedule-section.js';

function headline(listing: CalendarListing): string {
  const n = listing.upcoming.length;
  return n === 0
    ? `calendar (${listing.file}): no planned window`
    : `calendar (${listing.file}): ${n} planned window${n === 1 ? '' : 's'}`;
}

export function renderCalendarText(listing: CalendarListing): string {
  return [
    headline(listing),
    ...listing.upcoming.map((w) => `  ${w.environments.join(', ')}: ${calendarLine(w)}`),
  ].join('\n');
}

export function renderCalendarMarkdown(listing: CalendarListing): string {
  return [
    '### Maintenance: calendar',
    '',
    escapeCell(headline(listing)),
    '',
    ...(listing.upcoming.length > 0
      ? [
          '| Environments | Start | End | Auto-exit | Reason |',
          '| --- | --- | --- | --- | --- |',
          ...listing.upcoming.map(
            (w) =>
              `| ${escapeCell(w.environments.join(', '))} | ${w.start} | ${w.end} | ${w.autoExit ? 'yes' : 'no'} | ${escapeCell(w.reason ?? '')} |`,
          ),
          '',
        ]
      : []),
  ].join('\n');
}
