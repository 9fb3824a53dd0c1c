// CreateIPSet, GetIPSet, ListIPSets, UpdateIPSet, DeleteIPSet.

import { checkAddresses } from './cidr.js';
import {
  identify,
  listSummaries,
  locate,
  namedFields,
  SCOPES,
  summary,
  type OperationHandler,
  type RequestContext,
} from './context.js';
import { identifyUpdate } from './identify-update.js';
import { deleteUnreferenced } from './set-deletion.js';
import { ADDRESS_RULE, DESCRIPTION_RULE, NAME_RULE, validated, type Input } from './input.js';
import {
  checkLockToken,
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

const createIpSet: OperationHandler = (ctx) => ({
  Summary: summary(createIpSetFromInput(ctx.store, ctx.account, ctx.region, ctx.input)),
});

const getIpSet: OperationHandler = (ctx) => {
  const set = identify(ctx, 'ipset');
  return {
    IPSet: {
      ...namedFields(set),
      IPAddressVersion: set.ipAddressVersion,
      Addresses: [...set.addresses],
    },
    LockToken: set.lockToken,
  };
};

/** Called right before an update is applied: the place a concurrent writer can get in first. */
export type BeforeUpdate = (set: IpSetRecord) => void;

export function updateIpSet(beforeUpdate: BeforeUpdate): OperationHandler {
  return (ctx: RequestContext) => {
    const update = identifyUpdate(ctx, 'ipset', (c) =>
      c.strings('Addresses', ADDRESS_RULE, { required: true }),
    );
    const { set, contents: addresses } = update;
    // Bad addresses are reported before the lock token, and change nothing.
    checkAddresses(addresses, set.ipAddressVersion);
    beforeUpdate(set);
    checkLockToken(set, update.lockToken);
    return { NextLockToken: replaceContents(set, addresses, update.description) };
  };
}

export function ipSetOperations(beforeUpdate: BeforeUpdate): Record<string, OperationHandler> {
  return {
    CreateIPSet: createIpSet,
    GetIPSet: getIpSet,
    ListIPSets: (ctx) => listSummaries(ctx, 'ipset', 'IPSets'),
    UpdateIPSet: updateIpSet(beforeUpdate),
    DeleteIPSet: deleteUnreferenced('ipset'),
  };
}
