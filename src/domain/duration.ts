// Durations in inputs and the config file (`timeout`, `bypass-ttl`, `duration`, `max-duration`,
// ...): a whole number and a unit. One parser, so every field reads and fails the same way.
import { InputError } from './errors.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from './time.js';

export type DurationUnit = 's' | 'm' | 'h' | 'd';

const UNIT_MS: Record<DurationUnit, number> = {
  s: SECOND_MS,
  m: MINUTE_MS,
  h: HOUR_MS,
  d: DAY_MS,
};
const UNIT_NAMES: Record<DurationUnit, string> = {
  s: 'seconds',
  m: 'minutes',
  h: 'hours',
  d: 'days',
};
const DURATION = /^(\d{1,9})\s*([a-z]+)$/;

export interface DurationOptions {
  /** What messages name, e.g. `input "timeout"` or `--timeout`. */
  readonly field: string;
  /** Units this field accepts; all by default. */
  readonly units?: readonly DurationUnit[];
  /** Longest accepted duration, in milliseconds. */
  readonly maxMs?: number;
}

/** Short form of a duration for messages: `90s`, `5m`, `6h`. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms / 1000}s`;
}

/**
 * `30s`, `5m`, `6h`, `1d` to milliseconds. Throws an InputError naming the field and the value
 * when the text is not a positive whole number and an accepted unit, or is over `maxMs`.
 */
export function parseDuration(text: string, options: DurationOptions): number {
  const units = options.units ?? (['s', 'm', 'h', 'd'] as const);
  const match = DURATION.exec(text.trim().toLowerCase());
  const unit = match?.[2] as DurationUnit | undefined;
  const ms = match && unit && units.includes(unit) ? Number(match[1]) * UNIT_MS[unit] : Number.NaN;
  const examples = units.map((u) => `${u === 's' ? 30 : u === 'm' ? 5 : u === 'h' ? 6 : 1}${u}`);
  if (ms === 0) {
    // `0s` is well formed, just too short: say the least it can be, not how to write one.
    throw new InputError({
      field: options.field,
      message: `must be at least 1${units[0]!}`,
      value: text,
    });
  }
  if (!(ms > 0)) {
    throw new InputError({
      field: options.field,
      message: `must be a whole number and a unit, ${units.map((u) => `${u} (${UNIT_NAMES[u]})`).join(', ')}, e.g. ${examples.join(' or ')}`,
      value: text,
    });
  }
  if (options.maxMs !== undefined && ms > options.maxMs) {
    throw new InputError({
      field: options.field,
      message: `must be at most ${formatDuration(options.maxMs)}`,
      value: text,
    });
  }
  return ms;
}
