// Finding (in a ListRegexPatternSets listing), reading and writing the `N-bypass` regex pattern
// set that holds bypass tokens, with the same lock-token discipline as the IP sets (locked-set.ts).
import {
  GetRegexPatternSetCommand,
  UpdateRegexPatternSetCommand,
  type RegexPatternSet,
  type WAFV2Client,
} from '@aws-sdk/client-wafv2';
import { sameEntries } from '../domain/bypass-token.js';
import { BYPASS, setName, type Scope } from '../domain/types.js';
import { AwsActionError } from './errors.js';
import { listSets, type Listing, type ResourceHandle } from './find-by-name.js';
import { setFunctions, type ReadSet, type SetApi } from './locked-set.js';

export interface RegexSetSnapshot extends ReadSet {
  /** The regular expressions, in the order the set holds them. */
  readonly entries: readonly string[];
}

/** `${prefix}-bypass` from a ListRegexPatternSets listing (see listSets), or what to do without it. */
export function bypassHandle(
  listing: Listing,
  where: { readonly scope: Scope; readonly region: string; readonly prefix: string },
): ResourceHandle {
  const { scope, region, prefix } = where;
  const name = setName(prefix, BYPASS);
  const handle = listing.byName.get(name);
  if (!handle) {
    throw new AwsActionError(
      `Missing regex pattern set ${name} (scope ${scope}, region ${region}), which holds bypass tokens. ` +
        `The Terraform module in terraform/ creates it beside the IP sets for name prefix "${prefix}": apply the current module, or check the environment's name, scope and region in the config file.`,
    );
  }
  return handle;
}

/** One paginated ListRegexPatternSets resolves `${prefix}-bypass` (the post step's way in). */
export async function findBypassSet(
  client: WAFV2Client,
  scope: Scope,
  region: string,
  prefix: string,
): Promise<ResourceHandle> {
  const where = { scope, region, prefix };
  const names = [setName(prefix, BYPASS)];
  return bypassHandle(await listSets(client, 'regex pattern set', where, { names }), where);
}

/** GetRegexPatternSet and UpdateRegexPatternSet. */
const REGEX_SETS: SetApi<ResourceHandle, RegexSetSnapshot, readonly string[], RegexPatternSet> = {
  kind: 'regex pattern set',
  getOperation: 'GetRegexPatternSet',
  get: async (client, key) => {
    const out = await client.send(new GetRegexPatternSetCommand(key));
    return {
      resource: out.RegexPatternSet,
      ...(out.LockToken ? { lockToken: out.LockToken } : {}),
    };
  },
  contents: (resource) => ({
    entries: (resource.RegularExpressionList ?? []).flatMap((r) =>
      r.RegexString === undefined ? [] : [r.RegexString],
    ),
  }),
  updateOperation: 'UpdateRegexPatternSet',
  update: async (client, key, entries) => {
    const RegularExpressionList = entries.map((RegexString) => ({ RegexString }));
    return (await client.send(new UpdateRegexPatternSetCommand({ ...key, RegularExpressionList })))
      .NextLockToken;
  },
  // The tokens are what changes: the set's own description stays.
  description: (current) => current.description,
  written: (current, entries) => ({ ...current, entries: [...entries] }),
  holds: (current, entries) => sameEntries(current.entries, entries),
};

/** Reads the set (one GetRegexPatternSet) and writes `change(current)` as its regular expressions. */
export const { read: readRegexSet, write: writeRegexSet } = setFunctions(REGEX_SETS);
