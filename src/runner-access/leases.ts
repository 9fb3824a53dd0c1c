// Granting and ending runner access: lease tags plus additive/subtractive edits of an allow set.
//
// Crash safety comes from the order of the two separate API calls:
// - acquire writes the lease tag first, then the address. A crash in between leaves a lease
//   without an address: harmless, it expires and is pruned. The other order could leave an
//   address no lease accounts for, open forever.
// - ending removes the address first, then the tag. A crash in between leaves a lease whose
//   address is gone: harmless again. Untagging first could strand the address the same way.
// - two jobs behind one NAT: a job ending reads the leases, removes the address if no other
//   live lease holds it, then reads the leases again and puts the address back if a lease
//   appeared meanwhile. Any interleaving with another job's tag-then-add ends with the
//   address present while a live lease holds it (at worst it is missing for a moment).
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import { cidrContains, sortCidrs } from '../domain/cidr.js';
import { sameAddresses } from '../domain/state.js';
import type { Scope } from '../domain/types.js';
import { readSet, writeSet, type IpSetHandle, type Sleep } from '../aws/ip-sets.js';
import { addressOf, isExpired, releasableCidrs, type Lease } from './lease.js';
import { deleteLeases, readLeases, writeLease } from './lease-tags.js';

export interface LeaseContext {
  readonly client: WAFV2Client;
  readonly scope: Scope;
  /** Tester CIDRs from the config: an address they cover never leaves the allow set. */
  readonly testerCidrs: readonly string[];
  readonly now: () => Date;
  readonly sleep?: Sleep;
}

/** What happened to one allow set's addresses. */
export interface AddressChange {
  readonly set: IpSetHandle;
  readonly from: readonly string[];
  readonly to: readonly string[];
}

export interface EndOutcome {
  /** Leases whose tags were deleted. */
  readonly ended: readonly Lease[];
  /** Leases still live on the set afterwards. */
  readonly live: readonly Lease[];
  /** Set when addresses left (or came back to) the set. */
  readonly change?: AddressChange;
}

async function editAddresses(
  ctx: LeaseContext,
  set: IpSetHandle,
  edit: (addresses: readonly string[]) => string[],
): Promise<AddressChange | undefined> {
  const snapshot = await readSet(ctx.client, ctx.scope, set);
  if (sameAddresses(edit(snapshot.addresses), snapshot.addresses)) return undefined;
  // writeSet re-applies `edit` to fresh contents after a lock conflict: never a stale full list.
  const outcome = await writeSet(
    ctx.client,
    ctx.scope,
    snapshot,
    (fresh) => ({ addresses: edit(fresh.addresses), description: fresh.description }),
    ctx.sleep,
  );
  return { set, from: snapshot.addresses, to: outcome.after.addresses };
}

/**
 * Lets `lease.cidr` through `set` for this job: the tag, then the address unless the set already
 * covers it. Costs 1 TagResource + at most 1 UpdateIPSet (plus 1 GetIPSet).
 */
export async function acquireLease(
  ctx: LeaseContext,
  set: IpSetHandle,
  lease: Lease,
): Promise<AddressChange | undefined> {
  await writeLease(ctx.client, set.arn, lease);
  const address = addressOf(lease.cidr);
  return editAddresses(ctx, set, (addresses) =>
    cidrContains(addresses, address) ? [...addresses] : sortCidrs([...addresses, lease.cidr]),
  );
}

/**
 * Ends `ending` (leases on `set`; `all` is what the set carried when read). Addresses no other
 * live lease or tester needs leave the set first, then the tags go. Costs at most 1 UpdateIPSet
 * + 1 UntagResource (plus reads), and one more UpdateIPSet in the rare race described above.
 */
export async function endLeases(
  ctx: LeaseContext,
  set: IpSetHandle,
  ending: readonly Lease[],
  all: readonly Lease[],
): Promise<EndOutcome> {
  const endingKeys = new Set(ending.map((l) => l.key));
  const remaining = all.filter((l) => !endingKeys.has(l.key));
  const now = ctx.now();
  const release = releasableCidrs(ending, remaining, ctx.testerCidrs, now);
  let change =
    release.length === 0
      ? undefined
      : await editAddresses(ctx, set, (addresses) => addresses.filter((a) => !release.includes(a)));
  await deleteLeases(ctx.client, set.arn, ending);

  let live = remaining.filter((l) => !isExpired(l, now));
  if (change) {
    // A job may have taken a lease on a removed address while we decided: give it back.
    live = (await readLeases(ctx.client, set.arn)).filter((l) => !isExpired(l, ctx.now()));
    const removed = change.from.filter((a) => !change!.to.includes(a));
    const wanted = removed.filter((cidr) => live.some((l) => l.cidr === cidr));
    if (wanted.length > 0) {
      const restore = await editAddresses(ctx, set, (addresses) =>
        sortCidrs([...new Set([...addresses, ...wanted])]),
      );
      if (restore) change = { set, from: change.from, to: restore.to };
    }
  }
  return { ended: ending, live, ...(change ? { change } : {}) };
}

/** Ends the expired leases on `set`. Costs 1 ListTagsForResource when none has expired. */
export async function pruneExpiredLeases(ctx: LeaseContext, set: IpSetHandle): Promise<EndOutcome> {
  const all = await readLeases(ctx.client, set.arn);
  const now = ctx.now();
  const expired = all.filter((l) => isExpired(l, now));
  if (expired.length === 0) return { ended: [], live: all };
  return endLeases(ctx, set, expired, all);
}

/**
 * Ends this job's lease (and, in the same writes, any expired ones). `own` is what the job
 * saved: if its tag is already gone (pruned, or removed by hand) its address is still released.
 */
export async function releaseLease(
  ctx: LeaseContext,
  set: IpSetHandle,
  own: Lease,
): Promise<EndOutcome> {
  const all = await readLeases(ctx.client, set.arn);
  const now = ctx.now();
  const others = all.filter((l) => l.key !== own.key);
  const ending = [own, ...others.filter((l) => isExpired(l, now))];
  return endLeases(ctx, set, ending, [own, ...others]);
}
