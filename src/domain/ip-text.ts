// IP address text read and written without regular expressions, substrings or intermediate
// arrays: a config can list 20,000 addresses, each read once per validation. The plain forms are
// read here; every other IPv6 form (embedded IPv4, zones, anything unusual) is left to ipaddr.js,
// so what is accepted is exactly what ipaddr.js accepts (test/unit/ip-text.test.ts compares the
// two on random text).
const DOT = 46;
const COLON = 58;
const ZERO = 48;
const NINE = 57;

/**
 * `a.b.c.d` in text[start, end), each part 0-255 in decimal without leading zeros (no `10.1`,
 * octal or hex forms), as an unsigned 32-bit number; undefined for anything else.
 */
export function parseDottedDecimal(text: string, start: number, end: number): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      if (digits === 1 && part === 0) return undefined; // a leading zero
      part = part * 10 + (c - ZERO);
      if (++digits > 3 || part > 255) return undefined;
    } else if (c === DOT && digits > 0 && dots < 3) {
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else {
      return undefined;
    }
  }
  return dots === 3 && digits > 0 ? value * 256 + part : undefined;
}

export function dottedDecimal(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

function hexDigit(c: number): number {
  if (c >= ZERO && c <= NINE) return c - ZERO;
  const lower = c | 0x20; // A-F -> a-f
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/**
 * The eight 16-bit groups of the IPv6 address in text[start, end) when it is written as hex
 * groups of 1-4 digits with at most one `::`; undefined for any other text (then ipaddr.js
 * decides), never a different reading.
 */
export function parsePlainIpv6(text: string, start: number, end: number): number[] | undefined {
  const parts = [0, 0, 0, 0, 0, 0, 0, 0];
  let count = 0; // groups read
  let gap = -1; // how many groups precede `::`
  let group = 0;
  let digits = 0;
  let i = start;
  if (text.charCodeAt(start) === COLON) {
    if (end - start < 2 || text.charCodeAt(start + 1) !== COLON) return undefined;
    gap = 0;
    i += 2;
  }
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== COLON) {
      const d = hexDigit(c);
      if (d < 0 || ++digits > 4) return undefined;
      group = group * 16 + d;
      continue;
    }
    if (digits === 0 || count === 8) return undefined; // `:::`, a group missing, too many
    parts[count++] = group;
    group = 0;
    digits = 0;
    if (i + 1 < end && text.charCodeAt(i + 1) === COLON) {
      if (gap >= 0) return undefined; // a second `::`
      gap = count;
      i++;
    } else if (i + 1 === end) {
      return undefined; // ends with a single `:`
    }
  }
  if (digits > 0) {
    if (count === 8) return undefined;
    parts[count++] = group;
  }
  if (gap < 0) return count === 8 ? parts : undefined;
  if (count > 7) return undefined; // `::` must stand for at least one group
  // Move the groups after `::` to the end; the groups between are zero.
  const after = count - gap;
  for (let k = 1; k <= after; k++) {
    parts[8 - k] = parts[count - k]!;
    parts[count - k] = 0;
  }
  for (let k = gap; k < 8 - after; k++) parts[k] = 0;
  return parts;
}

/** The longest run of at least two zero groups, the first of equal ones; length 0 when none. */
function longestZeroRun(parts: readonly number[]): { start: number; length: number } {
  let start = -1;
  let length = 1;
  for (let i = 0; i < 8;) {
    if (parts[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && parts[j] === 0) j++;
    if (j - i > length) {
      start = i;
      length = j - i;
    }
    i = j;
  }
  return start < 0 ? { start: -1, length: 0 } : { start, length };
}

/**
 * RFC 5952 text: lower-case hex without leading zeros, the longest run of at least two zero
 * groups (the first of equal runs) written `::`.
 */
export function ipv6Text(parts: readonly number[]): string {
  const run = longestZeroRun(parts);
  let text = '';
  for (let i = 0; i < 8; i++) {
    if (i === run.start) {
      text += '::';
      i += run.length - 1;
    } else {
      text += (i === 0 || i === run.start + run.length ? '' : ':') + parts[i]!.toString(16);
    }
  }
  return text;
}

const HEX = '0123456789abcdef';

/** True when text[start, end) is exactly ipv6Text(parts), found without writing that text. */
export function isIpv6Text(
  text: string,
  start: number,
  end: number,
  parts: readonly number[],
): boolean {
  const run = longestZeroRun(parts);
  let at = start;
  for (let i = 0; i < 8; i++) {
    if (i === run.start) {
      if (at + 2 > end || text.charCodeAt(at) !== COLON || text.charCodeAt(at + 1) !== COLON) {
        return false;
      }
      at += 2;
      i += run.length - 1;
      continue;
    }
    if (i !== 0 && i !== run.start + run.length) {
      if (text.charCodeAt(at++) !== COLON) return false;
    }
    const part = parts[i]!;
    for (
      let shift = part < 16 ? 0 : part < 256 ? 4 : part < 4096 ? 8 : 12;
      shift >= 0;
      shift -= 4
    ) {
      if (at >= end || text.charCodeAt(at++) !== HEX.charCodeAt((part >> shift) & 15)) return false;
    }
  }
  return at === end;
}
