// The hand-written address readers (src/domain/ip-text.ts) against ipaddr.js on random text:
// they may only ever read what ipaddr.js reads, the same way, and write what it writes.
import ipaddr from 'ipaddr.js';
import { parseCidr } from '../../src/domain/cidr.js';
import {
  dottedDecimal,
  ipv6Text,
  isIpv6Text,
  parseDottedDecimal,
  parsePlainIpv6,
} from '../../src/domain/ip-text.js';

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

const CASES = 5000;
const next = random(20261126);
const int = (below: number): number => Math.floor(next() * below);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
const repeat = (times: number, make: () => string): string =>
  Array.from({ length: times }, make).join('');

/** Text near dotted decimal: parts of 0-4 digits (leading zeros too), 2-5 parts, stray characters. */
function ipv4Like(): string {
  const parts = Array.from({ length: pick([4, 4, 4, 3, 5]) }, () =>
    pick([
      ...Array.from({ length: 6 }, () => String(int(256))),
      String(int(1000)),
      `0${int(100)}`,
      repeat(int(5), () => String(int(10))),
    ]),
  );
  let text = '';
  parts.forEach((part, i) => {
    text += (i === 0 ? '' : int(20) === 0 ? pick(['..', ',']) : '.') + part;
  });
  return int(10) === 0 ? `${text}${pick([' ', 'x', '.', '/'])}` : text;
}

/** Text near IPv6: hex groups of 0-5 digits in either case, joined by ':', '::' or ':::'. */
function ipv6Like(): string {
  const group = (): string =>
    repeat(int(6), () => pick([...'0123456789abcdefABCDEF', '0', '0', '0']));
  const groups = Array.from({ length: int(11) }, group);
  let text = '';
  groups.forEach((g, i) => {
    text += (i === 0 ? '' : pick([':', ':', ':', ':', '::', ':::'])) + g;
  });
  if (int(5) === 0) text = `::${text}`;
  if (int(5) === 0) text = `${text}::`;
  if (int(8) === 0) text = `${text}:`;
  return text;
}

/** Eight groups, zero runs common, so that every compression case comes up. */
function randomParts(): number[] {
  return Array.from({ length: 8 }, () => pick([0, 0, 0, 1, int(16), int(65536)]));
}

describe('parseDottedDecimal reads exactly what ipaddr.isValidFourPartDecimal accepts', () => {
  it(`on ${CASES} random strings`, () => {
    let valid = 0;
    for (let n = 0; n < CASES; n++) {
      const text = ipv4Like();
      const expected = ipaddr.IPv4.isValidFourPartDecimal(text)
        ? ipaddr.IPv4.parse(text)
            .toByteArray()
            .reduce((value, byte) => value * 256 + byte, 0)
        : undefined;
      const read = parseDottedDecimal(text, 0, text.length);
      // The value, and the text written back from it.
      expect([text, read, read === undefined ? undefined : dottedDecimal(read)]).toEqual([
        text,
        expected,
        expected === undefined ? undefined : ipaddr.IPv4.parse(text).toString(),
      ]);
      if (expected !== undefined) valid++;
    }
    expect(valid).toBeGreaterThan(CASES / 10); // both outcomes well covered
  });

  it('reads only the range it is given', () => {
    expect(parseDottedDecimal('10.0.0.1/24', 0, 8)).toBe(0x0a000001);
    expect(parseDottedDecimal('10.0.0.1/24', 0, 9)).toBeUndefined();
  });
});

describe('parsePlainIpv6 reads exactly what ipaddr.js reads from hex-and-colon text', () => {
  it(`on ${CASES} random strings`, () => {
    let valid = 0;
    for (let n = 0; n < CASES; n++) {
      const text = ipv6Like();
      const expected = ipaddr.IPv6.isValid(text) ? ipaddr.IPv6.parse(text).parts : undefined;
      expect([text, parsePlainIpv6(text, 0, text.length)]).toEqual([text, expected]);
      if (expected) valid++;
    }
    expect(valid).toBeGreaterThan(CASES / 20);
  });

  it('leaves every other form to ipaddr.js', () => {
    for (const text of [
      '::ffff:1.2.3.4',
      '::1.2.3.4',
      'fe80::1%eth0',
      ' ::1',
      '1:2:3:4:5:6:7:8 ',
    ]) {
      expect(parsePlainIpv6(text, 0, text.length)).toBeUndefined();
    }
  });

  it('reads the RFC 5952 text of any address', () => {
    for (let n = 0; n < CASES; n++) {
      const text = new ipaddr.IPv6(randomParts()).toRFC5952String();
      expect(parsePlainIpv6(text, 0, text.length)).toEqual(ipaddr.IPv6.parse(text).parts);
    }
  });
});

