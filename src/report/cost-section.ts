// What the window cost, as facts (summary table, log, CLI table), a Mermaid chart for the job
// summary, and the step outputs. Only numbers read from CloudWatch; what is missing says why.
import type { CommandReport } from '../engine/report.js';
import type { BudgetUse, MinuteCount, WindowCost } from '../domain/window-cost.js';
import { formatDuration } from './format.js';

interface Fact {
  readonly label: string;
  readonly lines: readonly string[];
}

/** Charts keep to this many columns; longer windows are summed into wider buckets. */
const MAX_COLUMNS = 60;

export function percent(fraction: number): string {
  const value = fraction * 100;
  return `${value >= 10 || value === 0 ? value.toFixed(1) : value.toPrecision(2)}%`;
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function costFacts(report: CommandReport): Fact[] {
  const cost = report.cost;
  if (!cost) return [];
  const label = cost.window.closed ? 'Window cost' : 'Window cost so far';
  const lines: string[] = [];
  if (cost.turnedAway) {
    const { browsers, api, total } = cost.turnedAway;
    const share =
      cost.share !== undefined
        ? `, ${percent(cost.share)} of the ${count(cost.requests ?? 0)} requests in its minutes`
        : ', no requests recorded in its minutes';
    lines.push(
      `turned away: ${count(total)} requests (browsers ${count(browsers)}, API clients ${count(api)})${share}`,
    );
  }
  lines.push(...budgetLines(report, cost));
  if (cost.provisional) {
    lines.push(
      cost.window.closed
        ? 'provisional: CloudWatch publishes WAF counts a few minutes late; `report` later gives final numbers'
        : 'provisional: the window is still open, and its last minutes are still reaching CloudWatch',
    );
  }
  lines.push(...cost.missing.map((why) => `missing: ${why}`));
  return [{ label, lines }];
}

function budgetLines(report: CommandReport, cost: WindowCost): string[] {
  const slo = cost.slo;
  const budget = cost.budget;
  if (!slo || !budget) {
    return [
      `error budget: no slo in the config; add e.g. \`slo: { objective: 99.9, period: 28d }\` under environments.${report.environment.key}`,
    ];
  }
  const head = `error budget (SLO ${slo.objective}% over ${formatDuration(slo.periodMs)})`;
  const time = `${percent(budget.timeBased)} by time (${formatDuration(cost.lengthMs)} of the ${formatDuration(budget.allowedDowntimeMs)} of downtime allowed)`;
  const requests =
    budget.requestBased !== undefined
      ? `${percent(budget.requestBased)} by requests (${count(cost.turnedAway?.total ?? 0)} turned away of the ${percent(1 - slo.objective / 100)} x ${count(cost.period?.requests ?? 0)} requests allowed to fail in the period)`
      : cost.turnedAway
        ? 'by requests: unknown (no requests recorded in the period)'
        : 'by requests: not read (see missing)';
  const used = `${head}: ${requests}; ${time}`;
  return [used, leftLine(budget)];
}

function leftLine(budget: BudgetUse): string {
  if (!budget.charged) {
    return 'not charged: this SLO excludes planned maintenance (counts-maintenance: false); the numbers above are what it would have cost';
  }
  const basis =
    budget.basis === 'requests'
      ? 'counting every request maintenance turned away in the period'
      : 'counting this window only';
  return `budget left after this window: ${percent(Math.max(0, budget.left))} (${basis}; other errors not included), an error rate of ${percent(budget.remainingErrorRate)} for the rest of the period`;
}

/** A Mermaid xychart for the job summary: per minute, requests turned away (bars) and let through (line). */
export function costChart(report: CommandReport): string {
  const cost = report.cost;
  const buckets = cost?.perMinute;
  if (!cost || !buckets || buckets.length === 0 || !cost.bucketSeconds) return '';
  const { columns, seconds } = rebucket(buckets, cost.bucketSeconds);
  const per = seconds === 60 ? 'minute' : formatDuration(seconds * 1000);
  const labels = columns.map((c) => JSON.stringify(c.at.slice(11, 16)));
  return [
    '```mermaid',
    'xychart-beta',
    `  title "Requests per ${per} (UTC): bars turned away, line let through"`,
    `  x-axis [${labels.join(', ')}]`,
    '  y-axis "requests"',
    `  bar [${columns.map((c) => c.turnedAway).join(', ')}]`,
    `  line [${columns.map((c) => c.letThrough).join(', ')}]`,
    '```',
    '',
  ].join('\n');
}

function rebucket(
  buckets: readonly MinuteCount[],
  seconds: number,
): { columns: MinuteCount[]; seconds: number } {
  const factor = Math.ceil(buckets.length / MAX_COLUMNS);
  if (factor <= 1) return { columns: [...buckets], seconds };
  const columns: MinuteCount[] = [];
  for (let i = 0; i < buckets.length; i += factor) {
    const group = buckets.slice(i, i + factor);
    columns.push({
      at: group[0]!.at,
      turnedAway: group.reduce((sum, b) => sum + b.turnedAway, 0),
      letThrough: group.reduce((sum, b) => sum + b.letThrough, 0),
    });
  }
  return { columns, seconds: seconds * factor };
}

/**
 * Step outputs `turned-away`, `turned-away-share` and `error-budget-used` (percent, two
 * decimals); empty when the command has no window to cost or the number could not be read.
 */
export function costOutputs(report: CommandReport): {
  turnedAway: string;
  share: string;
  budgetUsed: string;
} {
  const cost = report.cost;
  const pct = (fraction: number | undefined) =>
    fraction === undefined ? '' : (fraction * 100).toFixed(2);
  return {
    turnedAway: cost?.turnedAway ? String(cost.turnedAway.total) : '',
    share: pct(cost?.share),
    budgetUsed: pct(cost?.budget?.used),
  };
}
