// Errors a user can fix. Every problem names where it is (file, line, field) and the value.

// The problem type is part of the contract the module's synth-time checks share.
export {
  clipValue,
  formatProblem,
  InputError,
  MAX_CARRIED_VALUE,
  MAX_QUOTED_VALUE,
  type Problem,
} from '@maintenance-action/contract';
import type { Problem } from '@maintenance-action/contract';

/** The problems an error carries (InputError, PartialWriteError); duck-typed, as a bundled copy is not `instanceof`. */
export function problemsOf(error: unknown): readonly Problem[] {
  const problems = (error as { problems?: unknown } | null)?.problems;
  return Array.isArray(problems) ? (problems as Problem[]) : [];
}
