// Which environments one command runs on: a key, a list of keys (comma or newline separated),
// a group from the config's `groups:`, or `all`. A single key keeps the one-environment path.
import type { ConfigSource, FieldPath } from './config-source.js';
import type { LocatedProblem } from './config-scope.js';
import { didYouMean } from './did-you-mean.js';
import { knownNames } from './known-names.js';
import { InputError, type Problem } from './errors.js';

/** Every environment in the file. Not a valid group name (the schema says so too). */
export const ALL_ENVIRONMENTS = 'all';

export interface EnvironmentGroups {
  /** Groups whose every member is an environment key. */
  readonly groups: ReadonlyMap<string, readonly string[]>;
  /** Problems of the `groups:` section: they block only a command that names that group. */
  readonly problems: readonly LocatedProblem[];
}

/** Reads `groups:` against the environment keys. The schema checks the structure. */
export function checkGroups(
  source: ConfigSource,
  raw: unknown,
  keys: readonly string[],
): EnvironmentGroups {
  const groups = new Map<string, readonly string[]>();
  const problems: LocatedProblem[] = [];
  const report = (path: FieldPath, message: string, value?: unknown): void => {
    problems.push({ path, problem: source.problem(path, message, value) });
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { groups, problems };
  const defined = { noun: 'environment', section: 'environments', names: keys };
  for (const [name, members] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(members)) continue; // the schema reports it
    let ok = true;
    if (keys.includes(name)) {
      report(['groups', name], `'${name}' is also an environment key; give the group another name`);
      ok = false;
    }
    knownNames(members as unknown[], defined, (i, message, member) => {
      report(['groups', name, i], message, member);
      ok = false;
    });
    if (ok) groups.set(name, members as string[]);
  }
  return { groups, problems };
}

export interface Selection {
  readonly keys: readonly string[];
  readonly groups: ReadonlyMap<string, readonly string[]>;
  readonly groupProblems: readonly LocatedProblem[];
}

/** The names in a selector: comma or newline separated, blanks dropped, in order. */
function namesIn(selector: string): string[] {
  return selector
    .split(/[,\n]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/**
 * The environment keys a selector means, or undefined when it names one environment (or none:
 * the single-environment path decides). Unknown names and broken groups are one InputError
 * naming each, before anything is read or written.
 */
export function selectEnvironments(
  selector: string | undefined,
  file: string,
  selection: Selection,
): readonly string[] | undefined {
  if (selector === undefined) return undefined;
  const names = namesIn(selector);
  const { keys, groups } = selection;
  const isMany = (name: string): boolean =>
    name === ALL_ENVIRONMENTS || groups.has(name) || brokenGroup(name, selection).length > 0;
  if (names.length <= 1 && !names.some(isMany)) return undefined;

  const chosen: string[] = [];
  const problems: Problem[] = [];
  for (const name of names) {
    if (name === ALL_ENVIRONMENTS) chosen.push(...keys);
    else if (groups.has(name)) chosen.push(...groups.get(name)!);
    else if (keys.includes(name)) chosen.push(name);
    else {
      const broken = brokenGroup(name, selection);
      if (broken.length > 0) problems.push(...broken);
      else {
        const known = [...keys, ...groups.keys(), ALL_ENVIRONMENTS];
        const hint = didYouMean(name, known) || `; known: ${known.join(', ')}`;
        problems.push({
          file,
          field: 'environment',
          message: `'${name}' is neither an environment nor a group${hint}`,
        });
      }
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return [...new Set(chosen)];
}

/** The problems of group `name` when the file defines it but it could not be used. */
function brokenGroup(name: string, selection: Selection): Problem[] {
  return selection.groupProblems
    .filter((p) => p.path?.[0] === 'groups' && p.path[1] === name)
    .map((p) => p.problem);
}
