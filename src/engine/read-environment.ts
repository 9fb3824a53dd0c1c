// Read: all of an environment's switchable state (four IP sets and the bypass set), each Get in
// the same round trip. Sets with an id in the config (`set-ids`) are read by it directly; the
// others are found by name first (ListIPSets, ListRegexPatternSets: one round trip more; each
// environment of a command lists its own, so a failure is only its own). A set read by id must
// have the environment's name for it, or the command stops before any write; an id that no
// longer exists (the set was recreated) falls back to finding the set by name, with a warning
// saying how to refresh `set-ids`.
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import { regionFor } from '../aws/client.js';
import { isNonexistent } from '../aws/errors.js';
import {
  kindOf,
  listSets,
  type Listing,
  type ResourceHandle,
  type SetKind,
  type SetPlace,
} from '../aws/find-by-name.js';
import { ipSetHandles, readIpSet, type IpSetHandle, type IpSetSnapshot } from '../aws/ip-sets.js';
import { WrongSetError } from '../aws/locked-set.js';
import { bypassHandle, readRegexSet, type RegexSetSnapshot } from '../aws/regex-pattern-sets.js';
import { SET_ID_ROLES, type ConfiguredSetId, type SetIdRole } from '../domain/config-set-ids.js';
import { InputError, type Problem } from '../domain/errors.js';
import { neutralizeWorkflowCommands } from '../domain/untrusted-text.js';
import {
  BYPASS,
  SET_ROLES,
  setName,
  type Environment,
  type EnvironmentContents,
  type SetContents,
  type SetRole,
} from '../domain/types.js';

export interface EnvironmentHandles {
  readonly ipSets: Readonly<Record<SetRole, IpSetHandle>>;
  readonly bypass: ResourceHandle;
}

/** The environment as read: every set with its lock token. */
export interface EnvironmentSnapshot {
  readonly ipSets: Readonly<Record<SetRole, IpSetSnapshot>>;
  readonly bypass: RegexSetSnapshot;
}

/**
 * The bypass set's Get first, then the IP sets', as readEnvironment sends them. The order
 * guarantees nothing (WAF answers the Gets one by one, in any order): a read that must be the
 * sets at one instant is checked by its lock tokens (settled-read.ts), and the concurrency
 * test runs with either kind answered first.
 */
const READ_ORDER: readonly SetIdRole[] = [BYPASS, ...SET_ROLES];

type Handles = Partial<Record<SetIdRole, ResourceHandle>>;
type Snapshots = Partial<Record<SetIdRole, IpSetSnapshot | RegexSetSnapshot>>;

/**
 * The first read of a command: where the sets are (by id, else by name) and what they hold.
 * Later reads (settling, verifying) use the handles it returns.
 */
export async function firstRead(
  client: WAFV2Client,
  environment: Environment,
  warn: (line: string) => void,
): Promise<{ handles: EnvironmentHandles; snapshot: EnvironmentSnapshot }> {
  const byId = SET_ID_ROLES.filter((role) => environment.setIds?.[role]);
  const handles: Handles = {
    ...Object.fromEntries(
      byId.map((role) => [
        role,
        { name: setName(environment.name, role), id: environment.setIds![role]!.id },
      ]),
    ),
    ...(await findByName(
      client,
      environment,
      SET_ID_ROLES.filter((role) => !byId.includes(role)),
      (kind, place, names) => listSets(client, kind, place, { names }),
    )),
  };
  const read = await readRoles(client, environment, handles, READ_ORDER);
  const wrong = read.failed.filter(({ error }) => error instanceof WrongSetError);
  if (wrong.length > 0) {
    const problems = wrong.map(({ role, error }) =>
      wrongSetProblem(environment, role, (error as WrongSetError).actualName),
    );
    throw new InputError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  }
  const stale = read.failed.filter(
    ({ role, error }) => byId.includes(role) && isNonexistent(error),
  );
  const other = read.failed.find((failure) => !stale.includes(failure));
  if (other) throw other.error;
  let snapshots = read.snapshots;
  if (stale.length > 0) {
    const roles = stale.map(({ role }) => role);
    const found = await findStale(client, environment, roles, warn);
    const again = await readRoles(client, environment, found, roles);
    if (again.failed[0]) throw again.failed[0].error;
    snapshots = { ...snapshots, ...again.snapshots };
  }
  // The sets as read are the handles of later reads (with their ARNs, for messages).
  const snapshot = snapshotOf(snapshots as Record<SetIdRole, IpSetSnapshot | RegexSetSnapshot>);
  return { handles: snapshot, snapshot };
}

type Lister = (kind: SetKind, place: SetPlace, names: readonly string[]) => Promise<Listing>;

