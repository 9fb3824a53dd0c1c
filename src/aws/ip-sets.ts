// Finding, reading and writing the four IP sets.
import {
  GetIPSetCommand,
  ListIPSetsCommand,
  UpdateIPSetCommand,
  type WAFV2Client,
} from '@aws-sdk/client-wafv2';
import { parseCidr, sortCidrs } from '../domain/cidr.js';
import { sameAddresses } from '../domain/state.js';
import { SET_ROLES, setName, type Scope, type SetRole } from '../domain/types.js';
import { AwsActionError } from './errors.js';
import { getLocked } from './explained.js';
import { findByName, LIST_PAGE_SIZE, type ResourceHandle } from './find-by-name.js';
import { writeWithLockRetry, type Sleep, type WriteOutcome } from './lock-retry.js';

export interface IpSetHandle extends ResourceHandle {
  readonly role: SetRole;
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

/** One paginated ListIPSets resolves the four sets by name. */
export async function findIpSets(
  client: WAFV2Client,
  scope: Scope,
  region: string,
  prefix: string,
): Promise<Record<SetRole, IpSetHandle>> {
  const names = SET_ROLES.map((role) => setName(prefix, role));
  const found = await findByName(
    names,
    async (marker) => {
      const page = await client.send(
        new ListIPSetsCommand({ Scope: scope, Limit: LIST_PAGE_SIZE, NextMarker: marker }),
      );
      return { summaries: page.IPSets, next: page.NextMarker };
    },
    { operation: 'ListIPSets', resource: `${scope} IP sets in ${region}` },
  );
  const missing = SET_ROLES.filter((role) => !found.has(setName(prefix, role)));
  if (missing.length > 0) {
    throw new AwsActionError(
      `Missing IP set${missing.length > 1 ? 's' : ''} ${missing.map((r) => setName(prefix, r)).join(', ')} (scope ${scope}, region ${region}). ` +
        `The Terraform module in terraform/ creates all four (${names.join(', ')}) for name prefix "${prefix}": apply it, or check the environment's name, scope and region in the config file.`,
    );
  }
  return Object.fromEntries(
    SET_ROLES.map((role) => [role, { ...found.get(setName(prefix, role))!, role }]),
  ) as Record<SetRole, IpSetHandle>;
}

/** Addresses written by hand or by other tools compare equal to ours once canonical. */
function canonical(address: string): string {
  const parsed = parseCidr(address);
  return parsed.ok ? parsed.cidr : address.toLowerCase();
}

export async function readIpSet(
  client: WAFV2Client,
  scope: Scope,
  handle: IpSetHandle,
): Promise<IpSetSnapshot> {
  const { resource, lockToken } = await getLocked(
    'GetIPSet',
    handle.arn,
    client.send(new GetIPSetCommand({ Name: handle.name, Id: handle.id, Scope: scope })),
    (out) => out.IPSet,
    'IP set',
  );
  return {
    name: handle.name,
    id: handle.id,
    arn: handle.arn,
    role: handle.role,
    addresses: sortCidrs((resource.Addresses ?? []).map(canonical)),
    description: resource.Description || undefined,
    lockToken,
  };
}

/**
 * Writes `change(current)` into the set with its lock token (re-reading and re-applying on a
 * conflict). UpdateIPSet replaces every mutable field, so the description is always resent.
 */
export function writeIpSet(
  client: WAFV2Client,
  scope: Scope,
  snapshot: IpSetSnapshot,
  change: (current: IpSetSnapshot, afterConflict: boolean) => IpSetUpdate,
  sleep?: Sleep,
): Promise<WriteOutcome<IpSetSnapshot>> {
  return writeWithLockRetry<IpSetSnapshot, IpSetUpdate>(
    snapshot,
    {
      operation: 'UpdateIPSet',
      change,
      holds: (current, update) =>
        (current.description ?? '') === (update.description ?? '') &&
        sameAddresses(current.addresses, update.addresses),
      send: async (current, update) => {
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
        return {
          ...current,
          addresses: sortCidrs(update.addresses),
          description: update.description,
          lockToken: out.NextLockToken ?? current.lockToken,
        };
      },
      reread: (current) => readIpSet(client, scope, current),
    },
    sleep,
  );
}
