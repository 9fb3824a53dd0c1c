// What a command writes, computed from what was read plus the request. Pure: no I/O. The engine
// writes what the plan says, reads again, and plans again: a plan with no writes is the proof
// that the sets hold what the command wants.
import { MAX_BYPASS_ENTRIES, parseEntry, sameEntries } from './bypass-token.js';
import { InputError } from './errors.js';
import {
  EMPTY_CONTENTS,
  FULL_ACTIVE,
  isMaintenanceOn,
  liveEntries,
  sameAddresses,
  stateOf,
} from './state.js';
import {
  BYPASS,
  SET_ROLES,
  type CidrsByFamily,
  type Command,
  type EnvironmentContents,
  type SetContents,
  type SetTarget,
  type State,
} from './types.js';
import { nextActiveDescription, type WindowRequest } from './window-record.js';

export interface PlanRequest extends WindowRequest {
  readonly command: Command;
  /** The environment's testers plus extra CIDRs, normalised. Used by allowlist-on. */
  readonly allowlist: CidrsByFamily;
  /** allowlist-on with a bypass token: the set entry of the new token. */
  readonly bypassEntry?: string;
}

export interface Plan {
  /** What the environment should hold after the command. */
  readonly desired: EnvironmentContents;
  /** The state `desired` makes. */
  readonly state: State;
  /**
   * The sets to write, in phases: the sets of one phase are written together, and a phase starts
   * only when the one before it succeeded. Empty when the environment already is as wanted.
   */
  readonly phases: readonly (readonly SetTarget[])[];
  /** Bypass entries past their expiry that the plan drops. */
  readonly expiredDropped: number;
}

/** Throws InputError (before any write) when the command makes no sense in the state read. */
export function planCommand(
  request: PlanRequest,
  read: EnvironmentContents,
  nameOf: (target: SetTarget) => string,
  now: Date,
): Plan {
  const { command } = request;
  const current = stateOf(read, nameOf, now).state;
  const sets = desiredSets(request, read.sets, current);
  const live = liveEntries(read.bypass, now);
  const bypass = desiredBypass(request, read, live);
  const activeDescription =
    command === 'status'
      ? read.activeDescription
      : nextActiveDescription(request, read.sets, sets, read.activeDescription, now);
  const desired: EnvironmentContents = { sets, activeDescription, bypass };
  return {
    desired,
    state: stateOf(desired, nameOf, now).state,
    phases: command === 'status' ? [] : phasesFor(command, read, desired),
    expiredDropped: read.bypass.filter((e) => !bypass.includes(e) && !live.includes(e)).length,
  };
}

function desiredSets(request: PlanRequest, current: SetContents, state: State): SetContents {
  const { command, allowlist } = request;
  switch (command) {
    case 'status':
      return current;
    case 'exit':
      return EMPTY_CONTENTS;
    case 'enter':
      // Already on: keep the window (and any testers) as they are. Otherwise a new window starts
      // with testers shut out, so a stale allow list left by a broken run never bypasses it.
      return isMaintenanceOn(current)
        ? current
        : {
            ...EMPTY_CONTENTS,
            'active-ipv4': FULL_ACTIVE['active-ipv4'],
            'active-ipv6': FULL_ACTIVE['active-ipv6'],
          };
    case 'allowlist-on':
      if (!isMaintenanceOn(current)) {
        throw new InputError({
          message:
            state === 'normal'
              ? 'allowlist-on needs maintenance mode, and the environment is normal: run `enter` first'
              : `allowlist-on needs maintenance mode, and the environment is ${state}: run \`enter\` (or \`exit\`) to repair it first`,
          field: 'command',
          value: command,
        });
      }
      if (allowlist.ipv4.length + allowlist.ipv6.length === 0 && !request.bypassEntry) {
        throw new InputError({
          message:
            'allowlist-on has no address to allow: the environment has no testers in the config file and no extra CIDRs were given (or use a bypass token)',
          field: 'allowlist',
        });
      }
      return { ...current, 'allow-ipv4': allowlist.ipv4, 'allow-ipv6': allowlist.ipv6 };
    case 'allowlist-off':
      return { ...current, 'allow-ipv4': [], 'allow-ipv6': [] };
  }
}

