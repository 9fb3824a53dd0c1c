// The engine: one command against one environment. Reads the four sets, plans, writes only
// what differs (in parallel), and reports. Front doors call this and render the report.
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import { normalizeCidrs } from '../domain/cidr.js';
import { desiredContents, rolesToWrite } from '../domain/plan.js';
import { deriveState, isMaintenanceOn, sameAddresses } from '../domain/state.js';
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
import { decodeWindow, encodeWindow } from '../domain/window.js';
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
import type { CommandReport, MaintenanceWindow, SetChange } from './report.js';

export interface CommandRequest {
  readonly command: Command;
  readonly environment: Environment;
  /** The environment's testers plus extra CIDRs, normalised (see allowlistFor). Used by allowlist-on. */
  readonly allowlist: CidrsByFamily;
  readonly reason?: string;
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

function openWindow(description: string | undefined): MaintenanceWindow | undefined {
  const record = decodeWindow(description);
  return record?.kind === 'open' ? record.window : undefined;
}

/** The Description `N-active-ipv4` should carry after the command. */
function nextActiveDescription(
  request: CommandRequest,
  before: SetContents,
  after: SetContents,
  current: string | undefined,
  now: Date,
): string | undefined {
  const wasOn = isMaintenanceOn(before);
  const willBeOn = isMaintenanceOn(after);
  if (!wasOn && willBeOn) {
    return encodeWindow({
      kind: 'open',
      window: {
        since: now.toISOString(),
        actor: request.actor,
        run: request.run,
        ...(request.reason ? { reason: request.reason } : {}),
      },
    });
  }
  const open = openWindow(current);
  if (open && after['active-ipv4'].length === 0) {
    return encodeWindow({
      kind: 'closed',
      window: { ...open, until: now.toISOString(), closedBy: request.actor },
    });
  }
  return current;
}

/**
 * Only `N-active-ipv4` carries the window. After a lock conflict, a concurrent writer that
 * already switched the set the same way also wrote its window: keep it rather than replace it.
 */
function descriptionFor(
  role: SetRole,
  fresh: IpSetSnapshot,
  read: IpSetSnapshot,
  desired: SetContents,
  activeDescription: string | undefined,
): string | undefined {
  if (role !== 'active-ipv4') return fresh.description;
  const doneByOther = fresh !== read && sameAddresses(fresh.addresses, desired[role]);
  return doneByOther ? fresh.description : activeDescription;
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

/** Reads the four sets and, in the same round trip, runs the caller's side work. */
async function readWithSideWork(
  client: WAFV2Client,
  scope: Scope,
  handles: Record<SetRole, IpSetHandle>,
  sideWork: SideWork | undefined,
): Promise<{ snapshots: Snapshots; keep: readonly string[] }> {
  const [snapshots, side] = await Promise.all([
    readSets(client, scope, handles, SET_ROLES) as Promise<Snapshots>,
    sideWork?.(handles) ?? { changedRoles: [], keep: [] },
  ]);
  // Side work that wrote a set raced our read of it: read it again, after the write.
  const reread = await readSets(client, scope, handles, side.changedRoles);
  return { snapshots: { ...snapshots, ...reread }, keep: side.keep };
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
  const { snapshots, keep } = await readWithSideWork(
    client,
    environment.scope,
    handles,
    request.sideWork,
  );
  const allowlist =
    keep.length === 0
      ? request.allowlist
      : normalizeCidrs([...request.allowlist.ipv4, ...request.allowlist.ipv6, ...keep]);

  const before = contentsOf(snapshots);
  const previous = deriveState(before, nameOf);
  const desired = desiredContents(request.command, before, previous.state, allowlist);
  const activeDescription = nextActiveDescription(
    request,
    before,
    desired,
    snapshots['active-ipv4'].description,
    startedAt,
  );

  const roles = rolesToWrite(before, desired);
  if (
    !roles.includes('active-ipv4') &&
    activeDescription !== snapshots['active-ipv4'].description &&
    request.command !== 'status'
  ) {
    roles.unshift('active-ipv4');
  }
  const changes: SetChange[] = roles.map((role) => ({
    role,
    name: nameOf(role),
    from: before[role],
    to: desired[role],
  }));

  let after = before;
  let anyWritten = false;
  let afterActiveDescription = snapshots['active-ipv4'].description;
  if (!request.dryRun && roles.length > 0) {
    const outcomes = await Promise.allSettled(
      roles.map((role) =>
        writeSet(
          client,
          environment.scope,
          snapshots[role],
          (fresh) => ({
            addresses: desired[role],
            description: descriptionFor(role, fresh, snapshots[role], desired, activeDescription),
          }),
          request.sleep,
        ),
      ),
    );
    const failures = outcomes.flatMap((o, i) =>
      o.status === 'rejected' ? [{ role: roles[i]!, error: o.reason as unknown }] : [],
    );
    const written = new Map<SetRole, WriteOutcome>();
    outcomes.forEach((o, i) => {
      if (o.status === 'fulfilled') written.set(roles[i]!, o.value);
    });
    after = Object.fromEntries(
      SET_ROLES.map((r) => [r, written.get(r)?.after.addresses ?? before[r]]),
    ) as SetContents;
    if (failures.length > 0) {
      throw new PartialWriteError(
        request.command,
        environment,
        before,
        after,
        written,
        failures,
        nameOf,
      );
    }
    anyWritten = [...written.values()].some((o) => o.written);
    afterActiveDescription =
      written.get('active-ipv4')?.after.description ?? afterActiveDescription;
  } else if (request.dryRun) {
    after = desired;
    afterActiveDescription = activeDescription;
  }

  const derivedAfter = deriveState(after, nameOf);
  const window = isMaintenanceOn(after) ? openWindow(afterActiveDescription) : undefined;
  const previousWindow = openWindow(snapshots['active-ipv4'].description);
  const ended =
    previousWindow && !isMaintenanceOn(after) && isMaintenanceOn(before)
      ? { ...previousWindow, durationMs: startedAt.getTime() - Date.parse(previousWindow.since) }
      : undefined;

  const record = decodeWindow(afterActiveDescription);
  const last =
    derivedAfter.state === 'normal' && record?.kind === 'closed' ? record.window : undefined;

  return {
    command: request.command,
    environment,
    dryRun: request.dryRun,
    previousState: previous.state,
    state: derivedAfter.state,
    changed: anyWritten,
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
