// Writes bypass tokens into an environment's `N-bypass` regex pattern set through the real SDK,
// as the action does (one anchored expression per token, written with the set's lock token).
import { randomBytes } from 'node:crypto';
import {
  GetRegexPatternSetCommand,
  ListRegexPatternSetsCommand,
  UpdateRegexPatternSetCommand,
} from '@aws-sdk/client-wafv2';
import { wafClientFor } from '../../sandbox/src/edge/waf-client.js';

/** `mb1-<UTC expiry YYYYMMDDTHHMMSSZ>-<32 base64url characters>`, the contract's token format. */
export function bypassToken(expiresAt: Date): string {
  const expiry = expiresAt.toISOString().replace(/[-:]|\.\d{3}/g, '');
  return `mb1-${expiry}-${randomBytes(24).toString('base64url')}`;
}

/** Replaces the set's tokens (an empty list empties it, as allowlist-off does). */
export async function setBypassTokens(
  endpoint: string,
  region: string,
  name: string,
  tokens: readonly string[],
): Promise<void> {
  const client = wafClientFor(endpoint, region);
  try {
    const { RegexPatternSets = [] } = await client.send(
      new ListRegexPatternSetsCommand({ Scope: 'REGIONAL' }),
    );
    const found = RegexPatternSets.find((s) => s.Name === `${name}-bypass`);
    if (!found?.Id) throw new Error(`no regex pattern set ${name}-bypass`);
    const identity = { Name: found.Name!, Scope: 'REGIONAL' as const, Id: found.Id };
    const { LockToken } = await client.send(new GetRegexPatternSetCommand(identity));
    await client.send(
      new UpdateRegexPatternSetCommand({
        ...identity,
        LockToken: LockToken!,
        RegularExpressionList: tokens.map((token) => ({ RegexString: `^${token}$` })),
      }),
    );
  } finally {
    client.destroy();
  }
}
