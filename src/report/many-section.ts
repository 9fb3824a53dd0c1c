// Rendering one command over many environments: a table of every environment (state, previous
// state, changed, window, error), each environment's own report below it, and the `results` output.
import { formatDuration } from '../domain/duration.js';
import type { Invoker } from '../domain/invoker.js';
import type { StateRead } from '../engine/state-read-by.js';
import type { EnvironmentResult, ManyReport } from '../front-door/many-environments.js';
import { escapeCell, fencedText, renderMarkdown } from './markdown.js';
import { probeOutputs } from './probe-section.js';
import { renderText } from './text.js';

/** Lines of one environment's error that the failure message (the step's annotation) carries. */
const MAX_ERROR_LINES = 12;
/** Characters per line, and in the whole failure message: an annotation stays readable. */
const MAX_LINE = 400;
const MAX_MESSAGE = 6000;
/** Characters of one environment's error in the summary (a step summary holds at most 1 MiB). */
const MAX_DETAILS = 8000;

/**
 * The message a failed run ends with (the `::error` annotation, the CLI's last lines): which
 * environments failed, what each one's sets hold (its error's lines, bounded), what to run.
 */
export function manyFailureMessage(report: ManyReport): string | undefined {
  if (report.failed.length === 0) return undefined;
  const failed = report.results.filter((r) => r.error !== undefined);
  const others = failed.length < report.results.length ? '; the others are done' : '';
  const head = `${report.command} failed on ${failed.length} of ${report.results.length} environments${others}:`;
  const tail = whatToRun(report.command, failed);
  // Room for the line that names the environments cut, should any be.
  const room =
    MAX_MESSAGE - head.length - tail.length - 2 - cutLine(failed.map((r) => r.key)).length;
  const lines: string[] = [];
  const cut: string[] = [];
  for (const r of failed) {
    const block = failureLines(r).join('\n');
    if (cut.length === 0 && lines.join('\n').length + block.length + 1 <= room) lines.push(block);
    else cut.push(r.key);
  }
  return [head, ...lines, ...(cut.length > 0 ? [cutLine(cut)] : []), tail].join('\n');
}

/**
 * The same command again where that repairs; where the command does not apply to the state
 * read (allowlist-on while normal), what each environment's error says to run first.
 */
function whatToRun(command: string, failed: readonly EnvironmentResult[]): string {
  const again = failed.filter((r) => !r.refused).map((r) => r.key);
  const refused = failed.filter((r) => r.refused).map((r) => r.key);
  return [
    ...(refused.length > 0
      ? [
          `Nothing was written on ${refused.join(',')}: ${command} does not apply to the state read there; run what each line says first.`,
        ]
      : []),
    ...(again.length > 0
      ? [`Run ${command} again for: ${again.join(',')} (environment: ${again.join(',')})`]
      : []),
  ].join('\n');
}

function cutLine(keys: readonly string[]): string {
  return `  - also ${keys.join(', ')}: their errors are in the full report (cut here)`;
}

