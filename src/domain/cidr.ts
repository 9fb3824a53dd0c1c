// CIDR parsing, canonical form and merging, as WAF IP sets need them. Pure: no I/O.
import ipaddr from 'ipaddr.js';
import {
  dottedDecimal,
  ipv6Text,
  isIpv6Text,
  parseDottedDecimal,
  parsePlainIpv6,
} from './ip-text.js';
import type { CidrsByFamily, Family } from './types.js';

/** WAF's limit on addresses in one IP set. */
export const MAX_ADDRESSES_PER_SET = 10_000;

export type CidrParse = { ok: true; cidr: string; family: Family } | { ok: false; reason: string };

/** A CIDR as numbers: the network address as an unsigned integer of `bits` bits. */
interface Block {
  /** A block is a successful parse (no wrapper object per CIDR: a config can have 20,000). */
  readonly ok: true;
  readonly family: Family;
  readonly bits: 32 | 128;
  readonly network: bigint;
  readonly prefix: number;
  /** Canonical text, e.g. `2001:db8::/32`. */
  readonly text: string;
}

type BlockParse = Block | { ok: false; reason: string };

const MALFORMED = 'not an IP address or CIDR (e.g. 203.0.113.0/24 or 2001:db8::/48)';
/** Where IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) live: the last 32 bits of ::ffff:0:0/96. */
const MAPPED_PREFIX = 96;

/** HOST_MASKS[bits][prefix]: the host part of a /prefix block, computed once. */
const HOST_MASKS = {
  32: Array.from({ length: 33 }, (_, prefix) => (1n << BigInt(32 - prefix)) - 1n),
  128: Array.from({ length: 129 }, (_, prefix) => (1n << BigInt(128 - prefix)) - 1n),
};

function hostMask(bits: 32 | 128, prefix: number): bigint {
  return HOST_MASKS[bits][prefix]!;
}

function addressText(bits: 32 | 128, value: bigint): string {
  if (bits === 32) return dottedDecimal(Number(value));
  const parts = new Array<number>(8);
  for (let i = 7; i >= 0; i--) {
    parts[i] = Number(value & 0xffffn);
    value >>= 16n;
  }
  return ipv6Text(parts);
}

function blockText(block: Omit<Block, 'text' | 'ok'>): string {
  return `${addressText(block.bits, block.network)}/${block.prefix}`;
}

