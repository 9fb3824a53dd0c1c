// What a command did, as labelled lines: the one story the summary, the log and the CLI table all tell.
import type { Invoker } from '../domain/invoker.js';
import type { MaintenanceWindow } from '../domain/window.js';
import type { CommandReport } from '../engine/report.js';
import { bypassFact } from './bypass-section.js';
import { costFacts } from './cost-section.js';
import { sortCidrs } from '../domain/cidr.js';
import { formatCidrs, formatDuration, MAX_LISTED } from './format.js';
import { scheduleFacts } from './schedule-section.js';
import { probeFacts } from './probe-section.js';

export interface Fact {
  readonly label: string;
  readonly lines: readonly string[];
}

/** One sentence: what happened, e.g. `enter production: normal -> maintenance, 2 sets written`. */
export function headline(report: CommandReport): string {
  const subject = `${report.command} ${report.environment.key}`;
  if (report.command === 'status') return `status ${report.environment.key}: ${report.state}`;
  const count = `${report.changes.length} set${report.changes.length === 1 ? '' : 's'}`;
  if (report.dryRun) {
    const planned = report.plannedState ?? report.state;
    return report.changes.length === 0 && planned === report.state
      ? `dry run: ${subject}: already ${report.state}, nothing would be written`
      : `dry run: ${subject}: ${report.state} -> ${planned} (planned), ${count} would be written`;
  }
  return report.changed
    ? `${subject}: ${report.previousState} -> ${report.state}, ${count} written`
    : `${subject}: already ${report.state}, nothing written`;
}

/** Who ran this command: not necessarily who started the window. */
export function reportFacts(report: CommandReport, invoker: Invoker): Fact[] {
  const env = report.environment;
  // Under dry-run every line about the sets after the command is a plan, and says so.
  const planned = report.dryRun ? ' (planned)' : '';
  const facts: Fact[] = [
    {
      label: 'Environment',
      lines: [`${env.key} (prefix ${env.name}, ${env.scope}, ${env.region})`],
    },
    {
      label: 'State',
      lines: [
        report.command === 'status'
          ? report.state
          : report.dryRun
            ? `${report.state} now -> ${report.plannedState ?? report.state} (planned)`
            : `${report.previousState} -> ${report.state}`,
      ],
    },
  ];
  if (report.command !== 'status') facts.push(changesFact(report));
  if (report.inconsistencies.length > 0) {
    facts.push({ label: 'Differences', lines: report.inconsistencies });
  }
  const window = report.window;
  facts.push({
    label: `Window${planned}`,
    lines: window
      ? [
          `since ${window.since} by ${window.actor} (${window.run}), open for ${formatDuration(elapsed(window.since, report.finishedAt))} so far`,
          ...reasonLine(window.reason),
        ]
      : ['none'],
  });
  facts.push(...scheduleFacts(report));
  const ended = report.endedWindow;
  if (ended) {
    facts.push({
      label: `Ended window${planned}`,
      lines: [
        `${startedLine(ended)}, lasted ${formatDuration(ended.durationMs)}`,
        ...reasonLine(ended.reason),
        ...reasonLine(report.lastWindow?.closedReason, 'closed because'),
      ],
    });
  }
  const last = report.lastWindow;
  // After exit the last window is the one that just ended, already shown above.
  if (last && !ended) {
    facts.push({
      label: 'Last window',
      lines: [
        startedLine(last),
        `ended ${last.until} by ${last.closedBy}, lasted ${formatDuration(elapsed(last.since, last.until))}`,
        ...reasonLine(last.reason),
        ...reasonLine(last.closedReason, 'closed because'),
      ],
    });
  }
  facts.push(...costFacts(report));
  facts.push({
    label: `Allowlist${planned}`,
    lines: [report.allowlist.length === 0 ? 'none' : allowlistText(report)],
  });
  facts.push(...probeFacts(report));
  facts.push(bypassFact(report, planned));
  facts.push(...exitFacts(report, invoker));
  if (report.notices && report.notices.length > 0) {
    facts.push({ label: 'Warnings', lines: report.notices });
  }
  facts.push({
    label: 'Run by',
    lines: [`${invoker.actor} (${invoker.run}) at ${report.finishedAt}`],
  });
  return facts;
}

function changesFact(report: CommandReport): Fact {
  const label = report.dryRun ? 'Plan (nothing written)' : 'Sets written';
  if (report.changes.length === 0) return { label, lines: ['none: the sets already match'] };
  return {
    label,
    lines: report.changes.map(
      (change) => `${change.name}: ${formatCidrs(change.from)} -> ${formatCidrs(change.to)}`,
    ),
  };
}

function startedLine(window: MaintenanceWindow): string {
  return `started ${window.since} by ${window.actor} (${window.run})`;
}

/** Milliseconds from one ISO time to another. */
function elapsed(from: string, to: string): number {
  return Date.parse(to) - Date.parse(from);
}

function reasonLine(reason: string | undefined, label = 'reason'): string[] {
  return reason ? [`${label}: ${reason}`] : [];
}

/** The allowed CIDRs, each with the testers it lets in: `203.0.113.0/24 (QA office)`. */
function allowlistText(report: CommandReport): string {
  const owners = report.allowlistOwners;
  if (!owners) return formatCidrs(report.allowlist);
  const sorted = sortCidrs(report.allowlist);
  const shown = sorted.slice(0, MAX_LISTED).map((cidr) => {
    const names = owners[cidr];
    return names && names.length > 0 ? `${cidr} (${names.join(', ')})` : cidr;
  });
  const more = sorted.length - shown.length;
  return more > 0 ? `${shown.join(', ')} ... and ${more} more` : shown.join(', ');
}

/** While in maintenance (for real): the exact ways back, from a terminal and from GitHub. */
function exitFacts(report: CommandReport, invoker: Invoker): Fact[] {
  if (report.dryRun || report.state === 'normal') return [];
  const key = report.environment.key;
  const config = invoker.configFile ? ` --config ${invoker.configFile}` : '';
  const lines = [`maintenance-action exit --environment ${key}${config}`];
  if (invoker.workflow) {
    lines.push(`or in GitHub: ${invoker.workflow} with command: exit, environment: ${key}`);
  }
  return [{ label: 'How to exit', lines }];
}
