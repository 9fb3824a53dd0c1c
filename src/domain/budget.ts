// The error budget a maintenance window uses, both ways the SRE seed counts it
// (../shared/seeds/maintenance-windows-and-error-budgets.md): as downtime (the window's length
// against the downtime the SLO allows in its period) and by traffic (the requests turned away
// against the errors the SLO allows for the requests the period really had). Pure arithmetic.
import type { Slo } from './slo.js';

/** The fraction of requests the SLO lets fail: 0.01 for 99%. */
export function errorRate(slo: Pick<Slo, 'objective'>): number {
  return (100 - slo.objective) / 100;
}

/** Downtime the SLO allows over its period: 6h 43m 12s for 99% over 28 days. */
export function allowedDowntimeMs(slo: Pick<Slo, 'objective' | 'periodMs'>): number {
  return slo.periodMs * errorRate(slo);
}

/** Time-based: the window's length over the allowed downtime (a fraction; 1 = the whole budget). */
export function timeBasedUse(windowMs: number, slo: Pick<Slo, 'objective' | 'periodMs'>): number {
  return windowMs / allowedDowntimeMs(slo);
}

/**
 * Request-based: the requests turned away over the errors the SLO allows for the period's
 * requests. Undefined when the period had no requests (nothing to compare with).
 */
export function requestBasedUse(
  turnedAway: number,
  requestsInPeriod: number,
  slo: Pick<Slo, 'objective'>,
): number | undefined {
  if (!(requestsInPeriod > 0)) return undefined;
  return turnedAway / (requestsInPeriod * errorRate(slo));
}

/**
 * The error rate still allowed for the rest of the period once `used` of the budget is spent,
 * as the seed computes it: 27% used of a 99% SLO leaves (100 - 27) x 0.01 = 0.73% of requests.
 */
export function remainingErrorRate(used: number, slo: Pick<Slo, 'objective'>): number {
  return Math.max(0, 1 - used) * errorRate(slo);
}
