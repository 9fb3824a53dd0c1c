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

/**
 * RFC 5952 text: lower-case hex without leading zeros, the longest run of at least two zero
 * groups (the first of equal runs) written `::`.
 */
export function ipv6Text(parts: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (parts[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && parts[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  let text = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      text += '::';
      i += bestLength - 1;
    } else {
      text += (i === 0 || i === bestStart + bestLength ? '' : ':') + parts[i]!.toString(16);
    }
  }
  return text;
}
