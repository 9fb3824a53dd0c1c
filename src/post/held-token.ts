// What the main step hands to the post step (core.saveState / core.getState): enough to end the
// job's bypass tokens (one per environment it issued one for) without the config file or the
// workspace. Saved before the tokens are written.
import { parseEntry } from '../domain/bypass-token.js';
import { SCOPES, type Environment } from '../domain/types.js';
import type { IssuedBypassToken } from '../front-door/issue-bypass-token.js';

export const HELD_TOKEN_STATE = 'bypass-token';

/** More than any config's environments: a state longer than this was not written by us. */
const MAX_HELD_TOKENS = 1000;

export interface HeldToken {
  readonly environment: Pick<Environment, 'key' | 'name' | 'scope' | 'region'>;
  /** The exact set entry (`^<token>$`): the post step removes this one and no other. */
  readonly entry: string;
}

export function encodeHeldTokens(
  held: readonly { environment: Environment; token: IssuedBypassToken }[],
): string {
  return JSON.stringify(
    held.map(({ environment: { key, name, scope, region }, token }) => ({
      environment: { key, name, scope, region },
      entry: token.entry,
    })),
  );
}

/** Empty when the main step issued no token (state empty); throws on a state it cannot read. */
export function decodeHeldTokens(text: string): readonly HeldToken[] {
  if (text.trim() === '') return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  if (!Array.isArray(raw) || raw.length > MAX_HELD_TOKENS || !raw.every(isHeldToken)) {
    // Never echo the state: it holds the tokens.
    throw new Error("the main step's saved bypass tokens are incomplete or unreadable");
  }
  return raw;
}

function isHeldToken(value: unknown): value is HeldToken {
  const { environment, entry } = (value ?? {}) as {
    environment?: Partial<HeldToken['environment']>;
    entry?: unknown;
  };
  return (
    typeof environment?.key === 'string' &&
    typeof environment.name === 'string' &&
    typeof environment.region === 'string' &&
    environment.key !== '' &&
    environment.name !== '' &&
    environment.region !== '' &&
    SCOPES.includes(environment.scope!) &&
    typeof entry === 'string' &&
    parseEntry(entry).expiresAt !== undefined
  );
}
