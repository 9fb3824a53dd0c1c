// The engine: one command against one environment. Reads the four sets, plans, writes only
// what differs (in parallel), and reports. Front doors call this and render the report.
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import { normalizeCidrs } from '../domain/cidr.js';
import { desiredContents, reapplyChange, rolesToWrite } from '../domain/plan.js';
import { deriveState, hasActiveAddresses, sameAddresses } from '../domain/state.js';
import {
  SET_ROLES,
  setName,
  type CidrsByFamily,
  type Command,
  type Environment,
  type Scope,
  type SetContents,
  type SetRole,
} from '../domain/types.js';
import { decodeWindow } from '../domain/window.js';
import { createWafClient, regionFor } from '../aws/client.js';
import {
  findSets,
  readSet,
  type IpSetHandle,
  writeSet,
  type IpSetSnapshot,
  type Sleep,
  type WriteOutcome,
} from '../aws/ip-sets.js';
import { PartialWriteError } from './partial-write-error.js';
import type { CommandReport, SetChange } from './report.js';
import { descriptionFor, nextActiveDescription, openWindow } from './window-record.js';

export interface CommandRequest {
  readonly command: Command;
  readonly environment: Environment;
  /** The environment's testers plus extra CIDRs, normalised (see allowlistFor). Used by allowlist-on. */
  readonly allowlist: CidrsByFamily;
  readonly reason?: string;
  /** `enter`: when the window is planned to end (ISO); recorded in the window record (#11). */
  readonly plannedEnd?: string;
  /** `enter` from `reconcile`: the calendar window's id, recorded with the window (#11). */
  readonly calendarWindow?: string;
  readonly dryRun: boolean;
  /** Who runs the command: the GitHub actor, or user@host from the CLI. */
  readonly actor: string;
  /** Which run: `owner/repo/actions/runs/123`, or `cli@host`. */
  readonly run: string;
  /**
   * Work that needs the resolved sets and runs beside the reads, in the same round trip (ending
   * expired runner leases). Sets it writes are read again before planning.
   */
  readonly sideWork?: SideWork;
  /** Injected by tests; by default built from the environment's scope and region. */
  readonly client?: WAFV2Client;
  readonly now?: () => Date;
  readonly sleep?: Sleep;
}

export interface SideWorkResult {
  /** Sets the side work wrote. */
  readonly changedRoles: readonly SetRole[];
  /** CIDRs allowlist-on must keep in the allow sets besides the testers (live runner leases). */
  readonly keep: readonly string[];
}
export type SideWork = (sets: Readonly<Record<SetRole, IpSetHandle>>) => Promise<SideWorkResult>;

type Snapshots = Record<SetRole, IpSetSnapshot>;

function contentsOf(snapshots: Snapshots): SetContents {
  return Object.fromEntries(SET_ROLES.map((r) => [r, snapshots[r].addresses])) as SetContents;
}

async function readSets(
  client: WAFV2Client,
  scope: Scope,
  handles: Record<SetRole, IpSetHandle>,
  roles: readonly SetRole[],
): Promise<Partial<Snapshots>> {
  const read = await Promise.all(roles.map((role) => readSet(client, scope, handles[role])));
  return Object.fromEntries(read.map((snapshot) => [snapshot.role, snapshot]));
}

interface ReadResult {
  /** The sets as first read: the state before the command. */
  readonly initial: Snapshots;
  /** The sets to plan from: re-read where the side work wrote them. */
  readonly current: Snapshots;
  readonly side: SideWorkResult;
}

/** Reads the four sets and, in the same round trip, runs the caller's side work. */
async function readWithSideWork(
  client: WAFV2Client,
  scope: Scope,
  handles: Record<SetRole, IpSetHandle>,
  sideWork: SideWork | undefined,
): Promise<ReadResult> {
  const [initial, side] = await Promise.all([
    readSets(client, scope, handles, SET_ROLES) as Promise<Snapshots>,
    sideWork?.(handles) ?? { changedRoles: [], keep: [] },
  ]);
  // Side work that wrote a set raced our read of it: read it again, after the write.
  const reread = await readSets(client, scope, handles, side.changedRoles);
  return { initial, current: { ...initial, ...reread }, side };
}

interface WriteResult {
  readonly after: SetContents;
  readonly activeDescription: string | undefined;
  /** Roles this command really wrote (not those a concurrent writer had already switched). */
  readonly written: readonly SetRole[];
}

/**
 * Writes the roles that differ, in parallel. A lock conflict re-applies the change to the fresh
 * contents: absolute for every command (they mean the sets to hold exactly this), except
 * allowlist-on, whose additions merge with a concurrent writer's (a runner taking a lease).
 */
