// Structural validation of the config file against the JSON Schema that ships with the action
// (the same file editors use), with ajv's errors turned into problems a user can act on.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ConfigSource, FieldPath } from './config-source.js';
// The schema compiled ahead of time (`npm run generate`), shipped beside it.
import compiledValidator from '../../schema/maintenance.schema.validate.generated.cjs';
import { didYouMean } from './did-you-mean.js';
import type { Problem } from './errors.js';
import type { LocatedProblem } from './config-scope.js';

/** The schema's validator, compiled ahead of time (scripts/generate/config-validator.ts). */
function validator(): ValidateFunction {
  return compiledValidator;
}

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'a mapping (key: value)',
  string: 'a string',
  null: 'empty',
};

function pathOf(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function listed(values: readonly unknown[]): string {
  return values.map((v) => String(v)).join(', ');
}

/** Problem for one ajv error, or undefined for errors that only summarise others (`if`). */
function problemFor(source: ConfigSource, error: ErrorObject): Problem | undefined {
  const path: FieldPath = pathOf(error.instancePath);
  const custom = (error.parentSchema as { errorMessage?: string } | undefined)?.errorMessage;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return undefined;
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const known = Object.keys(
        (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
      );
      const hint = didYouMean(key, known) || `; allowed keys: ${listed(known)}`;
      return source.keyProblem([...path, key], `unknown key '${key}'${hint}`, key);
    }
    case 'required': {
      const missing = String(params['missingProperty']);
      return source.problem([...path, missing], custom ?? `missing required field '${missing}'`);
    }
    case 'type': {
      const types = String(params['type']).split(',');
      const wanted = types.map((t) => TYPE_NAMES[t] ?? t).join(' or ');
      return source.problem(path, custom ?? `must be ${wanted}`, error.data);
    }
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String);
      const hint = didYouMean(String(error.data), allowed);
      return source.problem(path, `must be one of ${listed(allowed)}${hint}`, error.data);
    }
    case 'uniqueItems': {
      const [first, repeat] = [params['i'], params['j']].map(Number).sort((a, b) => a - b);
      const at = [...path, repeat!];
      return source.problem(at, `repeats entry [${first}]`, (error.data as unknown[])[repeat!]);
    }
    case 'minItems':
    case 'minProperties':
      return source.problem(path, custom ?? 'must not be empty');
    default:
      return source.problem(path, custom ?? error.message ?? error.keyword, error.data);
  }
}

/** Every structural problem in the document, each at its line and field. */
export function schemaProblems(source: ConfigSource): LocatedProblem[] {
  const validate = validator();
  if (validate(source.data)) return [];
  return (validate.errors ?? []).flatMap((error) => {
    const problem = problemFor(source, error);
    // The field the problem is about: an unknown key's own path, else where ajv found it.
    const path =
      error.keyword === 'additionalProperties'
        ? [
            ...pathOf(error.instancePath),
            String((error.params as Record<string, unknown>)['additionalProperty']),
          ]
        : pathOf(error.instancePath);
    return problem ? [{ problem, path }] : [];
  });
}
