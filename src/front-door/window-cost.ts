// After `exit` (the window that just closed) and `status` (the open window so far): what the
// window cost, read from CloudWatch in one GetMetricData call. Best effort: the switch has already
// succeeded, so a failure here becomes a note in the report, never an error.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { setTimeout as delay } from 'node:timers/promises';
import { parseDuration } from '../domain/duration.js';
import { DEFAULT_REPORT_PERIOD_MS } from '../domain/slo.js';
import type { Environment } from '../domain/types.js';
import {
  ceilTo,
  floorTo,
  metricSpecs,
  periodFor,
  SERIES,
  type Points,
  type Series,
} from '../domain/waf-metrics.js';
import {
  windowCost,
  type CostWindow,
  type WindowCost,
  type WindowCounts,
} from '../domain/window-cost.js';
import { regionFor } from '../aws/client.js';
import type { MetricData, MetricQuery } from '../aws/cloudwatch.js';
import type { CommandReport } from '../engine/report.js';
import { HOUR_MS, MINUTE_MS } from '../domain/time.js';

/** How long `exit` waits by default for CloudWatch to publish the window's last minutes. */
export const DEFAULT_METRICS_WAIT_MS = 20_000;
/** Longest accepted wait: longer holds a runner for numbers that are only a report. */
export const MAX_METRICS_WAIT_MS = 5 * MINUTE_MS;
/** Between two reads while waiting. */
const POLL_MS = 5_000;
/** Buckets in the window's chart series at most (a day of minutes). */
const MAX_WINDOW_BUCKETS = 1440;

export interface CostOptions {
  /** At `exit`, the longest wait for the last minutes to reach CloudWatch (0: read once). */
  readonly metricsWaitMs: number;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Injected by tests; by default built for the environment's region. */
  readonly client?: CloudWatchClient;
}

/** The window a report's cost is about, or undefined when the command has none to cost. */
export function costWindowOf(report: CommandReport): CostWindow | undefined {
  if (report.dryRun) return undefined;
  if (report.command === 'exit' && report.endedWindow) {
    return { since: report.endedWindow.since, until: report.startedAt, closed: true };
  }
  if (report.command === 'status' && report.window) {
    return { since: report.window.since, until: report.finishedAt, closed: false };
  }
  return undefined;
}

/** What the report's window cost (undefined when the command has no window to cost). */
export async function windowCostOf(
  report: CommandReport,
  options: CostOptions,
): Promise<WindowCost | undefined> {
  const window = costWindowOf(report);
  return window && measureWindowCost(report.environment, window, options);
}

export async function measureWindowCost(
  environment: Environment,
  window: CostWindow,
  options: CostOptions,
): Promise<WindowCost> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const plan = planQueries(environment, window);
  const region = regionFor(environment);
  // The CloudWatch client loads only when a window is costed (most commands and a `status`
  // outside a window never need it).
  const { createCloudWatchClient, explainMetricsError, getMetricData } =
    await import('../aws/cloudwatch.js');
  const client = options.client ?? createCloudWatchClient(region);
  const waitMs = window.closed ? options.metricsWaitMs : 0;
  const waitUntil = now().getTime() + waitMs;
  // Bounded by count too, whatever the clock does.
  const maxReads = Math.ceil(waitMs / POLL_MS) + 1;
  try {
    for (let read = 1; ; read++) {
      const data = await getMetricData(client, plan.queries, plan.fromMs, plan.toMs);
      const counts = plan.counts(data);
      const caughtUp = hasLastBucket(counts) || isEmpty(data);
      const left = waitUntil - now().getTime();
      if (caughtUp || left <= 0 || read >= maxReads) {
        const provisional = !window.closed || !caughtUp || data.truncated;
        const notes = data.truncated
          ? ['CloudWatch returned part of the data (PartialData): the counts may be low']
          : [];
        return windowCost(window, counts, environment.slo, provisional, notes);
      }
      await sleep(Math.min(POLL_MS, left));
    }
  } catch (error) {
    const why = explainMetricsError(error, region);
    return windowCost(window, undefined, environment.slo, true, [
      `requests turned away, their share and the request-based budget: ${why}`,
    ]);
  } finally {
    if (!options.client) client.destroy();
  }
}

interface QueryPlan {
  readonly queries: readonly MetricQuery[];
  readonly fromMs: number;
  readonly toMs: number;
  counts(data: MetricData): WindowCounts;
}

/**
 * One call: the four series per bucket over the window (for its counts and chart) and per hour
 * over the SLO period that ends with it (for the request-based budget). One range serves both;
 * CloudWatch keeps minutes 15 days, so the window's buckets stay few whatever the period.
 */
export function planQueries(environment: Environment, window: CostWindow): QueryPlan {
  const sinceMs = Date.parse(window.since);
  const untilMs = Math.max(Date.parse(window.until), sinceMs + 1);
  const bucketSeconds = periodFor(untilMs - sinceMs, MAX_WINDOW_BUCKETS);
  const bucketMs = bucketSeconds * 1000;
  const windowFromMs = floorTo(sinceMs, bucketMs);
  const windowToMs = ceilTo(untilMs, bucketMs);
  const periodMs = environment.slo?.periodMs ?? DEFAULT_REPORT_PERIOD_MS;
  const periodToMs = ceilTo(untilMs, HOUR_MS);
  const periodFromMs = periodToMs - periodMs;
  const specs = metricSpecs(environment);
  const queries = SERIES.flatMap((series): MetricQuery[] => [
    { id: `w${series}`, spec: specs[series], periodSeconds: bucketSeconds },
    { id: `p${series}`, spec: specs[series], periodSeconds: HOUR_MS / 1000 },
  ]);
  const fromMs = Math.min(windowFromMs, periodFromMs);
  const toMs = Math.max(windowToMs, periodToMs);
  return {
    queries,
    fromMs,
    toMs,
    counts: (data) => ({
      window: bySeries(data, 'w', (at) => at >= windowFromMs && at < windowToMs),
      bucketSeconds,
      windowFromMs,
      windowToMs,
      period: bySeries(data, 'p', (at) => at >= periodFromMs && at < periodToMs),
      periodFromMs,
      periodToMs,
    }),
  };
}

function bySeries(
  data: MetricData,
  prefix: string,
  keep: (at: number) => boolean,
): Record<Series, Points> {
  const pick = (series: Series): Points =>
    new Map([...(data.points.get(`${prefix}${series}`) ?? [])].filter(([at]) => keep(at)));
  return {
    page: pick('page'),
    api: pick('api'),
    allowed: pick('allowed'),
    blocked: pick('blocked'),
  };
}

/** CloudWatch has published the window's last bucket (for any series). */
function hasLastBucket(counts: WindowCounts): boolean {
  const last = counts.windowToMs - counts.bucketSeconds * 1000;
  return SERIES.some((series) => counts.window[series].has(last));
}

/** No series has a single point in the whole range: nothing is on its way (no traffic, or no metrics). */
function isEmpty(data: MetricData): boolean {
  return [...data.points.values()].every((points) => points.size === 0);
}

/** `metrics-wait` / `--metrics-wait`: `0s` (read once) or a duration in s or m, at most 5m. */
export function parseMetricsWait(text: string, field: string): number {
  if (/^\s*0+\s*[sm]?\s*$/i.test(text)) return 0;
  return parseDuration(text, { field, units: ['s', 'm'], maxMs: MAX_METRICS_WAIT_MS });
}
