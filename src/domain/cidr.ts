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
    if (text.includes('%')) return undefined;
    // One parse (isValid + parse would parse twice: this runs for every CIDR in the config).
    try {
      return ipaddr.IPv6.parse(text);
    } catch {
      return undefined;
    }
  }
  // Dotted decimal only (what isValidFourPartDecimal accepts), parsed once.
  const octets = DOTTED_DECIMAL.exec(text)?.slice(1).map(Number);
  return octets && octets.every((octet) => octet <= 255) ? new ipaddr.IPv4(octets) : undefined;
}

const DOTTED_DECIMAL = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

/** The address as an unsigned integer: from 4 octets or 8 16-bit parts (fewer BigInt steps than bytes). */
function addressValue(address: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  if (address.kind() === 'ipv4') {
    const [a = 0, b = 0, c = 0, d = 0] = (address as ipaddr.IPv4).octets;
    return BigInt(((a << 24) >>> 0) + (b << 16) + (c << 8) + d);
  }
  let value = 0n;
  for (const part of (address as ipaddr.IPv6).parts) value = (value << 16n) | BigInt(part);
  return value;
}

/** ::ffff:0:0/96. (ipaddr's isIPv4MappedAddress matches every special range to find this one.) */
function isMapped(address: ipaddr.IPv6): boolean {
  const p = address.parts;
  return p[0] === 0 && p[1] === 0 && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0xffff;
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
  let value = addressValue(address);
  // A client reaching WAF over IPv4 is matched as IPv4, so a mapped range means its IPv4 range.
  if (address.kind() === 'ipv6' && isMapped(address as ipaddr.IPv6)) {
    if (prefix >= MAPPED_PREFIX) {
      family = 'IPV4';
      bits = 32;
      prefix -= MAPPED_PREFIX;
      value &= 0xffffffffn;
    } else {
      // Not the mapped IPv4 range at all: /64 from ::ffff:1.2.3.0 is ::/64. Never guess which
      // IPv4 range was meant.
      const ipv4 = ipaddr.fromByteArray(toBytes(value & 0xffffffffn, 32)).toString();
      return {
        ok: false,
        reason: `an IPv4-mapped address (::ffff:${ipv4}) needs a prefix of /96 or longer (/96 plus the IPv4 prefix); /${prefix} would be a plain IPv6 range far beyond it. Write the IPv4 range itself, e.g. ${ipv4}/24`,
      };
    }
  }
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
  const network = value & ~hostMask(bits, prefix);
  if (network !== value) {
    const suggestion = blockText({ family, bits, network, prefix });
    return { ok: false, reason: `host bits are set; did you mean ${suggestion}?` };
  }
  const block = { family, bits, network, prefix };
  // The address is the network: its own canonical text is the block's (no second conversion).
  const sameFamily = (address.kind() === 'ipv4') === (family === 'IPV4');
  const canonical = sameFamily ? `${address.toString()}/${prefix}` : blockText(block);
  return { ok: true, block: { ...block, text: canonical } };
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

/** One block per input text that is already canonical, to reuse its text (no second conversion). */
function blockKey(network: bigint, prefix: number): string {
  return `${network}/${prefix}`;
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
  const known = new Map(blocks.map((block) => [blockKey(block.network, block.prefix), block.text]));
  const kept: string[] = [];
  const emit = (start: bigint, end: bigint): void => {
    // Largest aligned block at `start` that does not pass `end`, repeatedly.
    while (start <= end) {
      // At most half the space: WAF refuses /0, so everything is two /1s.
      let size = start === 0n ? 1n << BigInt(bits - 1) : start & -start;
      while (start + size - 1n > end) size >>= 1n;
      const prefix = bits - (size.toString(2).length - 1);
      kept.push(
        known.get(blockKey(start, prefix)) ?? blockText({ family, bits, network: start, prefix }),
      );
      start += size;
    }
  };
  let start = blocks[0]!.network;
  let end = start | hostMask(bits, blocks[0]!.prefix);
  for (const block of blocks) {
    const last = block.network | hostMask(bits, block.prefix);
    if (block.network <= end + 1n) {
      if (last > end) end = last;
    } else {
      emit(start, end);
      start = block.network;
      end = last;
    }
  }
  emit(start, end);
  return kept;
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

/** True when two CIDRs share an address (one contains the other). Invalid input is a caller's bug. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = mustParse(a);
  const y = mustParse(b);
  if (x.family !== y.family) return false;
  const wider = x.prefix <= y.prefix ? x : y;
  const other = wider === x ? y : x;
  return (other.network & ~hostMask(wider.bits, wider.prefix)) === wider.network;
}
