// CloudWatch, read-only and best effort: one GetMetricData call for every series a report needs.
// The SDK honours AWS_ENDPOINT_URL_CLOUDWATCH / AWS_ENDPOINT_URL and the credential chain.
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { WAF_NAMESPACE, type MetricSpec, type Points } from '../domain/waf-metrics.js';
import { errorMessage } from '../domain/error-message.js';

/** Metrics are a report, not the switch: a few quick attempts, then say what is missing. */
const MAX_ATTEMPTS = 3;
const CONNECTION_TIMEOUT_MS = 3_000;
const ATTEMPT_TIMEOUT_MS = 10_000;
/** The whole call, retries included. */
export const METRICS_CALL_TIMEOUT_MS = 20_000;
/** CloudWatch's own limit per GetMetricData response; the queries are sized to stay under it. */
export const MAX_DATAPOINTS = 100_800;

export function createCloudWatchClient(region: string): CloudWatchClient {
  return new CloudWatchClient({
    region,
    maxAttempts: MAX_ATTEMPTS,
    customUserAgent: 'maintenance-action',
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: ATTEMPT_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  });
}

export interface MetricQuery {
  /** Lower-case letter first, as CloudWatch requires, e.g. `wpage`. */
  readonly id: string;
  readonly spec: MetricSpec;
  readonly periodSeconds: number;
}

export interface MetricData {
  readonly points: ReadonlyMap<string, Points>;
  /** CloudWatch had more than one response's worth (it should not, given the sizes asked for). */
  readonly truncated: boolean;
}

/** Sums per period for every query, in one call. Throws what the SDK throws (see explainMetricsError). */
export async function getMetricData(
  client: CloudWatchClient,
  queries: readonly MetricQuery[],
  startMs: number,
  endMs: number,
): Promise<MetricData> {
  const output = await client.send(
    new GetMetricDataCommand({
      StartTime: new Date(startMs),
      EndTime: new Date(endMs),
      ScanBy: 'TimestampAscending',
      MaxDatapoints: MAX_DATAPOINTS,
      MetricDataQueries: queries.map((query) => ({
        Id: query.id,
        ReturnData: true,
        MetricStat: {
          Metric: {
            Namespace: WAF_NAMESPACE,
            MetricName: query.spec.metricName,
            Dimensions: query.spec.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })),
          },
          Period: query.periodSeconds,
          Stat: 'Sum',
        },
      })),
    }),
    { abortSignal: AbortSignal.timeout(METRICS_CALL_TIMEOUT_MS) },
  );
  const points = new Map<string, Map<number, number>>(queries.map((q) => [q.id, new Map()]));
  for (const result of output.MetricDataResults ?? []) {
    const series = points.get(result.Id ?? '');
    if (!series) continue;
    (result.Timestamps ?? []).forEach((at, i) => {
      const value = result.Values?.[i];
      if (typeof value === 'number' && Number.isFinite(value)) series.set(at.getTime(), value);
    });
  }
  const partial = (output.MetricDataResults ?? []).some((r) => r.StatusCode === 'PartialData');
  return { points, truncated: partial || output.NextToken !== undefined };
}

/** The endpoint override the SDK uses, if any: for messages only (the SDK reads it itself). */
export function cloudWatchEndpointOverride(): string | undefined {
  return process.env['AWS_ENDPOINT_URL_CLOUDWATCH'] ?? process.env['AWS_ENDPOINT_URL'];
}

/** Why the numbers are missing, and what to change: one sentence for the summary. */
export function explainMetricsError(error: unknown, region: string): string {
  const endpoint = cloudWatchEndpointOverride();
  const e = (error ?? {}) as { name?: string; message?: string; code?: string };
  const name = e.name ?? 'Error';
  const detail = oneLine(errorMessage(error));
  if (/AccessDenied|UnauthorizedOperation|not authorized/i.test(`${name} ${detail}`)) {
    return `CloudWatch denied GetMetricData in ${region}: allow the IAM action cloudwatch:GetMetricData on resource "*" (it cannot be scoped to a resource) in the role the workflow assumes; the Terraform module's policy grants it. AWS said: ${detail}`;
  }
  if (name === 'CredentialsProviderError') {
    return `no AWS credentials for CloudWatch (${detail})`;
  }
  if (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    /timed? ?out|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|socket hang up/i.test(
      `${e.code ?? ''} ${detail}`,
    )
  ) {
    const where = endpoint ?? `the CloudWatch endpoint of ${region}`;
    return `CloudWatch could not be reached at ${where} (${detail}); nothing was retried past ${METRICS_CALL_TIMEOUT_MS / 1000} s`;
  }
  return `GetMetricData failed in ${region} (${name}): ${detail}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 400);
}
