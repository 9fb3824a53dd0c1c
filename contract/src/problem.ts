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

/** Longest value quoted in a message: enough to recognise it, never a whole file. */
export const MAX_QUOTED_VALUE = 100;
/** Longest value a problem carries (e.g. in `--json`): a whole mis-indented section is not a value. */
export const MAX_CARRIED_VALUE = 1000;

/** Long strings (and anything long once written out) cut to `max` characters. */
export function clipValue(value: unknown, max = MAX_CARRIED_VALUE): unknown {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined || text.length <= max) return value;
  return `${text.slice(0, max - 3)}...`;
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  const field = p.field ? `${p.field}: ` : '';
  const value =
    p.value !== undefined
      ? ` (value: ${JSON.stringify(clipValue(p.value, MAX_QUOTED_VALUE))})`
      : '';
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