/** text[start, end) as 1-3 decimal digits (leading zeros allowed: `/08` is /8), else undefined. */
function parsePrefix(text: string, start: number, end: number): number | undefined {
  if (end - start < 1 || end - start > 3) return undefined;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

/** The eight groups of the IPv6 address in text[0, end): the plain forms read here, the rest by ipaddr.js. */
function parseIpv6(text: string, end: number): readonly number[] | undefined {
  const plain = parsePlainIpv6(text, 0, end);
  if (plain) return plain;
  const address = text.slice(0, end);
  if (address.includes('%')) return undefined; // a zone: not an address WAF can match
  try {
    return ipaddr.IPv6.parse(address).parts;
  } catch {
    return undefined;
  }
}

/** Scratch space to turn eight 16-bit groups into two 64-bit halves. */
const GROUPS = new DataView(new ArrayBuffer(16));

/** The 128-bit value of eight 16-bit groups, in four BigInt steps rather than fifteen. */
function ipv6Value(p: readonly number[]): bigint {
  for (let i = 0; i < 8; i++) GROUPS.setUint16(2 * i, p[i]!);
  return (GROUPS.getBigUint64(0) << 64n) | GROUPS.getBigUint64(8);
}

/** ::ffff:0:0/96. (ipaddr's isIPv4MappedAddress matches every special range to find this one.) */
function isMapped(p: readonly number[]): boolean {
  return p[0] === 0 && p[1] === 0 && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0xffff;
}

/** The checks after parsing, which both families share; `text` is the canonical CIDR. */
function checkBlock(family: Family, value: bigint, prefix: number, text: string): BlockParse {
  const bits = family === 'IPV4' ? 32 : 128;
  if (value === 0n && prefix === bits) {
    return {
      ok: false,
      reason: `${bits === 32 ? '0.0.0.0' : '::'} is the unspecified address: no request ever comes from it, so it lets no one in; give the tester's real address or range`,
    };
  }
  if (prefix === 0) {
    return {
      ok: false,
      reason: 'prefix /0 (every address) is not accepted by WAF; list the ranges you mean',
    };
  }
  if ((value & hostMask(bits, prefix)) !== 0n) {
    const network = value & ~hostMask(bits, prefix);
    const suggestion = blockText({ family, bits, network, prefix });
    return { ok: false, reason: `host bits are set; did you mean ${suggestion}?` };
  }
  return { ok: true, family, bits, network: value, prefix, text };
}

function outOfRange(prefix: number, family: Family): BlockParse {
  const [name, bits] = family === 'IPV4' ? ['IPv4', 32] : ['IPv6', 128];
  return { ok: false, reason: `prefix /${prefix} is out of range for ${name} (1-${bits})` };
}

function parseBlock(input: string): BlockParse {
  const text = input.trim();
  const slash = text.indexOf('/');
  const end = slash < 0 ? text.length : slash;
  // A second '/' is not a digit, so the prefix check refuses it.
  const prefix = slash < 0 ? undefined : parsePrefix(text, slash + 1, text.length);
  if (slash >= 0 && prefix === undefined) return { ok: false, reason: MALFORMED };
  // Written as WAF and we write it (/8, not /08; a zero prefix is refused below anyway).
  const canonicalPrefix = text.charCodeAt(slash + 1) !== 48;
  const colon = text.indexOf(':');
  if (colon < 0 || colon > end) {
    // Dotted decimal only (what ipaddr's isValidFourPartDecimal accepts).
    const value = parseDottedDecimal(text, 0, end);
    if (value === undefined) return { ok: false, reason: MALFORMED };
    if (prefix !== undefined && prefix > 32) return outOfRange(prefix, 'IPV4');
    // Decimal without leading zeros is already the canonical text: most entries are kept as written.
    const cidr =
      prefix !== undefined && canonicalPrefix ? text : `${text.slice(0, end)}/${prefix ?? 32}`;
    return checkBlock('IPV4', BigInt(value), prefix ?? 32, cidr);
  }
  const parts = parseIpv6(text, end);
  if (!parts) return { ok: false, reason: MALFORMED };
  if (prefix !== undefined && prefix > 128) return outOfRange(prefix, 'IPV6');
  if (!isMapped(parts)) {
    const cidr =
      prefix !== undefined && canonicalPrefix && isIpv6Text(text, 0, end, parts)
        ? text
        : `${ipv6Text(parts)}/${prefix ?? 128}`;
    return checkBlock('IPV6', ipv6Value(parts), prefix ?? 128, cidr);
  }
  // A client reaching WAF over IPv4 is matched as IPv4, so a mapped range means its IPv4 range.
  const ipv4 = (parts[6]! * 65536 + parts[7]!) >>> 0;
  if (prefix !== undefined && prefix < MAPPED_PREFIX) {
    // Not the mapped IPv4 range at all: /64 from ::ffff:1.2.3.0 is ::/64. Never guess which
    // IPv4 range was meant.
    const address = dottedDecimal(ipv4);
    return {
      ok: false,
      reason: `an IPv4-mapped address (::ffff:${address}) needs a prefix of /96 or longer (/96 plus the IPv4 prefix); /${prefix} would be a plain IPv6 range far beyond it. Write the IPv4 range itself, e.g. ${address}/24`,
    };
  }
  const ipv4Prefix = (prefix ?? 128) - MAPPED_PREFIX;
  return checkBlock('IPV4', BigInt(ipv4), ipv4Prefix, `${dottedDecimal(ipv4)}/${ipv4Prefix}`);
}

/**
 * Parsed blocks by input and canonical text. The same CIDRs are parsed again and again (config,
 * then merging, then every request at the local edge); bounded so a long-running process stays small.
 */
const parsedBlocks = new Map<string, Block>();
const MAX_PARSED_BLOCKS = 100_000;

function blockOf(text: string): BlockParse {
  const cached = parsedBlocks.get(text);
  if (cached) return cached;
  const parsed = parseBlock(text);
  if (parsed.ok) {
    if (parsedBlocks.size >= MAX_PARSED_BLOCKS) parsedBlocks.clear();
    parsedBlocks.set(text, parsed).set(parsed.text, parsed);
  }
  return parsed;
}

/**
 * Parses one address or CIDR. A bare address means /32 or /128. Rejects malformed text, /0,
 * prefixes out of range and host bits set (suggesting the network form; never silently widens).
 * IPv4-mapped IPv6 ranges (::ffff:a.b.c.d/96+) become their IPv4 range. Returns canonical text
 * (IPv6 compressed, lowercase).
 */
export function parseCidr(text: string): CidrParse {
  const parsed = blockOf(text);
  if (!parsed.ok) return parsed;
  return { ok: true, cidr: parsed.text, family: parsed.family };
}

function mustParse(cidr: string): Block {
  const parsed = blockOf(cidr);
  if (!parsed.ok) throw new Error(`invalid CIDR '${cidr}' passed as valid: ${parsed.reason}`);
  return parsed;
}

/** IPv4 before IPv6, then by network, wider first. */
function byNetwork(a: Block, b: Block): number {
  if (a.bits !== b.bits) return a.bits - b.bits;
  return a.network < b.network ? -1 : a.network > b.network ? 1 : a.prefix - b.prefix;
}

/**
 * The smallest exact cover of the blocks: overlapping and adjacent ranges are joined, and each
 * joined range is cut into the fewest CIDR blocks (10.0.0.0/32 + 10.0.0.1/32 -> 10.0.0.0/31).
 * Sorted by network. O(n log n) for the sort, then linear.
 */
function mergeFamily(blocks: Block[]): string[] {
  if (blocks.length === 0) return [];
  blocks.sort(byNetwork);
  const bits = blocks[0]!.bits;
  const family = blocks[0]!.family;
  const kept: string[] = [];
  const emit = (start: bigint, end: bigint): void => {
    while (start <= end) {
      // The widest aligned block at `start` that does not pass `end`; at most /1 (WAF refuses /0).
      let prefix = 1;
      while ((start & hostMask(bits, prefix)) !== 0n || (start | hostMask(bits, prefix)) > end) {
        prefix++;
      }
      kept.push(blockText({ family, bits, network: start, prefix }));
      start = (start | hostMask(bits, prefix)) + 1n;
    }
  };
  // The run of overlapping or adjacent blocks being joined: its first block, how many, its end.
  let first = blocks[0]!;
  let count = 0;
  let end = 0n;
  const close = (): void => {
    // A run of one block is that block, whose text is at hand (the common case).
    if (count === 1) kept.push(first.text);
    else emit(first.network, end);
  };
  for (const block of blocks) {
    const last = block.network | hostMask(bits, block.prefix);
    if (count > 0 && block.network <= end + 1n) {
      count++;
      if (last > end) end = last;
    } else {
      if (count > 0) close();
      first = block;
      count = 1;
      end = last;
    }
  }
  close();
  return kept;
}

/** A list of addresses and CIDRs as a config gives it, read in one pass. */
export interface CidrList {
  /** The valid entries, canonical, in the order given. */
  readonly listed: string[];
  /** Their smallest exact cover, by family (what normalizeCidrs(listed) returns). */
  readonly merged: CidrsByFamily;
  /** The invalid entries: their index in the list and why. */
  readonly problems: { readonly index: number; readonly reason: string }[];
}

/**
 * Parses each entry once and merges the valid ones. Entries that are not strings are skipped
 * (the schema reports them). No cache: a config's entries are new text each time it is read.
 */
export function readCidrList(entries: readonly unknown[]): CidrList {
  const listed: string[] = [];
  const problems: { index: number; reason: string }[] = [];
  const ipv4: Block[] = [];
  const ipv6: Block[] = [];
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (typeof entry !== 'string') continue;
    const parsed = parseBlock(entry);
    if (!parsed.ok) {
      problems.push({ index, reason: parsed.reason });
      continue;
    }
    listed.push(parsed.text);
    (parsed.family === 'IPV4' ? ipv4 : ipv6).push(parsed);
  }
  return { listed, merged: { ipv4: mergeFamily(ipv4), ipv6: mergeFamily(ipv6) }, problems };
}

