// The config file (.github/maintenance.yml): parse, validate every rule, and answer what an
// environment's allow list is. Pure: the caller reads the file.
import {
  MAX_ADDRESSES_PER_SET,
  normalizeCidrs,
  parseCidr,
  readCidrList,
  type CidrList,
} from './cidr.js';
import { ConfigSource, type FieldPath } from './config-source.js';
import { schemaProblems } from './config-schema.js';
import { checkCalendar, type CalendarWindow } from './calendar.js';
import { readSetIds, SET_ID_ROLES, type ConfiguredSetId } from './config-set-ids.js';
import { siteFields } from './config-site.js';
import { closestMatch } from './did-you-mean.js';
import { knownNames } from './known-names.js';
import { parseDuration } from './duration.js';
import { checkGroups } from './environment-selection.js';
import { InputError, type Problem } from './errors.js';
import type { LocatedProblem } from './config-scope.js';
import { readSlo, type Slo } from './slo.js';
import {
  CLOUDFRONT_REGION,
  type CidrsByFamily,
  type Config,
  type Environment,
  type Scope,
  type Tester,
} from './types.js';

export const DEFAULT_CONFIG_PATH = '.github/maintenance.yml';

/** Shape the schema guarantees; read defensively because semantic checks run even when it fails. */
type RawMap = Record<string, unknown>;

function asMap(value: unknown): RawMap | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as RawMap)
    : undefined;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

/** Problems when a family has more CIDRs than one WAF IP set holds. */
function sizeProblems(cidrs: CidrsByFamily, describe: (count: string) => string): string[] {
  return (['ipv4', 'ipv6'] as const)
    .filter((family) => cidrs[family].length > MAX_ADDRESSES_PER_SET)
    .map((family) =>
      describe(
        `${plural(cidrs[family].length, family === 'ipv4' ? 'IPv4 CIDR' : 'IPv6 CIDR')} after merging; ` +
          `a WAF IP set holds at most ${MAX_ADDRESSES_PER_SET.toLocaleString('en-US')}`,
      ),
    );
}

/** Collects problems while checking the parts the schema cannot express. */
class SemanticChecks {
  readonly problems: LocatedProblem[] = [];
  readonly testers: Tester[] = [];
  /** Each tester's CIDRs as listed (canonical, before merging), to say what merging did. */
  readonly listed = new Map<string, readonly string[]>();
  readonly environments: Environment[] = [];

  constructor(private readonly source: ConfigSource) {}

  private report(path: FieldPath, message: string, value?: unknown): void {
    this.problems.push({ path, problem: this.source.problem(path, message, value) });
  }

  checkTesters(raw: unknown): void {
    const firstIndex = new Map<string, number>();
    for (const [i, entry] of asList(raw).entries()) {
      const tester = asMap(entry);
      const cidrs = this.checkCidrs(['testers', i, 'cidrs'], tester?.['cidrs']);
      const name = asString(tester?.['name']);
      if (name === undefined) continue;
      const first = firstIndex.get(name);
      if (first === undefined) {
        firstIndex.set(name, i);
        this.testers.push({ name, cidrs: cidrs.merged });
        this.listed.set(name, cidrs.listed);
      } else {
        const line = this.source.lineOf(['testers', first, 'name']);
        const message = `duplicate tester name (first defined on line ${line})`;
        this.report(['testers', i, 'name'], message, name);
      }
    }
  }

  /** The valid entries, canonical and merged; each invalid one is reported at its own line. */
  private checkCidrs(path: FieldPath, raw: unknown): CidrList {
    const entries = asList(raw);
    const list = readCidrList(entries);
    for (const { index, reason } of list.problems)
      this.report([...path, index], reason, entries[index]);
    return list;
  }