/**
 * `exit` and `allowlist-off` empty the bypass set; `enter` from off starts with it empty; every
 * other writing command keeps the live entries and drops the expired ones; allowlist-on adds its
 * token, or fails clearly when the set already holds WAF's 10 live tokens.
 */
function desiredBypass(
  request: PlanRequest,
  read: EnvironmentContents,
  live: readonly string[],
): readonly string[] {
  switch (request.command) {
    case 'status':
      return read.bypass;
    case 'exit':
    case 'allowlist-off':
      return [];
    case 'enter':
      return isMaintenanceOn(read.sets) ? live : [];
    case 'allowlist-on': {
      const entry = request.bypassEntry;
      if (!entry || live.includes(entry)) return live;
      if (live.length >= MAX_BYPASS_ENTRIES) {
        const soonest = live
          .map((e) => parseEntry(e).expiresAt)
          .filter((d): d is Date => d !== undefined)
          .sort((a, b) => a.getTime() - b.getTime())[0];
        throw new InputError({
          message:
            `the bypass set is full: it already holds ${live.length} live tokens, WAF's limit per regex pattern set. ` +
            `Wait for one to end (the first expires at ${soonest?.toISOString() ?? 'no known time'}; a job's post step ends its own token), ` +
            'or run allowlist-off to end them all',
          field: 'bypass-token',
          value: true,
        });
      }
      return [...live, entry];
    }
  }
}

/** The targets whose contents differ (and N-active-ipv4 when only its window record changes). */
export function targetsToWrite(
  command: Command,
  read: EnvironmentContents,
  desired: EnvironmentContents,
): SetTarget[] {
  const targets: SetTarget[] = SET_ROLES.filter(
    (role) => !sameAddresses(read.sets[role], desired.sets[role]),
  );
  // The window rides along with an address change. The one description-only write: `enter`
  // finds maintenance on without a recorded window (switched by hand) and records one.
  const recordsWindow = command === 'enter' && desired.activeDescription !== read.activeDescription;
  if (recordsWindow && !targets.includes('active-ipv4')) {
    targets.unshift('active-ipv4');
  }
  if (!sameEntries(read.bypass, desired.bypass)) targets.push(BYPASS);
  return targets;
}

/**
 * Turning maintenance on shuts testers out first (allow sets, bypass tokens), then switches the
 * active sets: a failure between the two never leaves maintenance on with stale testers let in,
 * so running `enter` again always repairs. Everything else is one phase.
 */
function phasesFor(
  command: Command,
  read: EnvironmentContents,
  desired: EnvironmentContents,
): SetTarget[][] {
  const targets = targetsToWrite(command, read, desired);
  if (targets.length === 0) return [];
  const turningOn = !isMaintenanceOn(read.sets) && isMaintenanceOn(desired.sets);
  const shutOut = targets.filter((t) => t === BYPASS || t.startsWith('allow'));
  const rest = targets.filter((t) => !shutOut.includes(t));
  return turningOn && shutOut.length > 0 && rest.length > 0 ? [shutOut, rest] : [targets];
}

/**
 * After a lock conflict: this command's change (what it added to and removed from the set as it
 * read it) applied to the fresh contents, so a concurrent writer's own additions survive.
 */
export function reapplyChange(
  read: readonly string[],
  desired: readonly string[],
  fresh: readonly string[],
): string[] {
  const removed = new Set(read.filter((item) => !desired.includes(item)));
  const merged = new Set([...fresh.filter((item) => !removed.has(item)), ...desired]);
  return [...merged];
}
