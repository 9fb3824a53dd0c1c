// Markdown for the GitHub job summary: a heading, the headline, and the facts as a table.
import type { CommandReport } from '../engine/report.js';
import { headline, reportFacts, type Invoker } from './facts.js';

export function renderMarkdown(report: CommandReport, invoker: Invoker): string {
  const rows = reportFacts(report, invoker).map(
    (fact) => `| ${fact.label} | ${fact.lines.map(escapeCell).join('<br>')} |`,
  );
  return [
    `### Maintenance: ${report.command} ${escapeCell(report.environment.key)}`,
    '',
    escapeCell(headline(report)),
    '',
    '| | |',
    '| --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** Summary of a failed command: the message says what, if anything, was written. */
export function renderFailureMarkdown(title: string, message: string): string {
  return [`### Maintenance: ${escapeCell(title)} failed`, '', '```text', message, '```', ''].join(
    '\n',
  );
}

/** User text (reasons, names) must not break the table or inject HTML into the summary. */
function escapeCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}
