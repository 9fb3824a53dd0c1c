// A failure as JSON for `--json`: scripts read `error.message`, and `error.problems` when the
// input was at fault (each with file, line, field and value, as InputError carries them).
import { problemsOf, type Problem } from '../domain/errors.js';
import { errorMessage } from '../domain/error-message.js';
import type { ManyReport } from '../front-door/many-environments.js';

export interface ErrorJson {
  readonly error: { readonly message: string; readonly problems: readonly Problem[] };
}

export function errorJson(error: unknown): ErrorJson {
  return { error: { message: errorMessage(error), problems: problemsOf(error) } };
}

/**
 * Several environments, some failed: the failure message, and each failed environment's
 * problems (each set's outcome after a failed write; else its error), named by environment.
 */
export function manyErrorJson(report: ManyReport, message: string): ErrorJson {
  const problems = report.results.flatMap((r): Problem[] => {
    if (r.error === undefined) return [];
    if (!r.problems || r.problems.length === 0) {
      return [{ field: `environments.${r.key}`, message: r.error }];
    }
    return r.problems.map((p) => ({ ...p, message: `${r.key}: ${p.message}` }));
  });
  return { error: { message, problems } };
}
