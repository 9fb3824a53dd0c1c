// Config problems as GitHub annotations on the file and line, so a pull request shows each one
// where it is (`::error file=...,line=...,col=...::message`). @actions/core escapes the text.
import * as core from '@actions/core';
import { formatProblem, type Problem } from '../domain/errors.js';

export function annotateProblem(problem: Problem, level: 'error' | 'warning'): void {
  // The location goes into the annotation's properties, not the text.
  const { file, line, column, ...rest } = problem;
  const text = formatProblem(rest);
  const properties: core.AnnotationProperties = {
    title: file ? `maintenance config: ${file}` : 'maintenance config',
    ...(file ? { file } : {}),
    ...(line !== undefined ? { startLine: line } : {}),
    ...(column !== undefined ? { startColumn: column } : {}),
  };
  if (level === 'error') core.error(text, properties);
  else core.warning(text, properties);
}
