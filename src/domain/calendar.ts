// The maintenance calendar (`windows:` in the config): planned windows reviewed in pull requests,
// which `reconcile` enters at their start and (with `auto-exit`) exits at their end. Pure.
import { createHash } from 'node:crypto';
import type { ConfigSource, FieldPath } from './config-source.js';
import { knownNames } from './known-names.js';
import { parseDuration } from './duration.js';
import { InputError, type Problem } from './errors.js';
import { INSTANT_HINT, isoSeconds, parseInstant } from './instant.js';
import { DAY_MS } from './time.js';

export interface CalendarWindow {
  /** Stable id (from the start and the environments): the iCalendar UID and the window record's `c=`. */
  readonly id: string;
  /** Keys under `environments:`. */
  readonly environments: readonly string[];
  /** ISO, UTC, whole seconds. */
  readonly start: string;
  readonly end: string;
  readonly reason?: string;
  /** true: `reconcile` exits the window at its end; false: an overrun fails `reconcile`. */
  readonly autoExit: boolean;
  /** Line of the entry in the config file, for messages. */
  readonly line: number;
}

/** A calendar problem, its field, and the environments it concerns (see config-scope.ts). */
export interface ScopedProblem {
  readonly problem: Problem;
  readonly path: FieldPath;
  /** Empty: it concerns no environment the file defines (e.g. only unknown ones). */
  readonly environments: readonly string[];
}

/** How long before now a window's start may lie in `validate` (older entries are stale). */
export const STALE_AFTER_MS = DAY_MS;

type RawMap = Record<string, unknown>;
const asMap = (value: unknown): RawMap | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as RawMap)
    : undefined;

export function calendarWindowId(startMs: number, environments: readonly string[]): string {
  const key = `${isoSeconds(startMs)}|${[...environments].sort().join(',')}`;
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** Reads `windows:`; every problem is at its line and names the environments it concerns. */
export function checkCalendar(
  raw: unknown,
  source: ConfigSource,
  environmentKeys: readonly string[],
): { windows: CalendarWindow[]; problems: ScopedProblem[] } {
  const windows: CalendarWindow[] = [];
  const indexOf = new Map<CalendarWindow, number>();
  const problems: ScopedProblem[] = [];
  const entries = Array.isArray(raw) ? raw : [];
  for (const [i, entry] of entries.entries()) {
    const map = asMap(entry);
    if (!map) continue; // the schema reports the type
    const at = (...rest: (string | number)[]): FieldPath => ['windows', i, ...rest];
    const listed = Array.isArray(map['environments']) ? map['environments'] : [];
    const defined = { noun: 'environment', section: 'environments', names: environmentKeys };
    const known = knownNames(listed, defined, (k, message, key) => {
      const path = at('environments', k);
      problems.push({ problem: source.problem(path, message, key), path, environments: [] });
    });
    const report = (path: FieldPath, message: string, value?: unknown): void => {
      problems.push({ problem: source.problem(path, message, value), path, environments: known });
    };
    const start = instantAt(map['start'], at('start'), report);
    const end =
      map['end'] !== undefined
        ? instantAt(map['end'], at('end'), report)
        : map['duration'] !== undefined
          ? durationEnd(start, map['duration'], at('duration'), report)
          : undefined;
    if (map['end'] !== undefined && map['duration'] !== undefined) {
      report(at('duration'), "give either 'end' or 'duration', not both");
      continue;
    }
    if (map['end'] === undefined && map['duration'] === undefined) {
      report(at(), "missing 'end' (or 'duration'): a calendar window needs its planned end");
      continue;
    }
    if (start === undefined || end === undefined) continue;
    if (end <= start) {
      report(at('end'), `ends before it starts (start ${isoSeconds(start)})`, map['end']);
      continue;
    }
    if (known.length === 0) continue;
    const reason = typeof map['reason'] === 'string' ? map['reason'] : undefined;
    const window: CalendarWindow = {
      id: calendarWindowId(start, known),
      environments: known,
      start: isoSeconds(start),
      end: isoSeconds(end),
      ...(reason ? { reason } : {}),
      autoExit: map['auto-exit'] === true,
      line: source.lineOf(at()),
    };
    windows.push(window);
    indexOf.set(window, i);
  }
  problems.push(...overlapProblems(windows, indexOf, source));
  return { windows, problems };
}

function instantAt(
  value: unknown,
  path: FieldPath,
  report: (path: FieldPath, message: string, value?: unknown) => void,
): number | undefined {
  if (typeof value !== 'string') return undefined; // the schema reports the type
  const ms = parseInstant(value);
  if (ms === undefined) report(path, `must be ${INSTANT_HINT}`, value);
  return ms;
}

function durationEnd(
  start: number | undefined,
  value: unknown,
  path: FieldPath,
  report: (path: FieldPath, message: string, value?: unknown) => void,
): number | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const ms = parseDuration(value, { field: 'duration', units: ['m', 'h', 'd'] });
    return start === undefined ? undefined : start + ms;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    report(path, error.problems[0]!.message, value);
    return undefined;
  }
}

/** Two windows on one environment that overlap: the later one is reported, once per environment. */
function overlapProblems(
  windows: readonly CalendarWindow[],
  indexOf: ReadonlyMap<CalendarWindow, number>,
  source: ConfigSource,
): ScopedProblem[] {
  const problems: ScopedProblem[] = [];
  const keys = [...new Set(windows.flatMap((w) => w.environments))];
  for (const key of keys) {
    const mine = windows
      .map((window, index) => ({ window, index }))
      .filter(({ window }) => window.environments.includes(key))
      .sort((a, b) => Date.parse(a.window.start) - Date.parse(b.window.start));
    for (let j = 1; j < mine.length; j++) {
      const earlier = mine.slice(0, j).find(({ window }) => window.end > mine[j]!.window.start);
      if (!earlier) continue;
      const later = mine[j]!;
      const path = ['windows', indexOf.get(later.window)!, 'start'];
      problems.push({
        path,
        problem: source.problem(
          path,
          `overlaps the window on line ${earlier.window.line} on environment '${key}' (${earlier.window.start} to ${earlier.window.end}); windows on one environment must not overlap`,
          later.window.start,
        ),
        environments: [key],
      });
    }
  }
  return problems;
}

/** `validate` only: windows whose start lies more than a day in the past (stale entries to delete). */
export function staleWindowProblems(
  windows: readonly CalendarWindow[],
  file: string,
  now: number,
): ScopedProblem[] {
  return windows
    .filter((window) => Date.parse(window.start) < now - STALE_AFTER_MS)
    .map((window) => ({
      path: ['windows'],
      problem: {
        file,
        line: window.line,
        field: 'windows',
        message: `starts more than a day in the past (${window.start}); delete past windows from the calendar`,
        value: window.start,
      },
      environments: window.environments,
    }));
}

/** The environment's calendar windows that have not ended at `now`, soonest first. */
export function upcomingWindows(
  windows: readonly CalendarWindow[],
  environment: string | undefined,
  now: number,
): CalendarWindow[] {
  return windows
    .filter((w) => environment === undefined || w.environments.includes(environment))
    .filter((w) => Date.parse(w.end) > now)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** The environment's calendar window in force at `now` (start <= now < end), if any. */
export function currentWindow(
  windows: readonly CalendarWindow[],
  environment: string,
  now: number,
): CalendarWindow | undefined {
  return upcomingWindows(windows, environment, now).find((w) => Date.parse(w.start) <= now);
}