describe('isIpv6Text says whether text is already the RFC 5952 text', () => {
  it(`on ${CASES} random addresses, written canonically and otherwise`, () => {
    let canonical = 0;
    for (let n = 0; n < CASES; n++) {
      const address = new ipaddr.IPv6(randomParts());
      const text = pick([
        address.toRFC5952String(),
        address.toNormalizedString(),
        address.toRFC5952String().toUpperCase(),
        ipv6Like(),
      ]);
      const parts = parsePlainIpv6(text, 0, text.length);
      const expected = parts !== undefined && ipv6Text(parts) === text;
      expect([
        text,
        parts !== undefined && isIpv6Text(`${text}/64`, 0, text.length, parts),
      ]).toEqual([text, expected]);
      if (expected) canonical++;
    }
    expect(canonical).toBeGreaterThan(CASES / 10);
  });
});

describe('ipv6Text writes what ipaddr.toRFC5952String writes', () => {
  it(`for ${CASES} random addresses`, () => {
    for (let n = 0; n < CASES; n++) {
      const parts = randomParts();
      expect(ipv6Text(parts)).toBe(new ipaddr.IPv6(parts).toRFC5952String());
    }
  });
});

describe('parseCidr on random ranges, against ipaddr.js', () => {
  /** The network of `parts` at `prefix`, as ipaddr computes it. */
  function network(parts: number[], prefix: number): ipaddr.IPv6 {
    return ipaddr.IPv6.networkAddressFromCIDR(`${new ipaddr.IPv6(parts).toString()}/${prefix}`);
  }

  /** The same address written another way: full, upper-case, with leading zeros. */
  function spelled(address: ipaddr.IPv6): string {
    return pick([
      () => address.toRFC5952String(),
      () =>
        address.parts
          .map((part) => part.toString(16).padStart(4, '0'))
          .join(':')
          .toUpperCase(),
      () => address.toNormalizedString(),
    ])();
  }

  it(`accepts the network of ${CASES} random IPv6 ranges in canonical form, and refuses host bits`, () => {
    for (let n = 0; n < CASES; n++) {
      const parts = randomParts();
      parts[0] = 0x2000 + int(0x1000); // global unicast: not mapped, not unspecified
      const prefix = 1 + int(128);
      const net = network(parts, prefix);
      const cidr = `${net.toRFC5952String()}/${prefix}`;
      expect(parseCidr(`${spelled(net)}/${prefix}`)).toEqual({ ok: true, cidr, family: 'IPV6' });
      const host = new ipaddr.IPv6(parts);
      const hostBits = host.toRFC5952String() !== net.toRFC5952String();
      expect(parseCidr(`${spelled(host)}/${prefix}`)).toEqual(
        hostBits
          ? { ok: false, reason: `host bits are set; did you mean ${cidr}?` }
          : { ok: true, cidr, family: 'IPV6' },
      );
    }
  });

  it(`reads ${CASES} random IPv4-mapped ranges as their IPv4 range`, () => {
    for (let n = 0; n < CASES; n++) {
      const ipv4 = ipaddr.fromByteArray([1 + int(223), int(256), int(256), int(256)]);
      const prefix = 1 + int(32);
      const net = ipaddr.IPv4.networkAddressFromCIDR(`${ipv4.toString()}/${prefix}`).toString();
      const mapped = pick([
        `::ffff:${net}`,
        ipaddr.IPv4.parse(net).toIPv4MappedAddress().toNormalizedString(),
      ]);
      expect(parseCidr(`${mapped}/${96 + prefix}`)).toEqual({
        ok: true,
        cidr: `${net}/${prefix}`,
        family: 'IPV4',
      });
    }
  });
});
