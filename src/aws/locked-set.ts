// One set written with a lock token (an IP set, a regex pattern set), read and written the same
// way whatever its kind: each kind says only how to Get and Update it and what it holds (SetApi).
// A set read by a configured id (`set-ids`) must carry the name the environment's set has:
// another name means the id is another set's, and nothing may be written through it.
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { Scope } from '../domain/types.js';
import { AwsActionError } from './errors.js';
import { explained } from './explained.js';
import type { ResourceHandle, SetKind } from './find-by-name.js';
import { writeWithLockRetry, type Sleep, type WriteOutcome } from './lock-retry.js';

/** What every set read has, whatever its kind. */
export interface ReadSet {
  readonly name: string;
  readonly id: string;
  readonly arn: string;
  readonly description: string | undefined;
  readonly lockToken: string;
}

interface SetFields {
  readonly Name?: string | undefined;
  readonly ARN?: string | undefined;
  readonly Description?: string | undefined;
}

/** The set's key in every Get and Update call. */
export interface SetKey {
  readonly Name: string;
  readonly Id: string;
  readonly Scope: Scope;
}

export interface UpdateKey extends SetKey {
  readonly LockToken: string;
  readonly Description?: string;
}

/** How one kind of set is read and written. `H` is the handle its reads take (with a role for IP sets). */
export interface SetApi<H extends ResourceHandle, S extends ReadSet & H, U, R extends SetFields> {
  readonly kind: SetKind;
  readonly getOperation: string;
  get(client: WAFV2Client, key: SetKey): Promise<{ resource: R | undefined; lockToken?: string }>;
  /** The kind's own fields of a snapshot, from the Get answer. */
  contents(resource: R, handle: H): Omit<S, keyof ReadSet>;
  readonly updateOperation: string;
  /** Sends the update with the key, lock token and description given; answers the next lock token. */
  update(client: WAFV2Client, key: UpdateKey, update: U): Promise<string | undefined>;
  /** The description to send: Update calls replace every mutable field, an omitted one is cleared. */
  description(current: S, update: U): string | undefined;
  /** The snapshot once `update` is written. */
  written(current: S, update: U): S;
  holds(current: S, update: U): boolean;
}

/** The id asked for names a set with another name: nothing may be written through it. */
export class WrongSetError extends AwsActionError {
  constructor(
    readonly handle: ResourceHandle,
    readonly kind: SetKind,
    readonly actualName: string,
  ) {
    super(`${kind} id ${handle.id} is the set ${actualName}, not ${handle.name}`);
    this.name = 'WrongSetError';
  }
}

/** How messages name the set: its ARN once known, else its name and id. */
function describeSet(kind: SetKind, handle: ResourceHandle): string {
  return handle.arn ?? `${kind} ${handle.name} (id ${handle.id})`;
}

export async function readSet<
  H extends ResourceHandle,
  S extends ReadSet & H,
  U,
  R extends SetFields,
>(api: SetApi<H, S, U, R>, client: WAFV2Client, scope: Scope, handle: H): Promise<S> {
  const label = describeSet(api.kind, handle);
  const key = { Name: handle.name, Id: handle.id, Scope: scope };
  const { resource, lockToken } = await explained(api.getOperation, label, api.get(client, key));
  if (!resource || !lockToken) {
    throw new AwsActionError(
      `${api.getOperation} on ${label} returned no ${api.kind} or lock token`,
    );
  }
  if (resource.Name !== undefined && resource.Name !== handle.name) {
    throw new WrongSetError(handle, api.kind, resource.Name);
  }
  const read: ReadSet = {
    name: handle.name,
    id: handle.id,
    arn: resource.ARN ?? label,
    description: resource.Description || undefined,
    lockToken,
  };
  return { ...read, ...api.contents(resource, handle) } as S;
}

/**
 * Writes `change(current)` into the set with its lock token (re-reading and re-applying on a
 * conflict), resending the description.
 */
export function writeSet<H extends ResourceHandle, S extends ReadSet & H, U, R extends SetFields>(
  api: SetApi<H, S, U, R>,
  client: WAFV2Client,
  scope: Scope,
  snapshot: S,
  change: (current: S, afterConflict: boolean) => U,
  sleep?: Sleep,
): Promise<WriteOutcome<S>> {
  return writeWithLockRetry<S, U>(
    snapshot,
    {
      operation: api.updateOperation,
      change,
      holds: (current, update) => api.holds(current, update),
      send: async (current, update) => {
        const description = api.description(current, update);
        const key = {
          Name: current.name,
          Id: current.id,
          Scope: scope,
          LockToken: current.lockToken,
          ...(description ? { Description: description } : {}),
        };
        const next = await api.update(client, key, update);
        return { ...api.written(current, update), lockToken: next ?? current.lockToken };
      },
      reread: (current) => readSet(api, client, scope, current),
    },
    sleep,
  );
}

/** A kind's read and write functions, for its callers. */
export function setFunctions<
  H extends ResourceHandle,
  S extends ReadSet & H,
  U,
  R extends SetFields,
>(api: SetApi<H, S, U, R>) {
  return {
    read: (client: WAFV2Client, scope: Scope, handle: H): Promise<S> =>
      readSet(api, client, scope, handle),
    write: (
      client: WAFV2Client,
      scope: Scope,
      snapshot: S,
      change: (current: S, afterConflict: boolean) => U,
      sleep?: Sleep,
    ): Promise<WriteOutcome<S>> => writeSet(api, client, scope, snapshot, change, sleep),
  };
}
