// IP sets: CIDR lists of one address family (the five operations are set-operations.ts').

import { checkAddresses } from './cidr.js';
import { locate, SCOPES } from './context.js';
import type { SetType } from './set-operations.js';
import { ADDRESS_RULE, DESCRIPTION_RULE, NAME_RULE, validated, type Input } from './input.js';
import {
  publicFields,
  replaceDescription,
  type IpSetRecord,
  type Location,
  type ResourceStore,
} from './store.js';
import type { IpAddressVersion, StoredIpSet } from './types.js';

const VERSIONS: readonly IpAddressVersion[] = ['IPV4', 'IPV6'];

export interface NewIpSet {
  name: string;
  ipAddressVersion: IpAddressVersion;
  addresses: readonly string[];
  description?: string | undefined;
  tags: Record<string, string>;
}

function createIpSetRecord(store: ResourceStore, at: Location, set: NewIpSet): IpSetRecord {
  const addresses = checkAddresses(set.addresses, set.ipAddressVersion);
  return store.create<IpSetRecord>({
    kind: 'ipset',
    ...at,
    name: set.name,
    ipAddressVersion: set.ipAddressVersion,
    addresses,
    ...(set.description !== undefined ? { description: set.description } : {}),
    tags: set.tags,
  });
}

/** UpdateIPSet replaces the mutable fields: an omitted Description clears it. */
export function replaceContents(
  set: IpSetRecord,
  addresses: readonly string[],
  description?: string,
): string {
  set.addresses = checkAddresses(addresses, set.ipAddressVersion);
  return replaceDescription(set, description);
}

/** A copy in the public shape, so callers cannot change the store behind its back. */
export function publicIpSet(r: IpSetRecord): StoredIpSet {
  return {
    ...publicFields(r),
    ipAddressVersion: r.ipAddressVersion,
    addresses: [...r.addresses],
    tags: { ...r.tags },
  };
}

/** CreateIPSet's checks and effect, for the API and for direct seeding alike. */
export function createIpSetFromInput(
  store: ResourceStore,
  account: string,
  region: string,
  raw: Input,
): IpSetRecord {
  const input = validated(raw, (c) => ({
    name: c.string('Name', NAME_RULE, true),
    scope: c.oneOf('Scope', SCOPES),
    description: c.string('Description', DESCRIPTION_RULE),
    ipAddressVersion: c.oneOf('IPAddressVersion', VERSIONS),
    addresses: c.strings('Addresses', ADDRESS_RULE, { required: true }),
    tags: c.tags('Tags', { required: false }),
  }));
  return createIpSetRecord(store, locate(account, region, input.scope), input);
}

export const IP_SET: SetType<'ipset', string[], StoredIpSet> = {
  kind: 'ipset',
  noun: 'IPSet',
  listKey: 'IPSets',
  create: createIpSetFromInput,
  shown: (set) => ({ IPAddressVersion: set.ipAddressVersion, Addresses: [...set.addresses] }),
  entriesIn: (c) => c.strings('Addresses', ADDRESS_RULE, { required: true }),
  check: (set, addresses) => {
    checkAddresses(addresses, set.ipAddressVersion);
  },
  replace: replaceContents,
  publicCopy: publicIpSet,
};
