// The job summary of `validate`: what was checked and each problem with its line.
import { formatProblem } from '../domain/errors.js';
import type { Validation } from '../front-door/validate.js';
import { escapeCell } from './markdown.js';
import { validationSummary } from './validation-summary.js';

export function renderValidationMarkdown(validation: Validation): string {
  const { file, problems } = validation;
  const rows = problems.map((problem) => {
    const { line, column, ...rest } = problem;
    const where = line === undefined ? '' : `${line}${column === undefined ? '' : `:${column}`}`;
    return `| ${where} | ${escapeCell(formatProblem({ ...rest, file: '' }).replace(/^: /, ''))} |`;
  });
  return [
    `### Maintenance: validate ${escapeCell(file)}`,
    '',
    escapeCell(validationSummary(validation)),
    '',
    ...(rows.length > 0 ? ['| Line | Problem |', '| --- | --- |', ...rows, ''] : []),
  ].join('\n');
}
