// CloudWatch's GetMetricData, as the current @aws-sdk/client-cloudwatch speaks it: AWS JSON 1.0
// (`X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`, `x-amzn-query-mode: true`),
// times as epoch seconds, errors named by `x-amzn-query-error` (the SDK's query-compatible mode).
// The counts are what WAF would publish in AWS/WAFV2: the local edge records one per request it
// answers, by minute. Sums per period, nonzero periods only, as CloudWatch reports WAF metrics.
import { AwsError } from './aws-error.js';
import type { OperationHandler, RequestContext } from './context.js';

export interface MetricDatum {
  readonly namespace: string;
  readonly metricName: string;
  /** Exactly the dimensions the metric is published with (CloudWatch matches the whole set). */
  readonly dimensions: Readonly<Record<string, string>>;
  /** Region the metric is published in (us-east-1 for CLOUDFRONT). */
  readonly region: string;
  /** When it happened; stored per minute. */
  readonly timestampMs: number;
  readonly value: number;
}

const MINUTE_MS = 60_000;
const MAX_QUERIES = 500;
const MAX_DATAPOINTS = 100_800;
const ID = /^[a-z][a-zA-Z0-9_]{0,254}$/;

export class MetricStore {
  /** `region|namespace|metric|dims` -> minute -> sum. */
  private readonly series = new Map<string, Map<number, number>>();

  record(datum: MetricDatum): void {
    const key = seriesKey(datum.region, datum.namespace, datum.metricName, datum.dimensions);
    const minutes = this.series.get(key) ?? new Map<number, number>();
    this.series.set(key, minutes);
    const minute = Math.floor(datum.timestampMs / MINUTE_MS) * MINUTE_MS;
    minutes.set(minute, (minutes.get(minute) ?? 0) + datum.value);
  }

  minutes(key: string): ReadonlyMap<number, number> {
    return this.series.get(key) ?? new Map();
  }
}

function seriesKey(
  region: string,
  namespace: string,
  metricName: string,
  dimensions: Readonly<Record<string, string>>,
): string {
  const dims = Object.entries(dimensions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`)
    .join(',');
  return `${region}|${namespace}|${metricName}|${dims}`;
}

const invalid = (message: string): AwsError =>
  new AwsError('InvalidParameterValue', message, 400, {}, 'InvalidParameterValue;Sender');

interface Query {
  id: string;
  key: string;
  periodMs: number;
  label: string;
}

function readQueries(ctx: RequestContext): Query[] {
  const raw = ctx.input['MetricDataQueries'];
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_QUERIES) {
    throw invalid(`MetricDataQueries must hold 1 to ${MAX_QUERIES} queries.`);
  }
  return raw.map((entry: unknown) => {
    const q = (entry ?? {}) as Record<string, unknown>;
    const id = typeof q['Id'] === 'string' ? q['Id'] : '';
    if (!ID.test(id))
      throw invalid(`The value ${id} for parameter MetricDataQueries.member.Id is not valid.`);
    if (q['Expression'] !== undefined)
      throw invalid('The emulator answers MetricStat queries only.');
    const stat = (q['MetricStat'] ?? {}) as Record<string, unknown>;
    const metric = (stat['Metric'] ?? {}) as Record<string, unknown>;
    const period = stat['Period'];
    if (typeof period !== 'number' || !(period > 0) || (period >= 60 && period % 60 !== 0)) {
      throw invalid('The parameter Period must be a multiple of 60.');
    }
    if (stat['Stat'] !== 'Sum') throw invalid('The emulator answers the Sum statistic only.');
    const dims = Array.isArray(metric['Dimensions']) ? metric['Dimensions'] : [];
    const dimensions = Object.fromEntries(
      dims.map((d: unknown) => {
        const { Name, Value } = (d ?? {}) as { Name?: unknown; Value?: unknown };
        return [String(Name), String(Value)];
      }),
    );
    const text = (value: unknown): string => (typeof value === 'string' ? value : '');
    const namespace = text(metric['Namespace']);
    const metricName = text(metric['MetricName']);
    return {
      id,
      key: seriesKey(ctx.region, namespace, metricName, dimensions),
      periodMs: period * 1000,
      label: metricName,
    };
  });
}

function epochSeconds(value: unknown, member: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(`The parameter ${member} is required.`);
  }
  return value * 1000;
}

export function cloudWatchOperations(store: MetricStore): Record<string, OperationHandler> {
  return {
    GetMetricData: (ctx) => {
      const queries = readQueries(ctx);
      const startMs = epochSeconds(ctx.input['StartTime'], 'StartTime');
      const endMs = epochSeconds(ctx.input['EndTime'], 'EndTime');
      if (!(startMs < endMs)) throw invalid('The parameter StartTime must be less than EndTime.');
      const descending = ctx.input['ScanBy'] === 'TimestampDescending';
      let budget = Math.min(Number(ctx.input['MaxDatapoints'] ?? MAX_DATAPOINTS), MAX_DATAPOINTS);
      let truncated = false;
      const results = queries.map((query) => {
        const sums = new Map<number, number>();
        for (const [minute, value] of store.minutes(query.key)) {
          if (minute < startMs || minute >= endMs) continue;
          const bucket = Math.floor(minute / query.periodMs) * query.periodMs;
          sums.set(bucket, (sums.get(bucket) ?? 0) + value);
        }
        let points = [...sums].filter(([, v]) => v !== 0).sort(([a], [b]) => a - b);
        if (descending) points.reverse();
        if (points.length > budget) {
          points = points.slice(0, Math.max(0, budget));
          truncated = true;
        }
        budget -= points.length;
        return {
          Id: query.id,
          Label: query.label,
          Timestamps: points.map(([at]) => at / 1000),
          Values: points.map(([, v]) => v),
          StatusCode: truncated ? 'PartialData' : 'Complete',
        };
      });
      return {
        MetricDataResults: results,
        Messages: [],
        ...(truncated ? { NextToken: 'more' } : {}),
      };
    },
  };
}
