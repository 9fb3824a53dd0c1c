// A fresh bypass token for allowlist-on: 24 random bytes from the OS, the expiry in the token
// itself, and the tester link when the environment has a public address.
import { randomBytes } from 'node:crypto';
import {
  BYPASS_QUERY_PARAMETER,
  entryFor,
  formatToken,
  TOKEN_RANDOM_BYTES,
} from '../domain/bypass-token.js';
import type { Environment } from '../domain/types.js';

export interface IssuedBypassToken {
  /** The secret: mask it (core.setSecret) before anything can print it. */
  readonly token: string;
  /** The regex pattern set entry that lets exactly this token through. */
  readonly entry: string;
  readonly expiresAt: Date;
  /** `url?maintenance-bypass=<token>`, when the environment has a `url:`. */
  readonly url?: string;
}

export function issueBypassToken(
  environment: Environment,
  now: Date,
  ttlMs: number,
): IssuedBypassToken {
  // The token spells its expiry to the second; round down so it never outlives the ttl.
  const expiresAt = new Date(Math.floor((now.getTime() + ttlMs) / 1000) * 1000);
  const token = formatToken(expiresAt, randomBytes(TOKEN_RANDOM_BYTES));
  return { token, entry: entryFor(token), expiresAt, ...linkFor(environment, token) };
}

function linkFor(environment: Environment, token: string): { url?: string } {
  if (!environment.url) return {};
  const url = new URL(environment.url);
  url.searchParams.set(BYPASS_QUERY_PARAMETER, token);
  return { url: url.toString() };
}

/**
 * The tokens of one command by environment key, for output `bypass-tokens` and the CLI's --json:
 * their own output, never an entry of `results`, which workflows pass on (chat, tickets) where
 * the runner's log masking does not reach.
 */
export function issuedTokensJson(
  issued: readonly { readonly key: string; readonly token: IssuedBypassToken }[],
): Record<string, { token: string; url: string | null; expiresAt: string }> {
  return Object.fromEntries(
    issued.map(({ key, token }) => [
      key,
      { token: token.token, url: token.url ?? null, expiresAt: token.expiresAt.toISOString() },
    ]),
  );
}
