// Finding, reading and writing the `N-bypass` regex pattern set that holds bypass tokens, with
// the same lock-token discipline as the IP sets.
import {
  GetRegexPatternSetCommand,
  ListRegexPatternSetsCommand,
  UpdateRegexPatternSetCommand,
  type WAFV2Client,
} from '@aws-sdk/client-wafv2';
import { sameEntries } from '../domain/bypass-token.js';
import { BYPASS, setName, type Scope } from '../domain/types.js';
import { AwsActionError } from './errors.js';
import { getLocked } from './explained.js';
import { findByName, LIST_PAGE_SIZE, type ResourceHandle } from './find-by-name.js';
import { writeWithLockRetry, type Sleep, type WriteOutcome } from './lock-retry.js';

export interface RegexSetSnapshot extends ResourceHandle {
  /** The regular expressions, in the order the set holds them. */
  readonly entries: readonly string[];
  readonly description: string | undefined;
  readonly lockToken: string;
}

/** One paginated ListRegexPatternSets resolves `${prefix}-bypass`. */
export async function findBypassSet(
  client: WAFV2Client,
  scope: Scope,
  region: string,
  prefix: string,
): Promise<ResourceHandle> {
  const name = setName(prefix, BYPASS);
  const found = await findByName(
    [name],
    async (marker) => {
      const page = await client.send(
        new ListRegexPatternSetsCommand({
          Scope: scope,
          Limit: LIST_PAGE_SIZE,
          NextMarker: marker,
        }),
      );
      return { summaries: page.RegexPatternSets, next: page.NextMarker };
    },
    { operation: 'ListRegexPatternSets', resource: `${scope} regex pattern sets in ${region}` },
  );
  const handle = found.get(name);
  if (!handle) {
    throw new AwsActionError(
      `Missing regex pattern set ${name} (scope ${scope}, region ${region}), which holds bypass tokens. ` +
        `The Terraform module in terraform/ creates it beside the IP sets for name prefix "${prefix}": apply the current module, or check the environment's name, scope and region in the config file.`,
    );
  }
  return handle;
}

export async function readRegexSet(
  client: WAFV2Client,
  scope: Scope,
  handle: ResourceHandle,
): Promise<RegexSetSnapshot> {
  const { resource, lockToken } = await getLocked(
    'GetRegexPatternSet',
    handle.arn,
    client.send(new GetRegexPatternSetCommand({ Name: handle.name, Id: handle.id, Scope: scope })),
    (out) => out.RegexPatternSet,
    'regex pattern set',
  );
  return {
    name: handle.name,
    id: handle.id,
    arn: handle.arn,
    entries: (resource.RegularExpressionList ?? []).flatMap((r) =>
      r.RegexString === undefined ? [] : [r.RegexString],
    ),
    description: resource.Description || undefined,
    lockToken,
  };
}

/**
 * Writes `change(current)` as the set's regular expressions, with its lock token (re-reading and
 * re-applying on a conflict). The description is resent: an update without one clears it.
 */
export function writeRegexSet(
  client: WAFV2Client,
  scope: Scope,
  snapshot: RegexSetSnapshot,
  change: (current: RegexSetSnapshot, afterConflict: boolean) => readonly string[],
  sleep?: Sleep,
): Promise<WriteOutcome<RegexSetSnapshot>> {
  return writeWithLockRetry<RegexSetSnapshot, readonly string[]>(
    snapshot,
    {
      operation: 'UpdateRegexPatternSet',
      change,
      holds: (current, entries) => sameEntries(current.entries, entries),
      send: async (current, entries) => {
        const out = await client.send(
          new UpdateRegexPatternSetCommand({
            Name: current.name,
            Id: current.id,
            Scope: scope,
            RegularExpressionList: entries.map((RegexString) => ({ RegexString })),
            LockToken: current.lockToken,
            ...(current.description ? { Description: current.description } : {}),
          }),
        );
        return {
          ...current,
          entries: [...entries],
          lockToken: out.NextLockToken ?? current.lockToken,
        };
      },
      reread: (current) => readRegexSet(client, scope, current),
    },
    sleep,
  );
}
