// Rendering one command over many environments: a table of every environment (state, previous
// state, changed, window, error), each environment's own report below it, and the `results` output.
import { formatDuration } from '../domain/duration.js';
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

/**
 * Where writes waited for their region's turn (WAF's write rate), and that the wait is not
 * counted against `timeout`; undefined when nothing waited.
 */
export function pacingLine(report: ManyReport): string | undefined {
  const waited = report.pacing.filter((p) => p.longestWaitMs > 0);
  if (waited.length === 0) return undefined;
  const regions = waited.map(
    (p) =>
      `${p.region} ${p.writes} write${p.writes === 1 ? '' : 's'}, the last waited ${(p.longestWaitMs / 1000).toFixed(1)} s`,
  );
  return `Writes paced to WAF's rate per region (${regions.join('; ')}); waiting is not counted against timeout ${formatDuration(report.timeoutMs)}, which bounds each environment's AWS calls.`;
}

export function renderManyText(report: ManyReport, invoker: Invoker): string {
  const blocks = report.results.map((r) => {
    const body = r.report ? renderText(r.report, invoker) : `error: ${r.error ?? ''}`;
    return `== ${r.key}: ${r.state ?? 'state not read'}${r.error && r.report ? ' (failed)' : ''}\n${body}`;
  });
  const pacing = pacingLine(report);
  return [
    `${report.command} on ${report.results.length} environments: ${report.state}${report.changed ? ' (changed)' : ''}`,
    ...(pacing ? [pacing] : []),
    ...blocks,
  ].join('\n');
}

export function renderManyMarkdown(report: ManyReport, invoker: Invoker): string {
  const pacing = pacingLine(report);
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
    ...(pacing ? [pacing, ''] : []),
    ...sections,
    '',
  ].join('\n');
}
