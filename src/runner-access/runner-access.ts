// The action's side of `allow-runner`: prune expired leases before the command, then give this
// runner a lease after it. The post step (src/post) ends the lease.
import { randomBytes } from 'node:crypto';
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import { cidrContains } from '../domain/cidr.js';
import type { Environment, Family, SetRole } from '../domain/types.js';
import type { IpSetHandle } from '../aws/ip-sets.js';
import type { HeldLease } from './held-lease.js';
import { addressOf, isExpired, leaseKey, type JobIdentity, type Lease } from './lease.js';
import { readLeases } from './lease-tags.js';
import {
  acquireLease,
  pruneExpiredLeases,
  type AddressChange,
  type EndOutcome,
  type LeaseContext,
} from './leases.js';
import type { RunnerAddress } from './runner-address.js';

export interface PreparedAccess {
  readonly ctx: LeaseContext;
  readonly environment: Environment;
  readonly sets: Readonly<Record<Family, IpSetHandle>>;
  /** Live leases on both allow sets: allowlist-on must keep their addresses. */
  readonly live: readonly Lease[];
  /** Expired leases ended by this call (empty under dry-run, which writes nothing). */
  readonly pruned: readonly EndOutcome[];
}

/**
 * Ends expired leases on the allow sets (every command does, so a job killed before its post
 * step cannot leave access open past its lease). Costs 2 ListTagsForResource when nothing has
 * expired, run beside the engine's reads; `write: false` (dry-run) only reads.
 */
export async function prepareRunnerAccess(
  handles: Readonly<Record<SetRole, IpSetHandle>>,
  environment: Environment,
  ctx: LeaseContext,
  options: { write: boolean },
): Promise<PreparedAccess> {
  const sets = { IPV4: handles['allow-ipv4'], IPV6: handles['allow-ipv6'] };
  const outcomes = await Promise.all(
    Object.values(sets).map(async (set) => {
      if (options.write) return pruneExpiredLeases(ctx, set);
      const now = ctx.now();
      const live = (await readLeases(ctx.client, set.arn)).filter((l) => !isExpired(l, now));
      return { ended: [], live };
    }),
  );
  return {
    ctx,
    environment,
    sets,
    live: outcomes.flatMap((o) => o.live),
    pruned: outcomes.filter((o) => o.ended.length > 0),
  };
}

export interface Grant {
  readonly held: HeldLease;
  /** Undefined when the allow set already let the address through. */
  readonly change?: AddressChange;
}

/** Gives this job a lease on its runner's address and puts the address in the allow set. */
export async function grantRunnerAccess(
  prepared: PreparedAccess,
  address: RunnerAddress,
  job: JobIdentity,
  durationMs: number,
): Promise<Grant> {
  const { ctx, environment } = prepared;
  const set = prepared.sets[address.family];
  const lease: Lease = {
    key: leaseKey(job),
    cidr: address.cidr,
    expiresAt: new Date(ctx.now().getTime() + durationMs),
  };
  const change = await acquireLease(ctx, set, lease);
  const held: HeldLease = {
    environment: {
      key: environment.key,
      name: environment.name,
      scope: environment.scope,
      region: environment.region,
    },
    set,
    lease,
    testerCidrs: ctx.testerCidrs.filter((cidr) => cidrContains([cidr], addressOf(address.cidr))),
  };
  return { held, ...(change ? { change } : {}) };
}

/** The job as GitHub names it, plus a random nonce that tells matrix legs apart. */
export function jobIdentity(env: NodeJS.ProcessEnv): JobIdentity {
  return {
    runId: env.GITHUB_RUN_ID || 'local',
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    job: env.GITHUB_JOB || 'job',
    nonce: randomBytes(4).toString('hex'),
  };
}

export function leaseContext(
  client: WAFV2Client,
  environment: Environment,
  testerCidrs: readonly string[],
): LeaseContext {
  return { client, scope: environment.scope, testerCidrs, now: () => new Date() };
}