  checkEnvironments(raw: unknown): void {
    const testerNames = this.testers.map((tester) => tester.name);
    const firstWithSets = new Map<string, string>();
    const firstWithId = new Map<string, string>();
    for (const [key, entry] of Object.entries(asMap(raw) ?? {})) {
      const env = asMap(entry);
      const name = asString(env?.['name']);
      const scope = asString(env?.['scope']) as Scope | undefined;
      const region = scope === 'CLOUDFRONT' ? CLOUDFRONT_REGION : asString(env?.['region']);
      const subset = env?.['testers'] === undefined ? undefined : asList(env['testers']);
      const testers = subset === undefined ? testerNames : this.checkSubset(key, subset);
      const site = siteFields(env, key, (path, message, value) =>
        this.report(path, message, value),
      );
      if (name === undefined || scope === undefined || region === undefined) continue;

      // Two environments on the same sets would silently switch each other.
      const sets = `${scope} ${region} ${name}`;
      const other = firstWithSets.get(sets);
      if (other !== undefined) {
        const line = this.source.lineOf(['environments', other, 'name']);
        const message = `environment '${key}' switches the same IP sets as '${other}' (line ${line}): same name in ${scope} ${region}`;
        this.report(['environments', key, 'name'], message, name);
      }
      firstWithSets.set(sets, key);
      this.checkAllowListSize(key, testers);
      const setIds = this.checkSetIds(key, env?.['set-ids'], firstWithId);
      const maxDurationMs = this.checkMaxDuration(key, env?.['max-duration']);
      this.environments.push({
        key,
        name,
        scope,
        region,
        testers,
        ...(maxDurationMs !== undefined ? { maxDurationMs } : {}),
        ...(setIds !== undefined ? { setIds } : {}),
        ...site,
        ...this.checkSlo(key, env?.['slo']),
      });
    }
  }

  /**
   * `set-ids:` as written. One id under two roles (or two environments) is a pasted entry: the
   * command would read the wrong set, which it refuses at run time; here it is said up front.
   */
  private checkSetIds(key: string, raw: unknown, firstWithId: Map<string, string>) {
    const place = (path: FieldPath): ConfiguredSetId['place'] => {
      const { file, line, column, field } = this.source.problem(path, '');
      return { file: file!, line: line!, column: column!, field: field! };
    };
    const setIds = readSetIds(raw, key, place);
    for (const role of SET_ID_ROLES) {
      const configured = setIds?.[role];
      if (!configured) continue;
      const other = firstWithId.get(configured.id);
      if (other !== undefined) {
        const message = `is also the id of ${other}: each set has its own id; copy this environment's set-ids from its own module's config_entry output (terraform output)`;
        this.report(['environments', key, 'set-ids', role], message, configured.id);
      } else {
        firstWithId.set(configured.id, `${configured.place.field} (line ${configured.place.line})`);
      }
    }
    return setIds;
  }

  private checkMaxDuration(key: string, raw: unknown): number | undefined {
    if (typeof raw !== 'string') return undefined; // absent, or the schema reports the type
    const path = ['environments', key, 'max-duration'];
    try {
      return parseDuration(raw, { field: 'max-duration', units: ['m', 'h', 'd'] });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.report(path, error.problems[0]!.message, raw);
      return undefined;
    }
  }

  checkCalendar(raw: unknown): CalendarWindow[] {
    const keys = this.environments.map((env) => env.key);
    const { windows, problems } = checkCalendar(raw, this.source, keys);
    this.problems.push(...problems);
    return windows;
  }

  /** `slo:` (what a window's error budget is measured against), problems at their own lines. */
  private checkSlo(key: string, raw: unknown): { slo?: Slo } {
    const slo = readSlo(raw, (path, message, value) =>
      this.report(['environments', key, 'slo', ...path], message, value),
    );
    return slo ? { slo } : {};
  }

  private checkSubset(key: string, subset: readonly unknown[]): string[] {
    const names = this.testers.map((tester) => tester.name);
    return knownNames(subset, { noun: 'tester', section: 'testers', names }, (k, message, name) =>
      this.report(['environments', key, 'testers', k], message, name),
    );
  }

  private checkAllowListSize(key: string, names: readonly string[]): void {
    const used = new Set(names);
    const testers = this.testers.filter((tester) => used.has(tester.name));
    const count = (family: 'ipv4' | 'ipv6'): number =>
      testers.reduce((sum, tester) => sum + tester.cidrs[family].length, 0);
    // Merging only shrinks the lists, so it is needed only when they are already too long.
    if (Math.max(count('ipv4'), count('ipv6')) <= MAX_ADDRESSES_PER_SET) return;
    const ipv4 = testers.flatMap((tester) => tester.cidrs.ipv4);
    const ipv6 = testers.flatMap((tester) => tester.cidrs.ipv6);
    // Under `testers` even when the list is implicit: the testers are at fault, not the entry's name.
    const path = ['environments', key, 'testers'];
    const merged = normalizeCidrs([...ipv4, ...ipv6]);
    for (const message of sizeProblems(merged, (count) => `testers add up to ${count}`)) {
      this.report(path, message);
    }
  }
}

