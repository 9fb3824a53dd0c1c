// `report`: for the last SLO period, every maintenance window of every environment (or of the
// one given), from the window records in the sets and WAF's metrics in CloudWatch, with what
// each cost. Read-only; what could not be read is said per environment, never an error.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { checkConfig } from '../domain/config.js';
import { resolveConfig } from '../domain/config-scope.js';
import { formatProblem, InputError } from '../domain/errors.js';
import { requestBasedUse } from '../domain/budget.js';
import { periodWindows, type PeriodWindow, type RecordedWindow } from '../domain/period-windows.js';
import { DEFAULT_REPORT_PERIOD_MS, type Slo } from '../domain/slo.js';
import type { Environment, State } from '../domain/types.js';
import { ceilTo, metricSpecs, periodFor, total } from '../domain/waf-metrics.js';
import { createWafClient, regionFor } from '../aws/client.js';
import { Deadline, DEFAULT_TIMEOUT_MS } from '../aws/deadline.js';
import { wafEndpoint } from '../aws/endpoint.js';
import type { MaintenanceWindow } from '../domain/window.js';
import type { CommandReport } from '../engine/report.js';
import { runCommand } from '../engine/run-command.js';
import { errorMessage } from '../domain/error-message.js';
import type { Invoker } from '../domain/invoker.js';
import { HOUR_MS, MINUTE_MS } from '../domain/time.js';

export const REPORT_COMMAND = 'report' as const;

/** The finest buckets `report` asks for: 15 days of minutes (CloudWatch keeps minutes 15 days). */
const MAX_REPORT_BUCKETS = 21_600;

export interface EnvironmentPeriod {
  readonly environment: Environment;
  readonly from: string;
  readonly to: string;
  /** Resolution of the windows' edges: 60 s up to 15 days back, 300 s up to 63 days, then hours. */
  readonly bucketSeconds: number;
  readonly slo?: Slo;
  /** State of the sets now, when they could be read. */
  readonly state?: State;
  /** Every request the web ACL inspected in the period, and those maintenance turned away. */
  readonly requests?: number;
  readonly turnedAway?: number;
  /** Budget used by every window of the period together (request-based needs `requests`). */
  readonly budgetUsed?: { readonly timeBased: number; readonly requestBased?: number };
  readonly windows: readonly PeriodWindow[];
  readonly missing: readonly string[];
}

export interface PeriodReport {
  readonly command: typeof REPORT_COMMAND;
  readonly generatedAt: string;
  readonly environments: readonly EnvironmentPeriod[];
  /** Config problems that did not stop the report (an environment left out says why). */
  readonly warnings: readonly string[];
}

export interface PeriodReportRequest {
  readonly configText: string;
  readonly configFile: string;
  /** One environment's key, or undefined for every environment in the file. */
  readonly environment: string | undefined;
  readonly invoker: Invoker;
  readonly now?: () => Date;
  /** Injected by tests. */
  readonly cloudWatch?: (region: string) => CloudWatchClient;
}

export async function runPeriodReport(request: PeriodReportRequest): Promise<PeriodReport> {
  const check = checkConfig(request.configText, request.configFile);
  const one = request.environment !== undefined && request.environment !== '';
  const warnings = new Set<string>();
  const environments: Environment[] = [];
  for (const key of one ? [request.environment] : check.keys) {
    // Read like `status`: an environment needs only its own name, scope and region.
    try {
      const resolved = resolveConfig(check, key, 'status');
      environments.push(resolved.environment);
      for (const problem of resolved.warnings) warnings.add(formatProblem(problem));
    } catch (error) {
      if (one || !(error instanceof InputError)) throw error;
      warnings.add(`environment ${key} left out: ${error.message}`);
    }
  }
  const now = (request.now ?? (() => new Date()))();
  const periods = await Promise.all(
    environments.map((environment) => environmentPeriod(environment, now, request)),
  );
  return {
    command: REPORT_COMMAND,
    generatedAt: now.toISOString(),
    environments: periods,
    warnings: [...warnings],
  };
}