/**
 * Merges valid CIDRs into the smallest exact cover: drops duplicates and ranges covered by a
 * wider one, joins adjacent ranges, splits by family and sorts numerically. O(n log n). Throws
 * a plain Error on invalid input (a caller's bug: validate user input with parseCidr first).
 */
export function normalizeCidrs(cidrs: readonly string[]): CidrsByFamily {
  const ipv4: Block[] = [];
  const ipv6: Block[] = [];
  for (const cidr of cidrs) {
    const block = mustParse(cidr);
    (block.family === 'IPV4' ? ipv4 : ipv6).push(block);
  }
  return { ipv4: mergeFamily(ipv4), ipv6: mergeFamily(ipv6) };
}

/** What merging did: each resulting block that stands for more than one given CIDR, and those CIDRs. */
export interface Merge {
  readonly into: string;
  readonly from: readonly string[];
}

/** The merges normalizeCidrs makes of `cidrs` (canonical inputs), for reports. */
export function mergesOf(cidrs: readonly string[]): Merge[] {
  const { ipv4, ipv6 } = normalizeCidrs(cidrs);
  const merged = [...ipv4, ...ipv6].map(mustParse);
  const inputs = [...new Set(cidrs.map((cidr) => mustParse(cidr).text))].map(mustParse);
  const byFamily = (family: Family) => merged.filter((block) => block.family === family);
  const merges: Merge[] = [];
  for (const family of ['IPV4', 'IPV6'] as const) {
    const outs = byFamily(family);
    const ins = inputs.filter((block) => block.family === family).sort(byNetwork);
    // Both sorted by network: walk them together.
    let i = 0;
    for (const out of outs) {
      const last = out.network | hostMask(out.bits, out.prefix);
      const from: string[] = [];
      while (i < ins.length && ins[i]!.network <= last) from.push(ins[i++]!.text);
      if (from.length > 1 || (from.length === 1 && from[0] !== out.text)) {
        merges.push({ into: out.text, from });
      }
    }
  }
  return merges;
}

