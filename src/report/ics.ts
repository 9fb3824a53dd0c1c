// The calendar as an iCalendar file (RFC 5545) that stakeholders can subscribe to: one VEVENT
// per calendar window, its UID stable across runs (the window's id), times in UTC.
import type { CalendarWindow } from '../domain/calendar.js';

const CRLF = '\r\n';
/** RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_OCTETS = 75;

/** RFC 5545 3.3.11 TEXT: backslash, semicolon and comma escaped, line breaks as `\n`. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n|\r/g, '\\n');
}

/** RFC 5545 3.1: a long line goes on in lines that start with one space, never inside a character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** `2026-12-06T01:00:00.000Z` -> `20261206T010000Z` (a UTC DATE-TIME). */
function utc(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

function event(window: CalendarWindow, stamp: string): string[] {
  const envs = window.environments.join(', ');
  const description = [
    `Planned maintenance of ${envs}${window.reason ? `: ${window.reason}` : ''}.`,
    window.autoExit
      ? 'It ends automatically at the end of the window.'
      : 'A person ends it; past its end it is an overrun.',
  ].join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:${window.id}@maintenance-action`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${utc(window.start)}`,
    `DTEND:${utc(window.end)}`,
    `SUMMARY:${escapeText(`Maintenance: ${envs}${window.reason ? ` (${window.reason})` : ''}`)}`,
    `DESCRIPTION:${escapeText(description)}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** The whole file, CRLF line ends. `now` is the DTSTAMP (when this file was made). */
export function renderIcs(windows: readonly CalendarWindow[], now: Date): string {
  const stamp = utc(now.toISOString());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//maintenance-action//calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Maintenance windows',
    ...windows.flatMap((window) => event(window, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
