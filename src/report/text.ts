// Plain-text rendering for the CLI and the action log: one aligned `label  value` row per line.
import type { CommandReport } from '../engine/report.js';
import type { Invoker } from '../domain/invoker.js';
import { headline, reportFacts } from './facts.js';

export function renderText(report: CommandReport, invoker: Invoker): string {
  const facts = reportFacts(report, invoker);
  const width = Math.max(...facts.map((fact) => fact.label.length)) + 2;
  const rows = facts.flatMap((fact) =>
    fact.lines.map((line, i) => `${(i === 0 ? fact.label : '').padEnd(width)}${line}`),
  );
  return [headline(report), '', ...rows].join('\n');
}
