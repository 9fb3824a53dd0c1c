// reconcile's summary: one row per environment (state, current or next window, planned end,
// what it did), in the job summary (markdown) and the log and CLI (aligned text).
import type { EnvironmentOutcome, ReconcileReport } from '../front-door/reconcile.js';
import { escapeCell } from './markdown.js';

const HEADER = ['Environment', 'State', 'Window (current or next)', 'Planned end', 'Did'] as const;

function windowCell(outcome: EnvironmentOutcome): string {
  const w = outcome.window;
  if (w) {
    const how = w.calendarWindow ? 'calendar' : `by ${w.actor}`;
    return `open since ${w.since} (${how})${w.reason ? `: ${w.reason}` : ''}`;
  }
  const next = outcome.calendarWindow;
  if (!next) return 'none planned';
  return `next: ${next.start} to ${next.end}${next.autoExit ? ' (auto-exit)' : ''}${next.reason ? `: ${next.reason}` : ''}`;
}

function row(outcome: EnvironmentOutcome): string[] {
  const plannedEnd = outcome.plannedEnd
    ? `${outcome.plannedEnd}${outcome.overrun ? ' (OVERRUN)' : ''}`
    : '';
  const did = outcome.error && !outcome.overrun && outcome.state === undefined ? 'FAILED' : '';
  return [
    outcome.environment,
    outcome.state ?? 'unknown',
    windowCell(outcome),
    plannedEnd || '-',
    [did, outcome.note].filter(Boolean).join(': '),
  ];
}

export function reconcileHeadline(report: ReconcileReport): string {
  const count = report.environments.length;
  const acted = report.environments.filter((o) => o.did.length > 0).length;
  const failing = report.errors.length;
  return [
    `${report.dryRun ? 'dry run: ' : ''}reconcile: ${count} environment${count === 1 ? '' : 's'}`,
    acted > 0 ? `${acted} switched${report.dryRun ? ' (planned)' : ''}` : 'nothing to switch',
    failing > 0 ? `${failing} need${failing === 1 ? 's' : ''} a person` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

export function renderReconcileMarkdown(report: ReconcileReport): string {
  const rows = report.environments.map((o) => `| ${row(o).map(escapeCell).join(' | ')} |`);
  return [
    '### Maintenance: reconcile',
    '',
    escapeCell(reconcileHeadline(report)),
    '',
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
    ...rows,
    '',
    ...report.errors.map((error) => `- ${escapeCell(error)}`),
    '',
  ].join('\n');
}

export function renderReconcileText(report: ReconcileReport): string {
  const table = [[...HEADER], ...report.environments.map(row)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((cells) => cells[i]!.length)));
  const lines = table.map((cells) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
  return [reconcileHeadline(report), '', ...lines].join('\n');
}
