// What an environment's windows cost is measured against: its SLO (`slo:`). Read from the config
// entry after the schema has checked the shape; the checks here are those the schema cannot
// express. (`web-acl:`, the web ACL whose traffic WAF counts, is read with `url:` and `probe:`.)
import { parseDuration } from './duration.js';
import { InputError } from './errors.js';
import { DAY_MS } from './time.js';

/** The service level objective an environment's maintenance windows are charged against. */
export interface Slo {
  /** Percent of valid requests served well, e.g. 99.9 (the error budget is 100 - objective). */
  readonly objective: number;
  /** The SLO's rolling period, in milliseconds (e.g. 28 days). */
  readonly periodMs: number;
  /** false when the SLO excludes planned windows: costs are still reported, the budget is not charged. */
  readonly countsMaintenance: boolean;
}

/**
 * The longest SLO period: CloudWatch keeps minutes for 15 days, 5-minute sums for 63 and hours
 * for 455; 90 days of hourly sums keep one GetMetricData call small (2,160 points per series).
 */
export const MAX_SLO_PERIOD_MS = 90 * DAY_MS;
/** The period `report` covers for an environment without `slo:`. */
export const DEFAULT_REPORT_PERIOD_MS = 28 * DAY_MS;

type Report = (path: readonly (string | number)[], message: string, value?: unknown) => void;

function asMap(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `slo:` of one environment, or undefined (absent or invalid; problems go to `report`). */
export function readSlo(raw: unknown, report: Report): Slo | undefined {
  const slo = asMap(raw);
  if (!slo) return undefined;
  const objective = slo['objective'];
  const period = slo['period'];
  if (typeof objective !== 'number' || typeof period !== 'string') return undefined;
  let periodMs: number;
  try {
    periodMs = parseDuration(period, {
      field: 'slo.period',
      units: ['h', 'd'],
      maxMs: MAX_SLO_PERIOD_MS,
    });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    report(['period'], error.problems[0]?.message ?? error.message, period);
    return undefined;
  }
  if (!(objective > 0 && objective < 100)) return undefined; // the schema reports it
  return { objective, periodMs, countsMaintenance: slo['counts-maintenance'] !== false };
}
