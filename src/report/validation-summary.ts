// `validate`'s one line for the log and the job summary: how many problems, or what was checked.
import type { Validation } from '../front-door/validate.js';

export function validationSummary(validation: Validation): string {
  const { file, problems, environments, testers } = validation;
  if (problems.length > 0) {
    return `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}.`;
  }
  return `${file} is valid: ${environments.length} environment${environments.length === 1 ? '' : 's'} (${environments.join(', ')}), ${testers.length} tester${testers.length === 1 ? '' : 's'}.`;
}
