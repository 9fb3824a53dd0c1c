// CIDR parsing, canonical form and merging, as WAF IP sets need them. Pure: no I/O.
import ipaddr from 'ipaddr.js';
import type { CidrsByFamily, Family } from './types.js';

/** WAF's limit on addresses in one IP set. */
export const MAX_ADDRESSES_PER_SET = 10_000;

export type CidrParse = { ok: true; cidr: string; family: Family } | { ok: false; reason: string };

/** A CIDR as numbers: the network address as an unsigned integer of `bits` bits. */
interface Block {
  readonly family: Family;
  readonly bits: 32 | 128;
  readonly network: bigint;
  readonly prefix: number;
  /** Canonical text, e.g. `2001:db8::/32`. */
  readonly text: string;
}

type BlockParse = { ok: true; block: Block } | { ok: false; reason: string };

const PREFIX_DIGITS = /^\d{1,3}$/;
/** Where IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) live: the last 32 bits of ::ffff:0:0/96. */
const MAPPED_PREFIX = 96;

function toBigInt(bytes: readonly number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function toBytes(value: bigint, bits: number): number[] {
  const bytes = new Array<number>(bits / 8);
  for (let i = bytes.length - 1; i >= 0; i--) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return bytes;
}

function hostMask(bits: number, prefix: number): bigint {
  return (1n << BigInt(bits - prefix)) - 1n;
}

function blockText(block: Omit<Block, 'text'>): string {
  return `${ipaddr.fromByteArray(toBytes(block.network, block.bits)).toString()}/${block.prefix}`;
}

/** Parses an address without prefix. IPv4 must be dotted decimal (no `10.1` or hex forms); IPv6 must not carry a zone. */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (text.includes(':')) {
    return ipaddr.IPv6.isValid(text) && !text.includes('%') ? ipaddr.IPv6.parse(text) : undefined;
  }
  return ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text) : undefined;
}

function parseBlock(input: string): BlockParse {
  const text = input.trim();
  const [addressText = '', prefixText, ...rest] = text.split('/');
  const address = parseAddress(addressText);
  if (
    !address ||
    rest.length > 0 ||
    (prefixText !== undefined && !PREFIX_DIGITS.test(prefixText))
  ) {
    return {
      ok: false,
      reason: 'not an IP address or CIDR (e.g. 203.0.113.0/24 or 2001:db8::/48)',
    };
  }
  let family: Family = address.kind() === 'ipv4' ? 'IPV4' : 'IPV6';
  let bits: 32 | 128 = family === 'IPV4' ? 32 : 128;
  let prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) {
    return {
      ok: false,
      reason: `prefix /${prefix} is out of range for ${family === 'IPV4' ? 'IPv4' : 'IPv6'} (1-${bits})`,
    };
  }
  let value = toBigInt(address.toByteArray());
  // A client reaching WAF over IPv4 is matched as IPv4, so a mapped range means its IPv4 range.
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    if (prefix >= MAPPED_PREFIX) {
      family = 'IPV4';
      bits = 32;
      prefix -= MAPPED_PREFIX;
      value &= 0xffffffffn;
    }
  }
  if (prefix === 0) {
    return {
      ok: false,
      reason: 'prefix /0 (every address) is not accepted by WAF; list the ranges you mean',
    };
  }
  const network = value & ~hostMask(bits, prefix);
  if (network !== value) {
    const suggestion = blockText({ family, bits, network, prefix });
    return { ok: false, reason: `host bits are set; did you mean ${suggestion}?` };
  }
  const block = { family, bits, network, prefix };
  return { ok: true, block: { ...block, text: blockText(block) } };
}

/**
 * Parsed blocks by input and canonical text. The same CIDRs are parsed again and again (config,
 * then merging, then every request at the local edge); bounded so a long-running process stays small.
 */
const parsedBlocks = new Map<string, Block>();
const MAX_PARSED_BLOCKS = 100_000;

function blockOf(text: string): BlockParse {
  const cached = parsedBlocks.get(text);
  if (cached) return { ok: true, block: cached };
  const parsed = parseBlock(text);
  if (parsed.ok) {
    if (parsedBlocks.size >= MAX_PARSED_BLOCKS) parsedBlocks.clear();
    parsedBlocks.set(text, parsed.block).set(parsed.block.text, parsed.block);
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
  return { ok: true, cidr: parsed.block.text, family: parsed.block.family };
}

function mustParse(cidr: string): Block {
  const parsed = blockOf(cidr);
  if (!parsed.ok) throw new Error(`invalid CIDR '${cidr}' passed as valid: ${parsed.reason}`);
  return parsed.block;
}

/** IPv4 before IPv6, then by network, wider first. */
function byNetwork(a: Block, b: Block): number {
  if (a.bits !== b.bits) return a.bits - b.bits;
  return a.network < b.network ? -1 : a.network > b.network ? 1 : a.prefix - b.prefix;
}

/** Sorted by network, wider first: then a block is covered iff it starts before the last kept block ends. */
function mergeFamily(blocks: Block[]): string[] {
  blocks.sort(byNetwork);
  const kept: string[] = [];
  let coveredUpTo = -1n;
  for (const block of blocks) {
    if (block.network <= coveredUpTo) continue;
    kept.push(block.text);
    coveredUpTo = block.network | hostMask(block.bits, block.prefix);
  }
  return kept;
}

/**
 * Merges valid CIDRs: drops duplicates and ranges covered by a wider one, splits by family and
 * sorts numerically. O(n log n). Throws a plain Error on invalid input (a caller's bug: validate
 * user input with parseCidr first).
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

/**
 * Every entry kept, in one order: IPv4 then IPv6, numerically. For showing a set's contents as
 * they are (normalizeCidrs would fold covered ranges away). Unparsable entries go last, as given.
 */
export function sortCidrs(cidrs: readonly string[]): string[] {
  const blocks: Block[] = [];
  const other: string[] = [];
  for (const cidr of cidrs) {
    const parsed = blockOf(cidr);
    if (parsed.ok) blocks.push(parsed.block);
    else other.push(cidr);
  }
  return [...blocks.sort(byNetwork).map((block) => block.text), ...other.sort()];
}

/** True when `address` (an IP, no prefix) is inside any of `cidrs`. IPv4-mapped IPv6 counts as IPv4. */
export function cidrContains(cidrs: readonly string[], address: string): boolean {
  const parsed = blockOf(address);
  if (!parsed.ok || parsed.block.prefix !== parsed.block.bits) {
    throw new Error(`not an IP address: '${address}'`);
  }
  const ip = parsed.block;
  return cidrs.some((cidr) => {
    const block = mustParse(cidr);
    return (
      block.family === ip.family &&
      (ip.network & ~hostMask(block.bits, block.prefix)) === block.network
    );
  });
}