/** The whole file checked: what is usable, and every problem with the field it is about. */
export interface ConfigCheck {
  /** Testers and environments as far as they could be read (entries with problems included). */
  readonly config: Config;
  /** Every problem, in file order. */
  readonly problems: readonly LocatedProblem[];
  /** Keys under `environments:` as written, even those whose entry could not be read. */
  readonly keys: readonly string[];
  /** Each tester's name by its index in the file (undefined where it has none). */
  readonly testerNames: readonly (string | undefined)[];
  /** Keys of environments without a `testers` list: they let every tester through. */
  readonly usesAllTesters: readonly string[];
  /** Each tester's CIDRs as listed (canonical, before merging). */
  readonly listed: ReadonlyMap<string, readonly string[]>;
  /** `groups:` that can be used (every member an environment key). */
  readonly groups: ReadonlyMap<string, readonly string[]>;
}

/** WAF holds 2 x 10,000 CIDRs; a config a hundred times that is a mistake, not a config. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

function checkSize(text: string, file: string): void {
  // text.length <= bytes, so only a file near the cap pays for counting bytes.
  if (text.length <= MAX_CONFIG_BYTES / 4 || Buffer.byteLength(text, 'utf8') <= MAX_CONFIG_BYTES) {
    return;
  }
  const mib = (Buffer.byteLength(text, 'utf8') / MAX_CONFIG_BYTES).toFixed(1);
  throw new InputError({
    file,
    message: `the config file is ${mib} MiB; at most 1 MiB is read (a WAF IP set holds 10,000 CIDRs, which fit in far less). Is this the right file?`,
  });
}

// A front door asks several questions of one file before its command checks it (several
// environments? the calendar?): the last check is kept, so a 10,000-CIDR file is parsed once.
// Safe because a ConfigCheck is never changed (readonly all the way down) and the function is pure.
let lastCheck:
  { readonly text: string; readonly file: string; readonly check: ConfigCheck } | undefined;

/**
 * Parses and checks the whole file. Throws InputError only when the file cannot be read as a
 * config at all (too big, YAML syntax, empty); every other problem is returned with its place,
 * so that a command can decide which ones concern it (see resolveConfig in config-scope.ts).
 */
export function checkConfig(text: string, file: string): ConfigCheck {
  if (lastCheck?.text === text && lastCheck.file === file) return lastCheck.check;
  const check = checkText(text, file);
  lastCheck = { text, file, check };
  return check;
}

function checkText(text: string, file: string): ConfigCheck {
  checkSize(text, file);
  const source = new ConfigSource(text, file);
  const syntax = source.syntaxProblems();
  if (syntax.fatal) throw new InputError(syntax.problems.map((p) => p.problem));
  if (source.data === null || source.data === undefined) {
    throw new InputError({
      file,
      line: 1,
      column: 1,
      message: "the file is empty; it needs 'environments' (and usually 'testers')",
    });
  }
  const root = asMap(source.data);
  const checks = new SemanticChecks(source);
  checks.checkTesters(root?.['testers']);
  checks.checkEnvironments(root?.['environments']);
  const calendar = checks.checkCalendar(root?.['windows']);
  const environments = asMap(root?.['environments']) ?? {};
  const groups = checkGroups(source, root?.['groups'], Object.keys(environments));
  const problems = calendarScope(
    [...syntax.problems, ...schemaProblems(source), ...checks.problems, ...groups.problems],
    root?.['windows'],
  );
  problems.sort(
    (a, b) =>
      (a.problem.line ?? 0) - (b.problem.line ?? 0) ||
      (a.problem.column ?? 0) - (b.problem.column ?? 0),
  );
  return {
    config: { file, testers: checks.testers, environments: checks.environments, calendar },
    problems,
    keys: Object.keys(environments),
    testerNames: asList(root?.['testers']).map((tester) => asString(asMap(tester)?.['name'])),
    listed: checks.listed,
    groups: groups.groups,
    usesAllTesters: Object.keys(environments).filter(
      (key) => asMap(environments[key])?.['testers'] === undefined,
    ),
  };
}