/** One failed environment in the failure message: its error's first line, then the rest indented. */
function failureLines(r: EnvironmentResult): string[] {
  const [first = '', ...rest] = r.error!.split('\n');
  const shown = rest.slice(0, MAX_ERROR_LINES - 1);
  const more = rest.length - shown.length;
  return [
    `  - ${r.key} (${r.state ?? 'state not read'}): ${clip(first, MAX_LINE)}`,
    ...shown.map((line) => `    ${clip(line, MAX_LINE)}`),
    ...(more > 0 ? [`    ... ${more} more line${more === 1 ? '' : 's'} in the full report`] : []),
  ];
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

/**
 * One environment's entry in the `results` output and --json. Under dry-run `state` stays the
 * state read now; the plan is `plannedState` and `plannedWindow`, never `window`.
 */
export function resultEntry(r: EnvironmentResult): object {
  const dryRun = r.report?.dryRun === true;
  return {
    environment: r.key,
    state: r.state ?? null,
    previousState: r.previousState ?? null,
    changed: r.changed === 'unknown' ? null : r.changed,
    window: dryRun ? null : (r.report?.window ?? null),
    ...(dryRun
      ? {
          dryRun: true,
          plannedState: r.plannedState ?? null,
          plannedWindow: r.report?.window ?? null,
        }
      : {}),
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

/**
 * `results` when a command failed before any environment ran (bad input, unreadable config):
 * one entry per environment named, with the error, so `fromJSON(...outputs.results)` still works.
 */
export function failedResultsJson(
  keys: readonly (string | null)[],
  error: string,
  read?: StateRead,
): object[] {
  return keys.map((key) => ({
    environment: key,
    // Unknown is null, as in every entry.
    state: read?.state === 'unknown' ? null : (read?.state ?? null),
    previousState: read?.previousState ?? null,
    changed: read?.changed === 'unknown' ? null : (read?.changed ?? false),
    window: null,
    error,
  }));
}

/** The one-environment outputs over several: see action.yml for what each means then. */
export interface ManyOutputValues {
  readonly plannedState: string;
  readonly since: string;
  readonly plannedEnd: string;
  readonly overrun: string;
  readonly allowlist: string;
  readonly probeResult: string;
  readonly probeSeconds: string;
}

/**
 * States, lists and the probe result: the common value, or `mixed`. Times (since, planned-end):
 * the common value, or empty. `overrun`: whether any environment's window is past its end.
 * Every environment's own values are in `results` (and its report).
 */
export function manyOutputValues(report: ManyReport): ManyOutputValues {
  const reports = report.results.map((r) => r.report);
  const probes = reports.map((r) => (r ? probeOutputs(r) : undefined));
  const probeResult = same(
    probes.map((p) => p?.result),
    'mixed',
  );
  return {
    plannedState: report.plannedState,
    since: same(
      reports.map((r) => (r ? (r.window?.since ?? '') : undefined)),
      '',
    ),
    plannedEnd: same(
      reports.map((r) => (r ? (r.schedule?.open?.plannedEnd ?? '') : undefined)),
      '',
    ),
    overrun: reports.some((r) => r?.schedule?.open?.overrun) ? 'true' : 'false',
    allowlist: same(
      reports.map((r) => (r ? [...r.allowlist].sort().join(',') : undefined)),
      'mixed',
    ),
    probeResult,
    // Visitors saw every environment switch once the slowest one was seen.
    probeSeconds:
      probeResult === 'ok' ? String(Math.max(...probes.map((p) => Number(p?.seconds ?? 0)))) : '',
  };
}

/** The value every environment has; `otherwise` when they differ or one has none (it failed). */
function same(values: readonly (string | undefined)[], otherwise: string): string {
  const first = values[0];
  return first !== undefined && values.every((v) => v === first) ? first : otherwise;
}

/** `enter on 3 environments: maintenance`; under dry-run, what it would reach, marked planned. */
function title(report: ManyReport): string {
  const subject = `${report.command} on ${report.results.length} environments`;
  if (report.dryRun) {
    return `dry run: ${subject}: ${report.state} now -> ${report.plannedState} (planned), nothing written`;
  }
  return `${subject}: ${report.state}${report.changed === true ? ' (changed)' : ''}`;
}

/** One environment's state in its text header and table row. */
function stateText(r: EnvironmentResult, notRead: string): string {
  const state = r.state ?? notRead;
  return r.report?.dryRun ? `${state} now -> ${r.plannedState ?? state} (planned)` : state;
}

export function renderManyText(report: ManyReport, invoker: Invoker): string {
  const blocks = report.results.map((r) => {
    const body = r.report ? renderText(r.report, invoker) : `error: ${r.error ?? ''}`;
    return `== ${r.key}: ${stateText(r, 'state not read')}${r.error && r.report ? ' (failed)' : ''}\n${body}`;
  });
  const pacing = pacingLine(report);
  return [title(report), ...(pacing ? [pacing] : []), ...blocks].join('\n');
}
export function renderManyMarkdown(report: ManyReport, invoker: Invoker): string {
  const table = report.dryRun
    ? [
        '| Environment | State | Planned | Would write | Window since (planned) | Error |',
        '| --- | --- | --- | --- | --- | --- |',
        ...report.results.map((r) => {
          const since = r.report?.window?.since;
          const sets = r.report?.changes.length;
          return `| ${escapeCell(r.key)} | ${r.state ?? 'not read'} | ${r.plannedState ? `${r.plannedState} (planned)` : ''} | ${sets === undefined ? '' : `${sets} set${sets === 1 ? '' : 's'}`} | ${since ? `${since} (planned)` : ''} | ${errorCell(r)} |`;
        }),
      ]
    : [
        '| Environment | State | Before | Changed | Window since | Error |',
        '| --- | --- | --- | --- | --- | --- |',
        ...report.results.map(
          (r) =>
            `| ${escapeCell(r.key)} | ${r.state ?? 'not read'} | ${r.previousState ?? 'not read'} | ${r.changed === 'unknown' ? 'unknown' : r.changed ? 'yes' : 'no'} | ${r.report?.window?.since ?? ''} | ${errorCell(r)} |`,
        ),
      ];
  const sections = report.results
    .filter((r) => r.report !== undefined || r.error !== undefined)
    .map((r) => details(r, invoker));
  const pacing = pacingLine(report);
  return [
    `### ${escapeCell(title(report))}`,
    '',
    ...table,
    '',
    ...(pacing ? [pacing, ''] : []),
    ...sections,
    '',
  ].join('\n');
}

/** The row says what went wrong in a line; the environment's details below say it in full. */
function errorCell(r: EnvironmentResult): string {
  return r.error ? escapeCell(r.error.split('\n')[0]!) : '';
}

/** One environment's report, and for a failed one its whole error (open, shown as text). */
function details(r: EnvironmentResult, invoker: Invoker): string {
  const parts = r.report ? [renderMarkdown(r.report, invoker)] : [];
  if (r.error !== undefined) {
    parts.push(
      `**${escapeCell(r.key)} failed** (state: ${r.state ?? 'not read'}):`,
      fencedText(clip(r.error, MAX_DETAILS)),
    );
  }
  const summary = `${escapeCell(r.key)}${r.error !== undefined ? ': failed' : ''}`;
  return `<details${r.error !== undefined ? ' open' : ''}><summary>${summary}</summary>\n\n${parts.join('\n\n')}\n\n</details>`;
}
