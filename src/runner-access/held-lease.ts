// What the main step hands to the post step (core.saveState / core.getState): enough to end the
// lease without the config file, the workspace or a ListIPSets call.
import { SCOPES, type Environment } from '../domain/types.js';
import type { IpSetHandle } from '../aws/ip-sets.js';
import type { Lease } from './lease.js';

export const HELD_LEASE_STATE = 'runner-lease';

export interface HeldLease {
  readonly environment: Pick<Environment, 'key' | 'name' | 'scope' | 'region'>;
  /** The allow set of the runner address's family. */
  readonly set: IpSetHandle;
  readonly lease: Lease;
  /** Tester CIDRs covering the address: it stays when the lease ends. */
  readonly testerCidrs: readonly string[];
}

export function encodeHeldLease(held: HeldLease): string {
  return JSON.stringify({
    ...held,
    lease: { ...held.lease, expiresAt: held.lease.expiresAt.toISOString() },
  });
}

/** Undefined when the main step held no lease (state empty); throws on a state it cannot read. */
export function decodeHeldLease(text: string): HeldLease | undefined {
  if (text.trim() === '') return undefined;
  const raw = JSON.parse(text) as {
    environment?: HeldLease['environment'];
    set?: IpSetHandle;
    lease?: { key?: string; cidr?: string; expiresAt?: string };
    testerCidrs?: string[];
  };
  const { environment, set, lease, testerCidrs } = raw;
  const expiresAt = new Date(lease?.expiresAt ?? '');
  if (
    !environment?.name ||
    !SCOPES.includes(environment.scope) ||
    !set?.arn ||
    !set.id ||
    !set.name ||
    !lease?.key ||
    !lease.cidr ||
    Number.isNaN(expiresAt.getTime()) ||
    !Array.isArray(testerCidrs)
  ) {
    throw new Error(`the main step's saved lease is incomplete: ${text}`);
  }
  return {
    environment,
    set,
    lease: { key: lease.key, cidr: lease.cidr, expiresAt },
    testerCidrs,
  };
}
