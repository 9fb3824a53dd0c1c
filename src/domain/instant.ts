// A point in time as users write it (`until`, the calendar's `start` and `end`): ISO 8601 with a
// date, a time and an explicit offset, so that a window never depends on the runner's time zone.
import { InputError } from './errors.js';
import { MINUTE_MS } from './time.js';

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Milliseconds since the epoch for `2026-12-06T02:00:00+01:00` (or `...Z`); undefined when the
 * text is not that shape or not a real time (month 13, February 30, ...).
 */
export function parseInstant(text: string): number | undefined {
  const m = ISO_WITH_OFFSET.exec(text.trim());
  if (!m) return undefined;
  const ms = Date.parse(text.trim().toUpperCase());
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls February 30 over into March: check the fields survived.
  const offset = m[7]!.toUpperCase() === 'Z' ? 0 : offsetMinutes(m[7]!);
  const local = new Date(ms + offset * MINUTE_MS);
  const same =
    local.getUTCFullYear() === Number(m[1]) &&
    local.getUTCMonth() + 1 === Number(m[2]) &&
    local.getUTCDate() === Number(m[3]) &&
    local.getUTCHours() === Number(m[4]) &&
    local.getUTCMinutes() === Number(m[5]);
  return same ? ms : undefined;
}

function offsetMinutes(offset: string): number {
  const digits = offset.replace(':', ''); // +01:00 -> +0100
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

export const INSTANT_HINT =
  'an ISO 8601 time with an offset, e.g. 2026-12-06T02:00:00+01:00 or 2026-12-06T01:00:00Z';

/** parseInstant, or an InputError naming the field and the value. */
export function requireInstant(text: string, field: string): number {
  const ms = parseInstant(text);
  if (ms === undefined) {
    throw new InputError({ field, message: `must be ${INSTANT_HINT}`, value: text });
  }
  return ms;
}

/** `2026-12-06T01:00:00.000Z`: ISO in UTC, to the whole second (what planned ends are kept to). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}