/**
 * Every entry kept, in one order: IPv4 then IPv6, numerically. For showing a set's contents as
 * they are (normalizeCidrs would fold covered ranges away). Unparsable entries go last, as given.
 */
export function sortCidrs(cidrs: readonly string[]): string[] {
  const blocks: Block[] = [];
  const other: string[] = [];
  for (const cidr of cidrs) {
    const parsed = blockOf(cidr);
    if (parsed.ok) blocks.push(parsed);
    else other.push(cidr);
  }
  return [...blocks.sort(byNetwork).map((block) => block.text), ...other.sort()];
}

/** True when `address` (an IP, no prefix) is inside any of `cidrs`. IPv4-mapped IPv6 counts as IPv4. */
export function cidrContains(cidrs: readonly string[], address: string): boolean {
  const parsed = blockOf(address);
  if (!parsed.ok || parsed.prefix !== parsed.bits) {
    throw new Error(`not an IP address: '${address}'`);
  }
  const ip = parsed;
  return cidrs.some((cidr) => {
    const block = mustParse(cidr);
    return (
      block.family === ip.family &&
      (ip.network & ~hostMask(block.bits, block.prefix)) === block.network
    );
  });
}

/** True when two CIDRs share an address (one contains the other). Invalid input is a caller's bug. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = mustParse(a);
  const y = mustParse(b);
  if (x.family !== y.family) return false;
  const wider = x.prefix <= y.prefix ? x : y;
  const other = wider === x ? y : x;
  return (other.network & ~hostMask(wider.bits, wider.prefix)) === wider.network;
}
