// The maintenance windows of an SLO period, as WAF's metrics show them: a window is a run of
// buckets in which the maintenance rules turned requests away (short quiet gaps inside a window,
// such as a night minute without visitors, do not split it), matched to the window records read
// from the sets where they exist (the open window, or the last one closed). Pure.
import { requestBasedUse, timeBasedUse } from './budget.js';
import type { Slo } from './slo.js';
import type { Points } from './waf-metrics.js';
import { MINUTE_MS } from './time.js';

/** Quiet buckets shorter than this inside a run do not end the window. */
export const MAX_QUIET_GAP_MS = 15 * MINUTE_MS;

/** A window as recorded in the Description of `N-active-ipv4`. */
export interface RecordedWindow {
  readonly since: string;
  /** Undefined while it is still open. */
  readonly until?: string;
  readonly actor: string;
  readonly run: string;
  readonly reason?: string;
  /** The planned end, where the window record has one (bounded windows, issue 11). */
  readonly plannedEnd?: string;
}

export interface PeriodWindow {
  readonly since: string;
  /** When it ended; for the open window, the time of the report. */
  readonly until: string;
  readonly open: boolean;
  readonly lengthMs: number;
  readonly turnedAway: { readonly browsers: number; readonly api: number; readonly total: number };
  /** `record`: times from the window record; `metrics`: only from the minutes WAF counted. */
  readonly source: 'record' | 'metrics';
  readonly record?: RecordedWindow;
  readonly budget?: {
    readonly timeBased: number;
    readonly requestBased?: number;
    readonly charged: boolean;
  };
  /** Planned end against the real end: undefined without a planned end. */
  readonly overrunMs?: number;
}

interface Run {
  startMs: number;
  endMs: number;
  browsers: number;
  api: number;
}

/** Runs of buckets with requests turned away, merged across quiet gaps. */
export function blockedRuns(page: Points, api: Points, bucketMs: number): Run[] {
  const starts = [...new Set([...page.keys(), ...api.keys()])].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (const at of starts) {
    const browsers = page.get(at) ?? 0;
    const apiCount = api.get(at) ?? 0;
    if (browsers + apiCount <= 0) continue;
    const last = runs[runs.length - 1];
    if (last && at - last.endMs <= MAX_QUIET_GAP_MS) {
      last.endMs = at + bucketMs;
      last.browsers += browsers;
      last.api += apiCount;
    } else {
      runs.push({ startMs: at, endMs: at + bucketMs, browsers, api: apiCount });
    }
  }
  return runs;
}

export interface PeriodInput {
  readonly page: Points;
  readonly api: Points;
  readonly bucketMs: number;
  readonly records: readonly RecordedWindow[];
  readonly nowMs: number;
  readonly fromMs: number;
  /** Requests in the period (web ACL total); undefined when unknown. */
  readonly requests: number | undefined;
  readonly slo: Slo | undefined;
}

/** Every window of the period, oldest first, each matched to its record where one overlaps. */
export function periodWindows(input: PeriodInput): PeriodWindow[] {
  const runs = blockedRuns(input.page, input.api, input.bucketMs);
  const records = input.records.filter(
    (r) => Date.parse(r.until ?? new Date(input.nowMs).toISOString()) >= input.fromMs,
  );
  const used = new Set<RecordedWindow>();
  const windows: PeriodWindow[] = runs.map((run) => {
    const record = records.find((r) => overlaps(r, run, input.nowMs, input.bucketMs));
    if (record) used.add(record);
    return toWindow(input, run, record);
  });
  for (const record of records) {
    if (used.has(record)) continue;
    const startMs = Date.parse(record.since);
    windows.push(toWindow(input, { startMs, endMs: startMs, browsers: 0, api: 0 }, record));
  }
  return windows.sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
}

function overlaps(record: RecordedWindow, run: Run, nowMs: number, bucketMs: number): boolean {
  // Buckets are whole minutes (or longer): widen the record to the buckets it touches.
  const since = Math.floor(Date.parse(record.since) / bucketMs) * bucketMs;
  const until = record.until === undefined ? nowMs : Date.parse(record.until);
  return since < run.endMs && run.startMs <= until;
}

function toWindow(input: PeriodInput, run: Run, record: RecordedWindow | undefined): PeriodWindow {
  const sinceMs = record ? Date.parse(record.since) : run.startMs;
  const open = record !== undefined && record.until === undefined;
  const untilMs = record ? (open ? input.nowMs : Date.parse(record.until!)) : run.endMs;
  const lengthMs = Math.max(0, untilMs - sinceMs);
  const total = run.browsers + run.api;
  const slo = input.slo;
  const requestBased =
    slo && input.requests !== undefined ? requestBasedUse(total, input.requests, slo) : undefined;
  const plannedEnd = record?.plannedEnd;
  return {
    since: new Date(sinceMs).toISOString(),
    until: new Date(untilMs).toISOString(),
    open,
    lengthMs,
    turnedAway: { browsers: run.browsers, api: run.api, total },
    source: record ? 'record' : 'metrics',
    ...(record ? { record } : {}),
    ...(slo
      ? {
          budget: {
            timeBased: timeBasedUse(lengthMs, slo),
            ...(requestBased !== undefined ? { requestBased } : {}),
            charged: slo.countsMaintenance,
          },
        }
      : {}),
    ...(plannedEnd !== undefined ? { overrunMs: untilMs - Date.parse(plannedEnd) } : {}),
  };
}
