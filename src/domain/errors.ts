// Errors a user can fix. Every problem names where it is (file, line, field) and the value.

export interface Problem {
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Path of the field inside the document, e.g. `testers[0].cidrs[1]`. */
  readonly field?: string;
  readonly value?: unknown;
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  const field = p.field ? `${p.field}: ` : '';
  const value = p.value !== undefined ? ` (value: ${JSON.stringify(p.value)})` : '';
  return `${where ? `${where}: ` : ''}${field}${p.message}${value}`;
}

/** Bad input: nothing has been written when this is thrown. Carries every problem found. */
export class InputError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: Problem | readonly Problem[]) {
    const list = Array.isArray(problems) ? (problems as readonly Problem[]) : [problems as Problem];
    super(
      list.length === 1
        ? formatProblem(list[0]!)
        : `${list.length} problems:\n${list.map((p) => `  - ${formatProblem(p)}`).join('\n')}`,
    );
    this.name = 'InputError';
    this.problems = list;
  }
}