/** The sets of `roles`, found by name: one round trip (both kinds at once), none when no role. */
async function findByName(
  client: WAFV2Client,
  environment: Environment,
  roles: readonly SetIdRole[],
  list: Lister,
): Promise<Handles> {
  const where = {
    scope: environment.scope,
    region: regionFor(environment),
    prefix: environment.name,
  };
  const ipRoles = roles.filter((role): role is SetRole => role !== BYPASS);
  const names = (kindRoles: readonly SetIdRole[]) =>
    kindRoles.map((role) => setName(environment.name, role));
  const [ipSets, bypass] = await Promise.allSettled([
    ipRoles.length > 0
      ? list('IP set', where, names(ipRoles)).then((listing) =>
          ipSetHandles(listing, where, ipRoles),
        )
      : {},
    roles.includes(BYPASS)
      ? list('regex pattern set', where, names([BYPASS])).then((listing) => ({
          [BYPASS]: bypassHandle(listing, where),
        }))
      : {},
  ]);
  // Both in one round trip; when both fail, the IP sets' message is the one to act on first.
  if (ipSets.status === 'rejected') throw ipSets.reason;
  if (bypass.status === 'rejected') throw bypass.reason;
  return { ...ipSets.value, ...bypass.value };
}

/**
 * Sets whose configured id does not exist: listed by name, and by id to tell a stale id (the
 * set was recreated: warn, go on by name) from another set's id (refuse, nothing written).
 */
async function findStale(
  client: WAFV2Client,
  environment: Environment,
  roles: readonly SetIdRole[],
  warn: (line: string) => void,
): Promise<Handles> {
  const configured = (role: SetIdRole): ConfiguredSetId => environment.setIds![role]!;
  const found = await findByName(client, environment, roles, (kind, place, names) =>
    listSets(client, kind, place, {
      names,
      ids: roles.filter((role) => kindOf(role) === kind).map((role) => configured(role).id),
    }).then((listing) => {
      const wrong = roles.flatMap((role) => {
        const actual = listing.nameOfId.get(configured(role).id);
        return actual !== undefined && kindOf(role) === kind
          ? [wrongSetProblem(environment, role, actual)]
          : [];
      });
      if (wrong.length > 0) throw new InputError(wrong);
      return listing;
    }),
  );
  const first = configured(roles[0]!).place;
  const field = first.field.slice(0, first.field.lastIndexOf('.'));
  const ids = roles
    .map((role) => `${role} ${configured(role).id} (now ${safe(found[role]!.id)})`)
    .join(', ');
  warn(
    `${first.file}:${first.line}: ${field} is stale: ${ids} no longer exist${roles.length === 1 ? 's' : ''}, ` +
      `so the set${roles.length === 1 ? ' was' : 's were'} found by name (a failed read and a listing more on every command). ` +
      `Refresh set-ids from the module's output (terraform output config_entry), or remove them.`,
  );
  return found;
}

/** Reads the sets of `roles`, each Get in the same round trip; what failed, with why. */
async function readRoles(
  client: WAFV2Client,
  environment: Environment,
  handles: Handles,
  roles: readonly SetIdRole[],
): Promise<{ snapshots: Snapshots; failed: { role: SetIdRole; error: unknown }[] }> {
  const { scope } = environment;
  const settled = await Promise.allSettled(
    roles.map((role) =>
      role === BYPASS
        ? readRegexSet(client, scope, handles[role]!)
        : readIpSet(client, scope, { ...handles[role]!, role }),
    ),
  );
  const snapshots: Snapshots = {};
  const failed: { role: SetIdRole; error: unknown }[] = [];
  settled.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') snapshots[roles[i]!] = outcome.value;
    else failed.push({ role: roles[i]!, error: outcome.reason });
  });
  return { snapshots, failed };
}

function wrongSetProblem(environment: Environment, role: SetIdRole, actual: string): Problem {
  const { id, place } = environment.setIds![role]!;
  return {
    ...place,
    message:
      `is the id of the ${kindOf(role)} ${safe(actual)}, not of ${setName(environment.name, role)}: nothing was written. ` +
      `Copy this environment's set-ids from its own module's output (terraform output config_entry), or remove set-ids to find the sets by name`,
    value: id,
  };
}

/** Names and ids come from AWS: never a workflow command when printed. */
function safe(text: string): string {
  return neutralizeWorkflowCommands(text);
}

function snapshotOf(
  sets: Record<SetIdRole, IpSetSnapshot | RegexSetSnapshot>,
): EnvironmentSnapshot {
  return {
    ipSets: Object.fromEntries(SET_ROLES.map((role) => [role, sets[role]])) as Record<
      SetRole,
      IpSetSnapshot
    >,
    bypass: sets[BYPASS] as RegexSetSnapshot,
  };
}

export async function readEnvironment(
  client: WAFV2Client,
  environment: Environment,
  handles: EnvironmentHandles,
): Promise<EnvironmentSnapshot> {
  const { scope } = environment;
  const [bypass, ...ipSets] = await Promise.all([
    readRegexSet(client, scope, handles.bypass),
    ...SET_ROLES.map((role) => readIpSet(client, scope, handles.ipSets[role])),
  ]);
  return {
    ipSets: Object.fromEntries(ipSets.map((s) => [s.role, s])) as Record<SetRole, IpSetSnapshot>,
    bypass,
  };
}

export function contentsOf(snapshot: EnvironmentSnapshot): EnvironmentContents {
  return {
    sets: Object.fromEntries(
      SET_ROLES.map((role) => [role, snapshot.ipSets[role].addresses]),
    ) as SetContents,
    activeDescription: snapshot.ipSets['active-ipv4'].description,
    bypass: snapshot.bypass.entries,
  };
}