async function environmentPeriod(
  environment: Environment,
  now: Date,
  request: PeriodReportRequest,
): Promise<EnvironmentPeriod> {
  const missing: string[] = [];
  const periodMs = environment.slo?.periodMs ?? DEFAULT_REPORT_PERIOD_MS;
  const toMs = ceilTo(now.getTime(), MINUTE_MS);
  const fromMs = toMs - periodMs;
  const bucketSeconds = periodFor(periodMs, MAX_REPORT_BUCKETS);
  const [status, metrics] = await Promise.all([
    readRecords(environment, request.invoker, missing),
    readPeriodMetrics(environment, fromMs, toMs, bucketSeconds, request, missing),
  ]);
  const requests = metrics && total(metrics.allowed) + total(metrics.blocked);
  const windows = periodWindows({
    page: metrics?.page ?? new Map(),
    api: metrics?.api ?? new Map(),
    bucketMs: bucketSeconds * 1000,
    records: status ? recordsOf(status) : [],
    nowMs: now.getTime(),
    fromMs,
    requests,
    slo: environment.slo,
  });
  const turnedAway = metrics ? total(metrics.page) + total(metrics.api) : undefined;
  const slo = environment.slo;
  const timeBased = windows.reduce((sum, w) => sum + (w.budget?.timeBased ?? 0), 0);
  const requestBased =
    slo && requests !== undefined && turnedAway !== undefined
      ? requestBasedUse(turnedAway, requests, slo)
      : undefined;
  return {
    environment,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    bucketSeconds,
    ...(slo ? { slo } : {}),
    ...(status ? { state: status.state } : {}),
    ...(requests !== undefined ? { requests } : {}),
    ...(turnedAway !== undefined ? { turnedAway } : {}),
    ...(slo
      ? { budgetUsed: { timeBased, ...(requestBased !== undefined ? { requestBased } : {}) } }
      : {}),
    windows,
    missing,
  };
}

/** The sets' window records, through the engine's `status` (read-only). */
async function readRecords(
  environment: Environment,
  invoker: Invoker,
  missing: string[],
): Promise<CommandReport | undefined> {
  // The same bound as any command's AWS work: a WAF endpoint that never answers cannot hold it.
  const deadline = new Deadline(DEFAULT_TIMEOUT_MS, wafEndpoint(regionFor(environment)));
  const client = createWafClient(environment, { deadline });
  try {
    return await runCommand({
      command: 'status',
      environment,
      allowlist: { ipv4: [], ipv6: [] },
      dryRun: false,
      invoker,
      client,
    });
  } catch (error) {
    missing.push(
      `window records (who, why, planned end): the sets could not be read: ${errorMessage(error)}`,
    );
    return undefined;
  } finally {
    deadline.dispose();
    client.destroy();
  }
}

function recordsOf(status: CommandReport): RecordedWindow[] {
  const record = (w: MaintenanceWindow, until?: string): RecordedWindow => {
    const plannedEnd = w.plannedEnd;
    return {
      since: w.since,
      ...(until !== undefined ? { until } : {}),
      actor: w.actor,
      run: w.run,
      ...(w.reason !== undefined ? { reason: w.reason } : {}),
      ...(plannedEnd !== undefined ? { plannedEnd } : {}),
    };
  };
  return [
    ...(status.window ? [record(status.window)] : []),
    ...(status.lastWindow ? [record(status.lastWindow, status.lastWindow.until)] : []),
  ];
}

interface PeriodMetrics {
  readonly page: ReadonlyMap<number, number>;
  readonly api: ReadonlyMap<number, number>;
  readonly allowed: ReadonlyMap<number, number>;
  readonly blocked: ReadonlyMap<number, number>;
}

/** One call: the maintenance rules per bucket (to find the windows), the web ACL's totals per hour. */
async function readPeriodMetrics(
  environment: Environment,
  fromMs: number,
  toMs: number,
  bucketSeconds: number,
  request: PeriodReportRequest,
  missing: string[],
): Promise<PeriodMetrics | undefined> {
  const region = regionFor(environment);
  // Loaded when needed: only this command and a costed window read CloudWatch.
  const { createCloudWatchClient, explainMetricsError, getMetricData } =
    await import('../aws/cloudwatch.js');
  const client = request.cloudWatch?.(region) ?? createCloudWatchClient(region);
  const specs = metricSpecs(environment);
  try {
    const data = await getMetricData(
      client,
      [
        { id: 'page', spec: specs.page, periodSeconds: bucketSeconds },
        { id: 'api', spec: specs.api, periodSeconds: bucketSeconds },
        { id: 'allowed', spec: specs.allowed, periodSeconds: HOUR_MS / 1000 },
        { id: 'blocked', spec: specs.blocked, periodSeconds: HOUR_MS / 1000 },
      ],
      fromMs,
      toMs,
    );
    if (data.truncated) missing.push('part of the metrics (CloudWatch returned PartialData)');
    const get = (id: string) => data.points.get(id) ?? new Map<number, number>();
    return { page: get('page'), api: get('api'), allowed: get('allowed'), blocked: get('blocked') };
  } catch (error) {
    missing.push(
      `windows seen only in WAF's metrics, requests turned away and the request-based budget: ${explainMetricsError(error, region)}`,
    );
    return undefined;
  } finally {
    if (!request.cloudWatch) client.destroy();
  }
}
