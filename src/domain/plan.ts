// What each command wants the four sets to hold, given what they hold now. Pure: no I/O.
import { sortCidrs } from './cidr.js';
import { InputError } from './errors.js';
import { EMPTY_CONTENTS, FULL_ACTIVE, isMaintenanceOn, sameAddresses } from './state.js';
import {
  SET_ROLES,
  type CidrsByFamily,
  type Command,
  type SetContents,
  type SetRole,
  type State,
} from './types.js';

/**
 * Desired contents after `command`. Throws InputError (before any write) when the command
 * makes no sense in the current state, saying what to run instead.
 */
export function desiredContents(
  command: Command,
  current: SetContents,
  state: State,
  allowlist: CidrsByFamily,
): SetContents {
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
      if (allowlist.ipv4.length + allowlist.ipv6.length === 0) {
        throw new InputError({
          message:
            'allowlist-on has no address to allow: the environment has no testers in the config file and no extra CIDRs were given',
          field: 'allowlist',
        });
      }
      return { ...current, 'allow-ipv4': allowlist.ipv4, 'allow-ipv6': allowlist.ipv6 };
    case 'allowlist-off':
      return { ...current, 'allow-ipv4': [], 'allow-ipv6': [] };
  }
}

/** Roles whose contents differ: the only sets a command writes. */
export function rolesToWrite(current: SetContents, desired: SetContents): SetRole[] {
  return SET_ROLES.filter((role) => !sameAddresses(current[role], desired[role]));
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
  const removed = new Set(read.filter((cidr) => !desired.includes(cidr)));
  const merged = new Set([...fresh.filter((cidr) => !removed.has(cidr)), ...desired]);
  return sortCidrs([...merged]);
}
