// What one maintenance window cost, from WAF's per-minute counts: requests turned away (browsers
// by the page rule, API clients by the API rule), their share of all requests, and the error
// budget used both ways (see budget.ts). Pure: the caller reads CloudWatch.
import { remainingErrorRate, requestBasedUse, timeBasedUse, allowedDowntimeMs } from './budget.js';
import type { Slo } from './slo.js';
import { total, type Points, type Series } from './waf-metrics.js';

export interface CostWindow {
  readonly since: string;
  /** When it closed (exit), or now (status: the open window so far). */
  readonly until: string;
  readonly closed: boolean;
}

export interface MinuteCount {
  /** ISO start of the bucket. */
  readonly at: string;
  readonly turnedAway: number;
  readonly letThrough: number;
}

export interface BudgetUse {
  /** Fractions of the period's error budget (1 = all of it). */
  readonly timeBased: number;
  readonly requestBased?: number;
  /** What the `error-budget-used` output reports: request-based when traffic data exists. */
  readonly used: number;
  readonly basis: 'requests' | 'time';
  /**
   * Budget left after this window, as a fraction: request-based from every request maintenance
   * turned away in the period (windows only, not other errors), else time-based from this window.
   */
  readonly left: number;
  /** The error rate still allowed for the rest of the period (the seed's 0.73%). */
  readonly remainingErrorRate: number;
  readonly allowedDowntimeMs: number;
  /** false when the SLO excludes planned windows (`counts-maintenance: false`): reported, not charged. */
  readonly charged: boolean;
}

export interface WindowCost {
  readonly window: CostWindow;
  readonly lengthMs: number;
  /** Undefined when CloudWatch could not be read (see `missing`). */
  readonly turnedAway?: { readonly browsers: number; readonly api: number; readonly total: number };
  /** Every request the web ACL inspected in the window's minutes. */
  readonly requests?: number;
  /** turnedAway.total / requests; undefined without requests. */
  readonly share?: number;
  /** Per bucket, for the chart. */
  readonly perMinute?: readonly MinuteCount[];
  readonly bucketSeconds?: number;
  readonly period?: {
    readonly from: string;
    readonly to: string;
    readonly requests: number;
    readonly turnedAway: number;
  };
  readonly slo?: Slo;
  readonly budget?: BudgetUse;
  /** The last minutes may still change: CloudWatch publishes WAF's counts with a delay. */
  readonly provisional: boolean;
  /** What could not be reported, and why (with what to change). */
  readonly missing: readonly string[];
}

export interface WindowCounts {
  /** Per bucket over the window's minutes. */
  readonly window: Readonly<Record<Series, Points>>;
  readonly bucketSeconds: number;
  /** The buckets' span: the window's start and end, rounded out to whole buckets. */
  readonly windowFromMs: number;
  readonly windowToMs: number;
  /** Per bucket over the SLO period that ends with the window. */
  readonly period: Readonly<Record<Series, Points>>;
  readonly periodFromMs: number;
  readonly periodToMs: number;
}

export function windowLengthMs(window: CostWindow): number {
  return Math.max(0, Date.parse(window.until) - Date.parse(window.since));
}

/** The cost of `window` from the counts read (or undefined counts when CloudWatch failed). */
export function windowCost(
  window: CostWindow,
  counts: WindowCounts | undefined,
  slo: Slo | undefined,
  provisional: boolean,
  missing: readonly string[],
): WindowCost {
  const lengthMs = windowLengthMs(window);
  const base = { window, lengthMs, provisional, missing, ...(slo ? { slo } : {}) };
  if (!counts) {
    return { ...base, ...(slo ? { budget: budgetUse(slo, lengthMs, undefined) } : {}) };
  }
  const browsers = total(counts.window.page);
  const api = total(counts.window.api);
  const turnedAway = browsers + api;
  const requests = total(counts.window.allowed) + total(counts.window.blocked);
  const period = {
    from: new Date(counts.periodFromMs).toISOString(),
    to: new Date(counts.periodToMs).toISOString(),
    requests: total(counts.period.allowed) + total(counts.period.blocked),
    turnedAway: total(counts.period.page) + total(counts.period.api),
  };
  return {
    ...base,
    turnedAway: { browsers, api, total: turnedAway },
    requests,
    ...(requests > 0 ? { share: turnedAway / requests } : {}),
    perMinute: perBucket(counts),
    bucketSeconds: counts.bucketSeconds,
    period,
    ...(slo ? { budget: budgetUse(slo, lengthMs, { turnedAway, period }) } : {}),
  };
}

function budgetUse(
  slo: Slo,
  lengthMs: number,
  traffic: { turnedAway: number; period: { requests: number; turnedAway: number } } | undefined,
): BudgetUse {
  const timeBased = timeBasedUse(lengthMs, slo);
  const requestBased = traffic && requestBasedUse(traffic.turnedAway, traffic.period.requests, slo);
  const periodUse =
    traffic && requestBasedUse(traffic.period.turnedAway, traffic.period.requests, slo);
  const used = requestBased ?? timeBased;
  const left = 1 - (periodUse ?? timeBased);
  return {
    timeBased,
    ...(requestBased !== undefined ? { requestBased } : {}),
    used,
    basis: requestBased !== undefined ? 'requests' : 'time',
    left,
    remainingErrorRate: remainingErrorRate(1 - left, slo),
    allowedDowntimeMs: allowedDowntimeMs(slo),
    charged: slo.countsMaintenance,
  };
}

function perBucket(counts: WindowCounts): MinuteCount[] {
  const { window: series, windowFromMs, windowToMs } = counts;
  const step = counts.bucketSeconds * 1000;
  const buckets: MinuteCount[] = [];
  for (let at = windowFromMs; at < windowToMs; at += step) {
    const turnedAway = (series.page.get(at) ?? 0) + (series.api.get(at) ?? 0);
    const all = (series.allowed.get(at) ?? 0) + (series.blocked.get(at) ?? 0);
    buckets.push({
      at: new Date(at).toISOString(),
      turnedAway,
      letThrough: Math.max(0, all - turnedAway),
    });
  }
  return buckets;
}
