// Finding, reading and writing the four IP sets. The only AWS I/O the engine does.
import {
  GetIPSetCommand,
  ListIPSetsCommand,
  UpdateIPSetCommand,
  type WAFV2Client,
} from '@aws-sdk/client-wafv2';
import { parseCidr, sortCidrs } from '../domain/cidr.js';
import { sameAddresses } from '../domain/state.js';
import { SET_ROLES, setName, type Scope, type SetRole } from '../domain/types.js';
import { AwsActionError, explainAwsError } from './errors.js';

export interface IpSetHandle {
  readonly role: SetRole;
  readonly name: string;
  readonly id: string;
  readonly arn: string;
}

export interface IpSetSnapshot extends IpSetHandle {
  readonly addresses: readonly string[];
  readonly description: string | undefined;
  readonly lockToken: string;
}

/** What a write wants the set to hold, computed from the set's freshest contents. */
export interface IpSetUpdate {
  readonly addresses: readonly string[];
  readonly description: string | undefined;
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lock conflicts are re-read and re-applied this many times before giving up. */
export const MAX_LOCK_CONFLICTS = 10;

const LIST_PAGE_SIZE = 100;

/** One paginated ListIPSets resolves the four sets by name. */
export async function findSets(
  client: WAFV2Client,
  scope: Scope,
  region: string,
  prefix: string,
): Promise<Record<SetRole, IpSetHandle>> {
  const wanted = new Map(SET_ROLES.map((role) => [setName(prefix, role), role]));
  const found = new Map<SetRole, IpSetHandle>();
  let marker: string | undefined;
  do {
    const page = await client
      .send(new ListIPSetsCommand({ Scope: scope, Limit: LIST_PAGE_SIZE, NextMarker: marker }))
      .catch((error: unknown) => {
        throw explainAwsError(error, 'ListIPSets', `${scope} IP sets in ${region}`);
      });
    for (const summary of page.IPSets ?? []) {
      const role = summary.Name === undefined ? undefined : wanted.get(summary.Name);
      if (role && summary.Id && summary.ARN) {
        found.set(role, { role, name: summary.Name!, id: summary.Id, arn: summary.ARN });
      }
    }
    // Stop as soon as all four are known: saves round trips in accounts with many sets.
    marker = found.size === SET_ROLES.length ? undefined : page.NextMarker;
  } while (marker);

  const missing = SET_ROLES.filter((role) => !found.has(role));
  if (missing.length > 0) {
    throw new AwsActionError(
      `Missing IP set${missing.length > 1 ? 's' : ''} ${missing.map((r) => setName(prefix, r)).join(', ')} (scope ${scope}, region ${region}). ` +
        `The Terraform module in terraform/ creates all four (${SET_ROLES.map((r) => setName(prefix, r)).join(', ')}) for name prefix "${prefix}": apply it, or check the environment's name, scope and region in the config file.`,
    );
  }
  return Object.fromEntries(found) as Record<SetRole, IpSetHandle>;
}

/** Addresses written by hand or by other tools compare equal to ours once canonical. */
function canonical(address: string): string {
  const parsed = parseCidr(address);
  return parsed.ok ? parsed.cidr : address.toLowerCase();
}

export async function readSet(
  client: WAFV2Client,
  scope: Scope,
  handle: IpSetHandle,
): Promise<IpSetSnapshot> {
  const out = await client
    .send(new GetIPSetCommand({ Name: handle.name, Id: handle.id, Scope: scope }))
    .catch((error: unknown) => {
      throw explainAwsError(error, 'GetIPSet', handle.arn);
    });
  if (!out.IPSet || !out.LockToken) {
    throw new AwsActionError(`GetIPSet on ${handle.arn} returned no IP set or lock token`);
  }
  return {
    ...handle,
    addresses: sortCidrs((out.IPSet.Addresses ?? []).map(canonical)),
    description: out.IPSet.Description || undefined,
    lockToken: out.LockToken,
  };
}

function isLockConflict(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'WAFOptimisticLockException';
}

function sameUpdate(snapshot: IpSetSnapshot, update: IpSetUpdate): boolean {
  return (
    (snapshot.description ?? '') === (update.description ?? '') &&
    sameAddresses(snapshot.addresses, update.addresses)
  );
}

export interface WriteOutcome {
  /** The set as it is after this call. */
  readonly after: IpSetSnapshot;
  /** False when, after a lock conflict, the fresh contents already were what we wanted. */
  readonly written: boolean;
  /** Lock conflicts met (each cost a re-read and a retry). */
  readonly conflicts: number;
}

/**
 * Writes `change(current)` into the set. UpdateIPSet replaces every mutable field, so the
 * description is always resent. On WAFOptimisticLockException another writer got there first:
 * re-read, re-apply `change` to the fresh contents, and write with the fresh token; a stale
 * token is never reused and a concurrent change is never blindly overwritten.
 */
export async function writeSet(
  client: WAFV2Client,
  scope: Scope,
  snapshot: IpSetSnapshot,
  change: (current: IpSetSnapshot) => IpSetUpdate,
  sleep: Sleep = realSleep,
): Promise<WriteOutcome> {
  let current = snapshot;
  for (let conflicts = 0; ; conflicts++) {
    const update = change(current);
    if (conflicts > 0 && sameUpdate(current, update)) {
      return { after: current, written: false, conflicts };
    }
    try {
      const out = await client.send(
        new UpdateIPSetCommand({
          Name: current.name,
          Id: current.id,
          Scope: scope,
          Addresses: [...update.addresses],
          LockToken: current.lockToken,
          ...(update.description ? { Description: update.description } : {}),
        }),
      );
      const after: IpSetSnapshot = {
        ...current,
        addresses: sortCidrs(update.addresses),
        description: update.description,
        lockToken: out.NextLockToken ?? current.lockToken,
      };
      return { after, written: true, conflicts };
    } catch (error) {
      if (!isLockConflict(error)) throw explainAwsError(error, 'UpdateIPSet', current.arn);
      if (conflicts + 1 >= MAX_LOCK_CONFLICTS) {
        throw new AwsActionError(
          `UpdateIPSet on ${current.arn} lost ${MAX_LOCK_CONFLICTS} lock races in a row: another writer keeps changing this set. Find it (Terraform apply, another workflow) and run the command again.`,
          { cause: error },
        );
      }
      // Jitter spreads out writers that collided so they do not collide again in lockstep.
      await sleep(Math.floor(Math.random() * 50 * (conflicts + 1)));
      current = await readSet(client, scope, current);
    }
  }
}
