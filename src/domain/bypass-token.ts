// Bypass tokens: a secret that lets its holder past maintenance, checked by WAF against the
// environment's `N-bypass` regex pattern set. One entry per token, `^<token>$`, and the token
// carries its own expiry, so issuing one is one entry written with the set's lock token: no
// second resource to keep in step. Pure: the random part comes from the caller.
import { DAY_MS } from './time.js';

// Where a visitor's request carries a token, as the module's rules check it.
export { BYPASS_COOKIE, BYPASS_HEADER, BYPASS_QUERY_PARAMETER } from '@maintenance-action/contract';

/** Token format version: `mb1-<expiry>-<random>`. */
const TOKEN_PREFIX = 'mb1';
/** 24 random bytes are 32 base64url characters (192 bits). */
export const TOKEN_RANDOM_BYTES = 24;
/** WAF quotas: regular expressions per regex pattern set, and characters in each. */
export const MAX_BYPASS_ENTRIES = 10;
export const MAX_BYPASS_ENTRY_LENGTH = 200;
/** A token lives 6 hours unless `bypass-ttl` says otherwise (GitHub-hosted jobs end by then). */
export const DEFAULT_BYPASS_TTL = '6h';
/** Self-hosted runners allow jobs of up to 5 days: no token needs to outlive that. */
export const MAX_BYPASS_TTL_MS = 5 * DAY_MS;

const ENTRY = /^\^mb1-(\d{8}T\d{6}Z)-([A-Za-z0-9_-]{32})\$$/;
const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** One entry of the set, as the report may show it: never the token itself. */
export interface BypassEntry {
  /** The regular expression as stored. */
  readonly entry: string;
  /** When the token stops working; undefined for an entry this tool did not write. */
  readonly expiresAt: Date | undefined;
}

/** `20261126T094300Z`: the expiry as the token spells it (UTC, to the second). */
export function expiryStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

function parseStamp(stamp: string): Date | undefined {
  const m = STAMP.exec(stamp);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A token from its expiry and its random bytes (TOKEN_RANDOM_BYTES of them). */
export function formatToken(expiresAt: Date, random: Uint8Array): string {
  return `${TOKEN_PREFIX}-${expiryStamp(expiresAt)}-${Buffer.from(random).toString('base64url')}`;
}

/** The set entry that matches exactly this token (base64url and `-` need no escaping). */
export function entryFor(token: string): string {
  return `^${token}$`;
}

/** What an entry of the set is: ours (with its expiry) or someone else's (no expiry known). */
export function parseEntry(entry: string): BypassEntry {
  const m = ENTRY.exec(entry);
  return { entry, expiresAt: m ? parseStamp(m[1]!) : undefined };
}

/** An entry written by hand never expires on its own: only allowlist-off or exit remove it. */
export function isExpired(entry: BypassEntry, now: Date): boolean {
  return entry.expiresAt !== undefined && entry.expiresAt.getTime() <= now.getTime();
}

/** The entries that still let someone in. */
export function liveEntries(entries: readonly string[], now: Date): BypassEntry[] {
  return entries.map(parseEntry).filter((e) => !isExpired(e, now));
}

/** Two entry lists hold the same entries (a set's order carries no meaning). */
export function sameEntries(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((entry) => b.includes(entry));
}
