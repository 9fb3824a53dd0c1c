// What the main step hands to the post step (core.saveState / core.getState): enough to end the
// job's bypass token without the config file or the workspace. Saved before the token is written.
import { parseEntry } from '../domain/bypass-token.js';
import { SCOPES, type Environment } from '../domain/types.js';
import type { IssuedBypassToken } from '../front-door/issue-bypass-token.js';

export const HELD_TOKEN_STATE = 'bypass-token';

export interface HeldToken {
  readonly environment: Pick<Environment, 'key' | 'name' | 'scope' | 'region'>;
  /** The exact set entry (`^<token>$`): the post step removes this one and no other. */
  readonly entry: string;
}

export function encodeHeldToken(environment: Environment, token: IssuedBypassToken): string {
  const { key, name, scope, region } = environment;
  return JSON.stringify({ environment: { key, name, scope, region }, entry: token.entry });
}

/** Undefined when the main step issued no token (state empty); throws on a state it cannot read. */
export function decodeHeldToken(text: string): HeldToken | undefined {
  if (text.trim() === '') return undefined;
  let raw: { environment?: Partial<HeldToken['environment']>; entry?: unknown } | undefined;
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch {
    raw = undefined;
  }
  const environment = raw?.environment;
  const entry = raw?.entry;
  if (
    !environment?.key ||
    !environment.name ||
    !environment.region ||
    !SCOPES.includes(environment.scope!) ||
    typeof entry !== 'string' ||
    parseEntry(entry).expiresAt === undefined
  ) {
    // Never echo the state: it holds the token.
    throw new Error("the main step's saved bypass token is incomplete or unreadable");
  }
  return { environment: environment as HeldToken['environment'], entry };
}
