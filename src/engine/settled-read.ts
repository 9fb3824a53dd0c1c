// Reading an environment as it was at one instant. Its five Gets are answered one by one: while
// another command writes, one read can combine two moments, and a combination can look like a
// state the sets never held (an `enter` reported maintenance-allowlisted while the sets went
// from maintenance to normal; see test/integration/verify-read.test.ts). WAF gives a set a new
// lock token on every write, so two reads that answer the same five tokens saw sets that did not
// change between them: the environment at one instant.
import { realSleep } from '../aws/lock-retry.js';
import { stateOf } from '../domain/state.js';
import { SET_ROLES, type SetTarget } from '../domain/types.js';
import type { CommandRequest } from './command-request.js';
import {
  contentsOf,
  readEnvironment,
  type EnvironmentHandles,
  type EnvironmentSnapshot,
} from './read-environment.js';

/** Extra reads when a read is inconsistent, or changed since the one before it. */
export const SETTLE_READS = 2;

type NameOf = (target: SetTarget) => string;

/** True when no set was written between the two reads (every lock token the same). */
function sameVersions(a: EnvironmentSnapshot, b: EnvironmentSnapshot): boolean {
  return (
    a.bypass.lockToken === b.bypass.lockToken &&
    SET_ROLES.every((role) => a.ipSets[role].lockToken === b.ipSets[role].lockToken)
  );
}

function isInconsistent(read: EnvironmentSnapshot, nameOf: NameOf, now: () => Date): boolean {
  return stateOf(contentsOf(read), nameOf, now()).state === 'inconsistent';
}

/** A short jittered pause, so that a command half way through its writes can finish them. */
function pause(request: CommandRequest): Promise<void> {
  return (request.sleep ?? realSleep)(20 + Math.floor(Math.random() * 40));
}

/**
 * The first read: an inconsistent one is read again (bounded), so that a command does not act
 * on a state that only existed between two of another command's writes; a truly inconsistent
 * environment stays so. A consistent first read is taken as it is: confirming it would cost
 * every command a round trip.
 */
export async function readSettled(
  request: CommandRequest,
  handles: EnvironmentHandles,
  nameOf: NameOf,
  now: () => Date,
  first: EnvironmentSnapshot,
): Promise<EnvironmentSnapshot> {
  let read = first;
  for (let extra = 0; extra < SETTLE_READS && isInconsistent(read, nameOf, now); extra++) {
    await pause(request);
    read = await readEnvironment(request.client, request.environment, handles);
  }
  return read;
}

/**
 * The verifying read after a command's writes. `known` is the environment as the command last
 * knew it (its writes' answers, its read for the sets it did not write). When every lock token
 * read is the known one, nothing changed since the writes: the read is the environment right
 * after them, with no extra round trip. Otherwise another writer is at work: read again until
 * two reads in a row agree (and are consistent), at most SETTLE_READS more times. `settled` is
 * false when they never agreed: the read may combine two moments and must not be reported.
 */
export async function readVerified(
  request: CommandRequest,
  handles: EnvironmentHandles,
  nameOf: NameOf,
  now: () => Date,
  known: EnvironmentSnapshot,
): Promise<{ read: EnvironmentSnapshot; settled: boolean }> {
  let previous = known;
  let read = await readEnvironment(request.client, request.environment, handles);
  for (let extra = 0; ; extra++) {
    const settled = sameVersions(previous, read);
    if ((settled && !isInconsistent(read, nameOf, now)) || extra >= SETTLE_READS) {
      return { read, settled };
    }
    await pause(request);
    previous = read;
    read = await readEnvironment(request.client, request.environment, handles);
  }
}
