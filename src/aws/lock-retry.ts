// WAF's optimistic locking, once for every kind of set: write with the lock token read; on
// WAFOptimisticLockException another writer got there first, so re-read, re-apply the change to
// the fresh contents and write with the fresh token. A stale token is never reused and a
// concurrent change is never blindly overwritten.
import { AwsActionError, explainAwsError } from './errors.js';

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lock conflicts are re-read and re-applied this many times before giving up. */
export const MAX_LOCK_CONFLICTS = 10;

export interface LockedSnapshot {
  readonly name: string;
  readonly arn: string;
  readonly lockToken: string;
}

export interface WriteOutcome<S> {
  /** The set as it is after this call. */
  readonly after: S;
  /** False when, after a lock conflict, the fresh contents already were what we wanted. */
  readonly written: boolean;
  /** Lock conflicts met (each cost a re-read and a retry). */
  readonly conflicts: number;
}

export interface LockedWrite<S extends LockedSnapshot, U> {
  /** The WAF operation, for messages: `UpdateIPSet`. */
  readonly operation: string;
  /** What to write, from the freshest snapshot; `afterConflict` once the first write lost. */
  change(current: S, afterConflict: boolean): U;
  /** True when `current` already holds `update`. */
  holds(current: S, update: U): boolean;
  /** Sends the update with `current.lockToken`; returns the set as written. */
  send(current: S, update: U): Promise<S>;
  reread(current: S): Promise<S>;
}

function isLockConflict(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'WAFOptimisticLockException';
}

export async function writeWithLockRetry<S extends LockedSnapshot, U>(
  snapshot: S,
  write: LockedWrite<S, U>,
  sleep: Sleep = realSleep,
): Promise<WriteOutcome<S>> {
  let current = snapshot;
  for (let conflicts = 0; ; conflicts++) {
    const update = write.change(current, conflicts > 0);
    if (conflicts > 0 && write.holds(current, update)) {
      return { after: current, written: false, conflicts };
    }
    try {
      return { after: await write.send(current, update), written: true, conflicts };
    } catch (error) {
      if (!isLockConflict(error)) throw explainAwsError(error, write.operation, current.arn);
      if (conflicts + 1 >= MAX_LOCK_CONFLICTS) {
        throw new AwsActionError(
          `${write.operation} on ${current.arn} lost ${MAX_LOCK_CONFLICTS} lock races in a row: another writer keeps changing this set. Find it (Terraform apply, another workflow) and run the command again.`,
          { cause: error },
        );
      }
      // Jitter spreads out writers that collided so they do not collide again in lockstep.
      await sleep(Math.floor(Math.random() * 50 * (conflicts + 1)));
      current = await write.reread(current);
    }
  }
}
