// Finding (in a ListIPSets listing), reading and writing the four IP sets.
import { GetIPSetCommand, UpdateIPSetCommand, type IPSet } from '@aws-sdk/client-wafv2';
import { parseCidr, sortCidrs } from '../domain/cidr.js';
import { sameAddresses } from '../domain/state.js';
import { SET_ROLES, setName, type Scope, type SetRole } from '../domain/types.js';
import { AwsActionError } from './errors.js';
import type { Listing, ResourceHandle } from './find-by-name.js';
import { setFunctions, type ReadSet, type SetApi } from './locked-set.js';

export interface IpSetHandle extends ResourceHandle {
  readonly role: SetRole;
}

export interface IpSetSnapshot extends ReadSet {
  readonly role: SetRole;
  readonly addresses: readonly string[];
}

/** What a write wants the set to hold, computed from the set's freshest contents. */
export interface IpSetUpdate {
  readonly addresses: readonly string[];
  readonly description: string | undefined;
}

/**
 * The sets of `roles` from a ListIPSets listing (see listSets), or a message that names the
 * missing ones and says where they come from.
 */
export function ipSetHandles(
  listing: Listing,
  where: { readonly scope: Scope; readonly region: string; readonly prefix: string },
  roles: readonly SetRole[] = SET_ROLES,
): Partial<Record<SetRole, IpSetHandle>> {
  const { scope, region, prefix } = where;
  const missing = roles.filter((role) => !listing.byName.has(setName(prefix, role)));
  if (missing.length > 0) {
    const all = SET_ROLES.map((role) => setName(prefix, role));
    throw new AwsActionError(
      `Missing IP set${missing.length > 1 ? 's' : ''} ${missing.map((r) => setName(prefix, r)).join(', ')} (scope ${scope}, region ${region}). ` +
        `The Terraform module in terraform/ creates all four (${all.join(', ')}) for name prefix "${prefix}": apply it, or check the environment's name, scope and region in the config file.`,
    );
  }
  return Object.fromEntries(
    roles.map((role) => [role, { ...listing.byName.get(setName(prefix, role))!, role }]),
  );
}

/** Addresses written by hand or by other tools compare equal to ours once canonical. */
function canonical(address: string): string {
  const parsed = parseCidr(address);
  return parsed.ok ? parsed.cidr : address.toLowerCase();
}

/** GetIPSet and UpdateIPSet. */
const IP_SETS: SetApi<IpSetHandle, IpSetSnapshot, IpSetUpdate, IPSet> = {
  kind: 'IP set',
  getOperation: 'GetIPSet',
  get: async (client, key) => {
    const out = await client.send(new GetIPSetCommand(key));
    return { resource: out.IPSet, ...(out.LockToken ? { lockToken: out.LockToken } : {}) };
  },
  contents: (resource, handle) => ({
    role: handle.role,
    addresses: sortCidrs((resource.Addresses ?? []).map(canonical)),
  }),
  updateOperation: 'UpdateIPSet',
  update: async (client, key, update) =>
    (await client.send(new UpdateIPSetCommand({ ...key, Addresses: [...update.addresses] })))
      .NextLockToken,
  description: (_current, update) => update.description,
  written: (current, update) => ({
    ...current,
    addresses: sortCidrs(update.addresses),
    description: update.description,
  }),
  holds: (current, update) =>
    (current.description ?? '') === (update.description ?? '') &&
    sameAddresses(current.addresses, update.addresses),
};

/** Reads the set (one GetIPSet) and writes `change(current)` into it (see writeSet). */
export const { read: readIpSet, write: writeIpSet } = setFunctions(IP_SETS);
