// The action's post step: when the job ends (success, failure or cancellation) it ends the lease
// the main step took for this runner, and removes the address unless someone else needs it.
import * as core from '@actions/core';
import { createWafClient } from '../aws/client.js';
import { decodeHeldLease, HELD_LEASE_STATE } from '../runner-access/held-lease.js';
import { releaseLease } from '../runner-access/leases.js';

export async function runPost(): Promise<void> {
  const state = core.getState(HELD_LEASE_STATE);
  let held;
  try {
    held = decodeHeldLease(state);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
    return;
  }
  if (!held) {
    core.info('This step gave no runner access; nothing to end.');
    return;
  }
  const { environment, set, lease } = held;
  try {
    const outcome = await releaseLease(
      {
        client: createWafClient(environment),
        scope: environment.scope,
        testerCidrs: held.testerCidrs,
        now: () => new Date(),
      },
      set,
      lease,
    );
    const gone = outcome.change?.from.filter((a) => !outcome.change!.to.includes(a)) ?? [];
    core.info(
      gone.includes(lease.cidr)
        ? `Runner access ended: ${lease.cidr} removed from ${set.name}.`
        : `Runner access ended: ${lease.cidr} stays in ${set.name} (${whyKept(held.testerCidrs, outcome.live, lease.cidr)}).`,
    );
    const expired = outcome.ended.length - 1;
    if (expired > 0) core.info(`Also ended ${expired} expired lease(s) of other jobs.`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    core.setFailed(
      `Could not end this runner's access to ${environment.key} (${set.name}): ${message} ` +
        `${lease.cidr} stays allowed until its lease expires at ${lease.expiresAt.toISOString()}; ` +
        `the first command on ${environment.key} after that removes it. To shut it out now, run allowlist-off.`,
    );
  }
}

function whyKept(
  testerCidrs: readonly string[],
  live: readonly { cidr: string }[],
  cidr: string,
): string {
  if (testerCidrs.length > 0)
    return `a configured tester range covers it: ${testerCidrs.join(', ')}`;
  if (live.some((l) => l.cidr === cidr))
    return 'another job behind the same address still holds a lease';
  return 'it was not in the set any more';
}
