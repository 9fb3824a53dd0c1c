// Scoped validation: which problems in the config file stop a command. The file must parse and
// its top level must be right; a problem confined to another environment (or to testers this
// environment does not use) is a warning, so a typo under staging never blocks exit on production.
import type { FieldPath } from './config-source.js';
import { selectEnvironment, type ConfigCheck } from './config.js';
import { InputError, type Problem } from './errors.js';
import type { Command, Environment } from './types.js';

/** A problem and the field it is about (undefined: the file as a whole, e.g. YAML syntax). */
export interface LocatedProblem {
  readonly problem: Problem;
  readonly path?: FieldPath;
  /** A calendar problem (`windows:`): the environments it concerns (see calendarScope). */
  readonly environments?: readonly string[];
}

/** Fields that say which sets an environment switches: without them it does not resolve. */
const RESOLVING_FIELDS: readonly (string | number | undefined)[] = [
  undefined,
  'name',
  'scope',
  'region',
];

type Owner =
  | { readonly kind: 'file' }
  | { readonly kind: 'calendar' }
  | { readonly kind: 'groups' }
  | { readonly kind: 'environment'; readonly key: string; readonly resolving: boolean }
  | { readonly kind: 'tester'; readonly index: number };

function ownerOf(path: FieldPath | undefined): Owner {
  if (path && path.length >= 2) {
    const [section, id, field] = path;
    if (section === 'environments' && typeof id === 'string') {
      return { kind: 'environment', key: id, resolving: RESOLVING_FIELDS.includes(field) };
    }
    if (section === 'testers' && typeof id === 'number') return { kind: 'tester', index: id };
  }
  if (path?.[0] === 'windows') return { kind: 'calendar' };
  if (path?.[0] === 'groups') return { kind: 'groups' };
  return { kind: 'file' };
}

/** Commands that need only the environment's sets: they must work whatever else is wrong. */
const READ_OR_CLEAR: readonly (Command | 'reconcile')[] = ['exit', 'status'];

export interface ResolvedConfig {
  readonly environment: Environment;
  /** Problems that do not concern this command: shown as warnings, never blocking. */
  readonly warnings: readonly Problem[];
}

/**
 * The environment `key` and the problems that concern `command` on it. Throws InputError with
 * the blocking problems: the file's own (top level), the environment's own entry, and for
 * commands that let testers in or keep them (`enter`, `allowlist-*`) the testers it uses;
 * `exit` and `status` need only the entry's name, scope and region. Every other problem is
 * returned as a warning.
 */
export function resolveConfig(
  check: ConfigCheck,
  key: string | undefined,
  command: Command | 'reconcile',
): ResolvedConfig {
  const { config, problems } = check;
  const fileProblems = problems.filter((p) => ownerOf(p.path).kind === 'file');
  if (fileProblems.length > 0) throw new InputError(fileProblems.map((p) => p.problem));

  // Which entry: as written in the file, even when it could not be read as an environment.
  const chosen =
    key === undefined || key === ''
      ? check.keys.length === 1
        ? check.keys[0]!
        : undefined
      : check.keys.includes(key)
        ? key
        : undefined;
  if (chosen === undefined) selectEnvironment(config, key); // throws the helpful message
  const raw = config.environments.find((env) => env.key === chosen);
  const allTesters = chosen !== undefined && check.usesAllTesters.includes(chosen);
  const usedNames = new Set(raw?.testers);
  // A tester without a readable name is used only by environments that take every tester.
  const uses = (index: number): boolean => {
    const name = check.testerNames[index];
    return name === undefined ? allTesters : !raw || usedNames.has(name);
  };

  const blocks = (p: LocatedProblem): boolean => {
    const owner = ownerOf(p.path);
    if (owner.kind === 'environment') {
      return owner.key === chosen && (owner.resolving || !READ_OR_CLEAR.includes(command));
    }
    if (owner.kind === 'tester') {
      return !READ_OR_CLEAR.includes(command) && uses(owner.index);
    }
    // The calendar drives only reconcile, and a bad window blocks it only on its environments.
    if (owner.kind === 'calendar') {
      return command === 'reconcile' && chosen !== undefined && !!p.environments?.includes(chosen);
    }
    // A broken group blocks only a command that names it (see selectEnvironments).
    if (owner.kind === 'groups') return false;
    return true;
  };
  const blocking = problems.filter(blocks);
  if (blocking.length > 0) throw new InputError(blocking.map((p) => p.problem));
  if (!raw) {
    throw new InputError({
      file: config.file,
      field: `environments.${chosen}`,
      message: 'this environment could not be read',
    });
  }
  return { environment: raw, warnings: problems.filter((p) => !blocks(p)).map((p) => p.problem) };
}
