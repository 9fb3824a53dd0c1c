// IPSet and RegexPatternSet: a named list of entries with a lock token, and the same five
// operations on each. Update checks in the model's order (the set named, Description, the new
// entries, LockToken), then the service's checks of the entries before the lock token, so a bad
// update changes nothing. What the entries are and how they are checked is each SetType's.
import type { ResourceKind } from './arn.js';
import { identify, listSummaries, namedFields, summary, type OperationHandler } from './context.js';
import { identifyUpdate } from './identify-update.js';
import type { Input, InputChecks } from './input.js';
import { deleteUnreferenced } from './set-deletion.js';
import {
  checkLockToken,
  type IpSetRecord,
  type RegexPatternSetRecord,
  type ResourceStore,
} from './store.js';

export type SetKind = Extract<ResourceKind, 'ipset' | 'regexpatternset'>;
export type SetRecord<K extends SetKind> = Extract<
  IpSetRecord | RegexPatternSetRecord,
  { kind: K }
>;

export interface SetType<K extends SetKind, Entries, Public> {
  readonly kind: K;
  /** The API's noun (CreateIPSet, GetRegexPatternSet, ...), also Get's response member. */
  readonly noun: 'IPSet' | 'RegexPatternSet';
  readonly listKey: 'IPSets' | 'RegexPatternSets';
  /** Create's checks and effect, for the API and for direct seeding alike. */
  readonly create: (
    store: ResourceStore,
    account: string,
    region: string,
    raw: Input,
  ) => SetRecord<K>;
  /** Get's members besides Name, Id, ARN and Description. */
  readonly shown: (set: SetRecord<K>) => Record<string, unknown>;
  /** Update's new entries, with the model's checks only. */
  readonly entriesIn: (c: InputChecks) => Entries;
  /** The service's checks of new entries for this set: throws, changes nothing. */
  readonly check: (set: SetRecord<K>, entries: Entries) => void;
  /** Replaces the entries and the Description (an omitted one clears it); the new lock token. */
  readonly replace: (set: SetRecord<K>, entries: Entries, description?: string) => string;
  /** A copy in the public shape, so callers cannot change the store behind its back. */
  readonly publicCopy: (set: SetRecord<K>) => Public;
}

/** Called right before an update is applied: the place a concurrent writer can get in first. */
export type BeforeUpdate<K extends SetKind> = (set: SetRecord<K>) => void;

export function setOperations<K extends SetKind, Entries, Public>(
  type: SetType<K, Entries, Public>,
  beforeUpdate: BeforeUpdate<K> = () => undefined,
): Record<string, OperationHandler> {
  return {
    [`Create${type.noun}`]: (ctx) => ({
      Summary: summary(type.create(ctx.store, ctx.account, ctx.region, ctx.input)),
    }),
    [`Get${type.noun}`]: (ctx) => {
      const set: SetRecord<K> = identify(ctx, type.kind);
      return { [type.noun]: { ...namedFields(set), ...type.shown(set) }, LockToken: set.lockToken };
    },
    [`List${type.noun}s`]: (ctx) => listSummaries(ctx, type.kind, type.listKey),
    [`Update${type.noun}`]: (ctx) => {
      const { set, contents, description, lockToken } = identifyUpdate(
        ctx,
        type.kind,
        type.entriesIn,
      );
      type.check(set, contents);
      beforeUpdate(set);
      checkLockToken(set, lockToken);
      return { NextLockToken: type.replace(set, contents, description) };
    },
    [`Delete${type.noun}`]: deleteUnreferenced(type.kind),
  };
}

/** Another writer's change (a test's, or a raced update's): new entries, Description kept. */
export function overwrite<K extends SetKind, Entries, Public>(
  type: SetType<K, Entries, Public>,
  set: SetRecord<K>,
  entries: Entries,
): void {
  type.replace(set, entries, set.description);
}
