// DeleteIPSet and DeleteRegexPatternSet: the lock token must be current, and WAF refuses to delete
// a set while a rule group or web ACL references it.

import { associatedItem } from './aws-error.js';
import { identify, type OperationHandler } from './context.js';
import { referencedArns } from './documents.js';
import { ID_RULE } from './input.js';
import { checkLockToken, type ResourceStore } from './store.js';

/** True while a rule group or web ACL references the resource. */
export function isReferenced(store: ResourceStore, arn: string): boolean {
  return store.all().some((r) => 'document' in r && referencedArns(r.document).includes(arn));
}

export function deleteUnreferenced(kind: 'ipset' | 'regexpatternset'): OperationHandler {
  return (ctx) => {
    let lockToken = '';
    const set = identify(ctx, kind, (c) => {
      lockToken = c.string('LockToken', ID_RULE, true);
    });
    checkLockToken(set, lockToken);
    if (isReferenced(ctx.store, set.arn)) throw associatedItem();
    ctx.store.delete(set);
    return {};
  };
}