async function writeRoles(
  request: CommandRequest,
  client: WAFV2Client,
  current: Snapshots,
  desired: SetContents,
  roles: readonly SetRole[],
  activeDescription: string | undefined,
  nameOf: (role: SetRole) => string,
): Promise<WriteResult> {
  const { command, environment } = request;
  const before = contentsOf(current);
  const outcomes = await Promise.allSettled(
    roles.map((role) =>
      writeSet(
        client,
        environment.scope,
        current[role],
        (fresh) => {
          const merge = command === 'allowlist-on' && fresh !== current[role];
          const addresses = merge
            ? reapplyChange(current[role].addresses, desired[role], fresh.addresses)
            : desired[role];
          return {
            addresses,
            description: descriptionFor(role, fresh, current[role], addresses, activeDescription),
          };
        },
        request.sleep,
      ),
    ),
  );
  const done = new Map<SetRole, WriteOutcome>();
  const failures: { role: SetRole; error: unknown }[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') done.set(roles[i]!, outcome.value);
    else failures.push({ role: roles[i]!, error: outcome.reason as unknown });
  });
  const after = Object.fromEntries(
    SET_ROLES.map((r) => [r, done.get(r)?.after.addresses ?? before[r]]),
  ) as SetContents;
  if (failures.length > 0) {
    throw new PartialWriteError(command, environment, before, after, done, failures, nameOf);
  }
  return {
    after,
    activeDescription:
      done.get('active-ipv4')?.after.description ?? current['active-ipv4'].description,
    written: roles.filter((role) => done.get(role)?.written),
  };
}

export async function runCommand(request: CommandRequest): Promise<CommandReport> {
  const now = request.now ?? (() => new Date());
  const startedAt = now();
  const { environment } = request;
  const client = request.client ?? createWafClient(environment);
  const nameOf = (role: SetRole): string => setName(environment.name, role);

  const handles = await findSets(
    client,
    environment.scope,
    regionFor(environment),
    environment.name,
  );
  const { initial, current, side } = await readWithSideWork(
    client,
    environment.scope,
    handles,
    request.sideWork,
  );
  const allowlist =
    side.keep.length === 0
      ? request.allowlist
      : normalizeCidrs([...request.allowlist.ipv4, ...request.allowlist.ipv6, ...side.keep]);

  const first = contentsOf(initial);
  const before = contentsOf(current);
  const previous = deriveState(first, nameOf);
  const desired = desiredContents(
    request.command,
    before,
    deriveState(before, nameOf).state,
    allowlist,
  );
  const plannedDescription = nextActiveDescription(
    request,
    before,
    desired,
    current['active-ipv4'].description,
    startedAt,
  );
  // The window rides along with an address change. The one description-only write: `enter`
  // finds maintenance on without a recorded window (switched by hand) and records one.
  const roles = rolesToWrite(before, desired);
  const recordsWindow =
    request.command === 'enter' && plannedDescription !== current['active-ipv4'].description;
  if (recordsWindow && !roles.includes('active-ipv4')) roles.unshift('active-ipv4');

  const result: WriteResult = request.dryRun
    ? { after: desired, activeDescription: plannedDescription, written: roles }
    : roles.length === 0
      ? { after: before, activeDescription: current['active-ipv4'].description, written: [] }
      : await writeRoles(request, client, current, desired, roles, plannedDescription, nameOf);
  const { after } = result;

  // What changed since the first read: this command's writes and the side work's.
  const touched = new Set<SetRole>([...result.written, ...side.changedRoles]);
  const changes: SetChange[] = SET_ROLES.filter(
    (role) => touched.has(role) && !sameAddresses(first[role], after[role]),
  ).map((role) => ({ role, name: nameOf(role), from: first[role], to: after[role] }));

  const derivedAfter = deriveState(after, nameOf);
  const window = hasActiveAddresses(after) ? openWindow(result.activeDescription) : undefined;
  const previousWindow = openWindow(initial['active-ipv4'].description);
  const ended =
    previousWindow && hasActiveAddresses(first) && !hasActiveAddresses(after)
      ? { ...previousWindow, durationMs: startedAt.getTime() - Date.parse(previousWindow.since) }
      : undefined;
  const record = decodeWindow(result.activeDescription);
  const last =
    derivedAfter.state === 'normal' && record?.kind === 'closed' ? record.window : undefined;

  return {
    command: request.command,
    environment,
    dryRun: request.dryRun,
    previousState: previous.state,
    state: derivedAfter.state,
    changed: !request.dryRun && (changes.length > 0 || result.written.length > 0),
    changes,
    inconsistencies: [...previous.inconsistencies, ...derivedAfter.inconsistencies].filter(
      (v, i, all) => all.indexOf(v) === i,
    ),
    ...(window ? { window } : {}),
    ...(ended ? { endedWindow: ended } : {}),
    ...(last ? { lastWindow: last } : {}),
    allowlist: [...after['allow-ipv4'], ...after['allow-ipv6']],
    startedAt: startedAt.toISOString(),
    finishedAt: now().toISOString(),
  };
}
