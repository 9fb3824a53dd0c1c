// Markdown for the GitHub job summary: a heading, the headline, and the facts as a table.
import type { CommandReport } from '../engine/report.js';
import { costChart } from './cost-section.js';
import type { Invoker } from '../domain/invoker.js';
import { headline, reportFacts } from './facts.js';

export function renderMarkdown(report: CommandReport, invoker: Invoker): string {
  const rows = reportFacts(report, invoker).map(
    (fact) => `| ${fact.label} | ${fact.lines.map(escapeCell).join('<br>')} |`,
  );
  return [
    `### Maintenance: ${report.command} ${escapeCell(report.environment.key)}`,
    '',
    escapeCell(headline(report)),
    '',
    '| Field | Value |',
    '| --- | --- |',
    ...rows,
    '',
    costChart(report),
    ...runLink(invoker),
  ].join('\n');
}

/** The run as a link under the table (cells are escaped, so the link cannot live in one). */
function runLink(invoker: Invoker): string[] {
  if (!invoker.runUrl || !/^https?:\/\//.test(invoker.runUrl)) return [];
  return [`Run: [${escapeCell(invoker.run)}](${encodeURI(invoker.runUrl)})`, ''];
}

/** Summary of a failed command: the message says what, if anything, was written. */
export function renderFailureMarkdown(title: string, message: string): string {
  return [`### Maintenance: ${escapeCell(title)} failed`, '', fencedText(message), ''].join('\n');
}

/** Text shown as it is: nothing in it renders as markdown or HTML. */
export function fencedText(text: string): string {
  // A fence longer than any backtick run in the text, so the text cannot close it.
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [`${fence}text`, text, fence].join('\n');
}

/** Characters markdown would read as table cells or emphasis, code, links and headings. */
const MARKDOWN_PUNCTUATION = /[\\|_*`[\]~#]/g;

/** User text (reasons, names) must not break the table, format itself or inject HTML into the summary. */
export function escapeCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, '\\$&')
    .replace(/\r?\n/g, '<br>');
}
