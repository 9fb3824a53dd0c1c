// Read: all of an environment's switchable state (four IP sets and the bypass set), each Get in
// the same round trip. Finding the sets (the two List calls) is one round trip before it.
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import { regionFor } from '../aws/client.js';
import type { ResourceHandle } from '../aws/find-by-name.js';
import { findIpSets, readIpSet, type IpSetHandle, type IpSetSnapshot } from '../aws/ip-sets.js';
import { findBypassSet, readRegexSet, type RegexSetSnapshot } from '../aws/regex-pattern-sets.js';
import {
  SET_ROLES,
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

export async function findEnvironmentSets(
  client: WAFV2Client,
  environment: Environment,
): Promise<EnvironmentHandles> {
  const { scope, name } = environment;
  const region = regionFor(environment);
  const [ipSets, bypass] = await Promise.allSettled([
    findIpSets(client, scope, region, name),
    findBypassSet(client, scope, region, name),
  ]);
  // Both in one round trip; when both fail, the IP sets' message is the one to act on first.
  if (ipSets.status === 'rejected') throw ipSets.reason;
  if (bypass.status === 'rejected') throw bypass.reason;
  return { ipSets: ipSets.value, bypass: bypass.value };
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