/** Problems under `windows[i]` concern the environments that window lists (see config-scope.ts). */
function calendarScope(problems: LocatedProblem[], windows: unknown): LocatedProblem[] {
  return problems.map((p) => {
    const index = p.path?.[0] === 'windows' ? p.path[1] : undefined;
    if (p.environments !== undefined || typeof index !== 'number') return p;
    const listed = asList(asMap(asList(windows)[index])?.['environments']);
    return { ...p, environments: listed.filter((key): key is string => typeof key === 'string') };
  });
}

/**
 * Parses and validates the whole file, strictly (`validate`). Throws InputError listing every
 * problem found, each with file, line, column, field path and value, in file order.
 */
export function parseConfig(text: string, file: string): Config {
  const { config, problems } = checkConfig(text, file);
  if (problems.length > 0) throw new InputError(problems.map((p) => p.problem));
  return config;
}

/**
 * The environment to act on. `key` may be omitted only when the file has exactly one
 * environment. An unknown key names the known ones.
 */
export function selectEnvironment(config: Config, key: string | undefined): Environment {
  const keys = config.environments.map((env) => env.key);
  if (key === undefined || key === '') {
    const [only, ...others] = config.environments;
    if (only && others.length === 0) return only;
    throw new InputError({
      file: config.file,
      field: 'environment',
      message: `choose one of the ${keys.length} environments in the file: ${keys.join(', ')}`,
    });
  }
  const found = config.environments.find((env) => env.key === key);
  if (found) return found;
  throw new InputError({
    file: config.file,
    field: 'environment',
    message: `unknown environment; ${environmentHint(key, config.environments)}${keys.join(', ')}`,
    value: key,
  });
}

/** Leads into the list of keys: a near-miss key, or the key of the environment whose name was given. */
function environmentHint(key: string, environments: readonly Environment[]): string {
  const nearKey = closestMatch(
    key,
    environments.map((env) => env.key),
  );
  const nearName = closestMatch(
    key,
    environments.map((env) => env.name),
  );
  // An exact name wins over a near key; a near name only when no key is near.
  const named =
    environments.find((env) => env.name.toLowerCase() === key.toLowerCase()) ??
    (nearKey === undefined ? environments.find((env) => env.name === nearName) : undefined);
  if (named) return `did you mean '${named.key}' (its name is ${named.name})? The file defines: `;
  return nearKey === undefined
    ? 'the file defines: '
    : `did you mean '${nearKey}'? The file defines: `;
}

/**
 * The allow list for an environment: its testers' CIDRs plus `extra` (one CIDR per entry, e.g.
 * the lines of the action's `allowlist` input; blank entries are skipped, and problems name the
 * 1-based entry number under `extraSource`). Normalised; throws InputError when an entry is
 * invalid or a family exceeds MAX_ADDRESSES_PER_SET after merging.
 */
export function allowlistFor(
  config: Config,
  environment: Environment,
  extra: readonly string[],
  extraSource: string,
): CidrsByFamily {
  const problems: Problem[] = [];
  const used = new Set(environment.testers);
  const cidrs = config.testers
    .filter((tester) => used.has(tester.name))
    .flatMap((tester) => [...tester.cidrs.ipv4, ...tester.cidrs.ipv6]);
  for (const [i, text] of extra.entries()) {
    if (text.trim() === '') continue;
    const parsed = parseCidr(text);
    if (parsed.ok) cidrs.push(parsed.cidr);
    else
      problems.push({
        field: `${extraSource} entry ${i + 1}`,
        message: parsed.reason,
        value: text,
      });
  }
  if (problems.length > 0) throw new InputError(problems);
  const merged = normalizeCidrs(cidrs);
  const tooMany = sizeProblems(
    merged,
    (count) =>
      `the allow list for environment '${environment.key}' (testers in ${config.file} plus ${extraSource}) has ${count}`,
  );
  if (tooMany.length > 0) throw new InputError(tooMany.map((message) => ({ message })));
  return merged;
}
