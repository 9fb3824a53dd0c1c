// Write: each set the plan names, at most once per round, phase after phase; the sets of a phase
// in parallel. A lock conflict re-applies the change to the fresh contents: absolute for the IP
// sets (they must hold exactly this), a merge for the bypass set (other jobs' tokens survive).
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import { writeIpSet, type IpSetSnapshot } from '../aws/ip-sets.js';
import type { Sleep, WriteOutcome } from '../aws/lock-retry.js';
import { writeRegexSet, type RegexSetSnapshot } from '../aws/regex-pattern-sets.js';
import { MAX_BYPASS_ENTRIES } from '../domain/bypass-token.js';
import { AwsActionError } from '../aws/errors.js';
import { reapplyChange, type Plan } from '../domain/plan.js';
import { BYPASS, type Command, type Environment, type SetTarget } from '../domain/types.js';
import { descriptionFor } from '../domain/window-record.js';
import type { EnvironmentSnapshot } from './read-environment.js';

export interface WriteRound {
  /** The environment as this run knows it: written sets as WAF's answers say, the others as read. */
  readonly after: EnvironmentSnapshot;
  /** Sets this run really wrote (not those a concurrent writer had already switched). */
  readonly written: readonly SetTarget[];
  /**
   * Writes that failed (the round stopped after their phase). A failure is not proof that
   * nothing changed: a write whose answer was lost may have been applied (see run-command.ts).
   */
  readonly failures: WriteFailures;
}

/** Each set whose write failed, and its error: a set is written at most once per round. */
export type WriteFailures = ReadonlyMap<SetTarget, unknown>;

export interface WriteContext {
  readonly client: WAFV2Client;
  readonly command: Command;
  readonly environment: Environment;
  readonly nameOf: (target: SetTarget) => string;
  readonly now: () => Date;
  readonly sleep?: Sleep | undefined;
}

export async function writePlan(
  ctx: WriteContext,
  read: EnvironmentSnapshot,
  plan: Plan,
): Promise<WriteRound> {
  let after = read;
  const written: SetTarget[] = [];
  for (const phase of plan.phases) {
    const outcomes = await Promise.allSettled(
      phase.map((target) => writeTarget(ctx, read, plan, target)),
    );
    const failures = new Map<SetTarget, unknown>();
    outcomes.forEach((outcome, i) => {
      const target = phase[i]!;
      if (outcome.status === 'rejected') {
        failures.set(target, outcome.reason as unknown);
        return;
      }
      if (outcome.value.written) written.push(target);
      after =
        target === BYPASS
          ? { ...after, bypass: outcome.value.after as RegexSetSnapshot }
          : {
              ...after,
              ipSets: { ...after.ipSets, [target]: outcome.value.after as IpSetSnapshot },
            };
    });
    // A later phase never starts after a failed one (enter shuts testers out first).
    if (failures.size > 0) return { after, written, failures };
  }
  return { after, written, failures: new Map() };
}

function writeTarget(
  ctx: WriteContext,
  read: EnvironmentSnapshot,
  plan: Plan,
  target: SetTarget,
): Promise<WriteOutcome<IpSetSnapshot | RegexSetSnapshot>> {
  const { client, environment } = ctx;
  if (target === BYPASS) {
    const desired = plan.desired.bypass;
    return writeRegexSet(
      client,
      environment.scope,
      read.bypass,
      (fresh, afterConflict) => {
        if (!afterConflict || desired.length === 0) return desired;
        const merged = reapplyChange(read.bypass.entries, desired, fresh.entries);
        if (merged.length > MAX_BYPASS_ENTRIES) {
          throw new AwsActionError(
            `the bypass set ${fresh.name} is full: other jobs took its last free places (${MAX_BYPASS_ENTRIES} live tokens, WAF's limit per regex pattern set) while this one ran. Wait for a token to end (a job's post step ends its own), or run allowlist-off to end them all.`,
          );
        }
        return merged;
      },
      ctx.sleep,
    );
  }
  const role = target;
  const desired = plan.desired.sets[role];
  return writeIpSet(
    client,
    environment.scope,
    read.ipSets[role],
    (fresh, afterConflict) => {
      return {
        addresses: desired,
        description: descriptionFor(
          role,
          fresh,
          afterConflict,
          desired,
          plan.desired.activeDescription,
        ),
      };
    },
    ctx.sleep,
  );
}
