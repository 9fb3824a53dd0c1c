// `report` as a Markdown table per environment (the job summary, and the CLI without --json):
// every window of the period with its length, requests turned away, budget used each way, and
// adherence to the planned end.
import type { EnvironmentPeriod, PeriodReport } from '../front-door/period-report.js';
import type { PeriodWindow } from '../domain/period-windows.js';
import { percent } from './cost-section.js';
import { formatDuration } from './format.js';
import { escapeCell } from './markdown.js';

const cell = escapeCell;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

export function renderPeriodMarkdown(report: PeriodReport): string {
  return [
    `### Maintenance windows: report at ${report.generatedAt}`,
    '',
    ...report.environments.flatMap(environmentSection),
    ...report.warnings.map((warning) => `- warning: ${cell(warning)}`),
  ].join('\n');
}

function environmentSection(period: EnvironmentPeriod): string[] {
  const env = period.environment;
  const slo = period.slo
    ? `SLO ${period.slo.objective}% over ${formatDuration(period.slo.periodMs)}${period.slo.countsMaintenance ? '' : ', maintenance not charged (counts-maintenance: false)'}`
    : 'no slo in the config (period: the last 28 days; budget not computed)';
  const lines = [
    `#### ${cell(env.key)} (${cell(env.name)}, ${env.scope}, ${env.region})${period.state ? `: ${period.state}` : ''}`,
    '',
    `${period.from} to ${period.to}; ${slo}. ${totals(period)}`,
    '',
  ];
  if (period.windows.length === 0) {
    lines.push('No maintenance window in this period.', '');
  } else {
    lines.push(
      '| Started (UTC) | Length | Turned away (browsers / API) | Budget by time | Budget by requests | Planned end | Adherence | Recorded |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...period.windows.map(row),
      '',
    );
  }
  for (const why of period.missing) lines.push(`- missing: ${cell(why)}`);
  if (period.missing.length > 0) lines.push('');
  return lines;
}

function totals(period: EnvironmentPeriod): string {
  const parts: string[] = [
    `${period.windows.length} window${period.windows.length === 1 ? '' : 's'}`,
  ];
  if (period.requests !== undefined && period.turnedAway !== undefined) {
    parts.push(`${count(period.turnedAway)} of ${count(period.requests)} requests turned away`);
  }
  const used = period.budgetUsed;
  if (used) {
    parts.push(
      `budget used by maintenance: ${used.requestBased !== undefined ? `${percent(used.requestBased)} by requests, ` : ''}${percent(used.timeBased)} by time`,
    );
  }
  return `${parts.join('; ')}.`;
}

function row(w: PeriodWindow): string {
  const length = `${formatDuration(w.lengthMs)}${w.open ? ' (open)' : ''}`;
  const away = `${count(w.turnedAway.total)} (${count(w.turnedAway.browsers)} / ${count(w.turnedAway.api)})`;
  const time = w.budget ? percent(w.budget.timeBased) : '-';
  const requests = w.budget?.requestBased !== undefined ? percent(w.budget.requestBased) : '-';
  const planned = w.record?.plannedEnd ?? (w.record ? 'none' : '-');
  const adherence =
    w.overrunMs === undefined
      ? '-'
      : w.overrunMs <= 0
        ? w.open
          ? 'open, within plan'
          : 'on time'
        : `${w.open ? 'overrunning' : 'overran'} by ${formatDuration(w.overrunMs)}`;
  const recorded = w.record
    ? `${w.record.actor} (${w.record.run})${w.record.reason ? `: ${w.record.reason}` : ''}`
    : 'metrics only (no record: an older window)';
  return `| ${w.since} | ${length} | ${away} | ${time} | ${requests} | ${planned} | ${adherence} | ${cell(recorded)} |`;
}
