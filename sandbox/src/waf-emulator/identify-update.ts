// What UpdateIPSet and UpdateRegexPatternSet share: the set named (Name, Scope, Id), and the
// request's Description, new contents and LockToken, checked in the model's order. What the
// contents are, and the service's checks after the model's, belong to each set type.
import type { ResourceKind } from './arn.js';
import { identify, type RequestContext } from './context.js';
import { DESCRIPTION_RULE, ID_RULE, type InputChecks } from './input.js';

export function identifyUpdate<K extends ResourceKind, C>(
  ctx: RequestContext,
  kind: K,
  contentsOf: (c: InputChecks) => C,
) {
  let fields: { description: string | undefined; contents: C; lockToken: string } | undefined;
  const set = identify(ctx, kind, (c) => {
    fields = {
      description: c.string('Description', DESCRIPTION_RULE),
      contents: contentsOf(c),
      lockToken: c.string('LockToken', ID_RULE, true),
    };
  });
  // identify runs the checks above before it returns, or throws.
  return { set, ...fields! };
}
