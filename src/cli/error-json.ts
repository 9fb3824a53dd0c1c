// A failure as JSON for `--json`: scripts read `error.message`, and `error.problems` when the
// input was at fault (each with file, line, field and value, as InputError carries them).
import type { Problem } from '../domain/errors.js';
import { errorMessage } from '../domain/error-message.js';

export interface ErrorJson {
  readonly error: { readonly message: string; readonly problems: readonly Problem[] };
}

export function errorJson(error: unknown): ErrorJson {
  // Duck-typed like errorMessage: a bundled copy of InputError is not `instanceof` this one.
  const problems = (error as { problems?: unknown } | null)?.problems;
  return {
    error: {
      message: errorMessage(error),
      problems: Array.isArray(problems) ? (problems as Problem[]) : [],
    },
  };
}
