// Rendering one command over many environments: a table of every environment (state, previous
// state, changed, window, error), each environment's own report below it, and the `results` output.
import type { Invoker } from '../domain/invoker.js';
import type { EnvironmentResult, ManyReport } from '../front-door/many-environments.js';
import { escapeCell, renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

/** The one line a failed run ends with: which environments failed and what to run for them. */
export function manyFailureMessage(report: ManyReport): string | undefined {
  if (report.failed.length === 0) return undefined;
  const lines = report.results
    .filter((r) => r.error !== undefined)
    .map((r) => `  - ${r.key} (${r.state ?? 'state not read'}): ${r.error!.split('\n')[0]}`);
  return [
    `${report.command} failed on ${report.failed.length} of ${report.results.length} environments; the others are done:`,
    ...lines,
    `Run ${report.command} again for: ${report.failed.join(',')} (environment: ${report.failed.join(',')})`,
  ].join('\n');
}

/** One environment's entry in the `results` output and --json. */
export function resultEntry(r: EnvironmentResult): object {
  return {
    environment: r.key,
    state: r.state ?? null,
    previousState: r.previousState ?? null,
    changed: r.changed,
    window: r.report?.window ?? null,
    error: r.error ?? null,
  };
}

/** The `results` output and --json: one entry per environment, in the order given. */
export function resultsJson(report: ManyReport): object[] {
  return report.results.map(resultEntry);
}

export function renderManyText(report: ManyReport, invoker: Invoker): string {
  const blocks = report.results.map((r) => {
    const body = r.report ? renderText(r.report, invoker) : `error: ${r.error ?? ''}`;
    return `== ${r.key}: ${r.state ?? 'state not read'}${r.error && r.report ? ' (failed)' : ''}\n${body}`;
  });
  return [
    `${report.command} on ${report.results.length} environments: ${report.state}${report.changed ? ' (changed)' : ''}`,
    ...blocks,
  ].join('\n');
}

export function renderManyMarkdown(report: ManyReport, invoker: Invoker): string {
  const rows = report.results.map(
    (r) =>
      `| ${escapeCell(r.key)} | ${r.state ?? 'not read'} | ${r.previousState ?? 'not read'} | ${r.changed ? 'yes' : 'no'} | ${r.report?.window?.since ?? ''} | ${r.error ? escapeCell(r.error.split('\n')[0]!) : ''} |`,
  );
  const sections = report.results
    .filter((r) => r.report !== undefined)
    .map(
      (r) =>
        `<details><summary>${escapeCell(r.key)}</summary>\n\n${renderMarkdown(r.report!, invoker)}\n</details>`,
    );
  return [
    `### ${report.command} on ${report.results.length} environments: ${report.state}`,
    '',
    '| Environment | State | Before | Changed | Window since | Error |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...sections,
    '',
  ].join('\n');
}
