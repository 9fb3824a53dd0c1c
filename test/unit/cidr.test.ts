import {
  MAX_ADDRESSES_PER_SET,
  cidrContains,
  mergesOf,
  normalizeCidrs,
  parseCidr,
  sortCidrs,
} from '../../src/domain/cidr.js';

describe('parseCidr', () => {
  it.each([
    ['203.0.113.0/24', '203.0.113.0/24', 'IPV4'],
    ['198.51.100.7', '198.51.100.7/32', 'IPV4'],
    [' 10.0.0.0/8 ', '10.0.0.0/8', 'IPV4'],
    ['0.0.0.0/1', '0.0.0.0/1', 'IPV4'],
    ['2001:DB8:1234:0:0::/48', '2001:db8:1234::/48', 'IPV6'],
    ['2001:db8::1', '2001:db8::1/128', 'IPV6'],
    ['8000::/1', '8000::/1', 'IPV6'],
    ['::ffff:203.0.113.7', '203.0.113.7/32', 'IPV4'],
    ['::ffff:203.0.113.0/120', '203.0.113.0/24', 'IPV4'],
  ])('accepts %j as %s (%s)', (text, cidr, family) => {
    expect(parseCidr(text)).toEqual({ ok: true, cidr, family });
  });

  it.each([
    ['203.0.113.5/24', 'host bits are set; did you mean 203.0.113.0/24?'],
    ['2001:db8:1234::1/48', 'host bits are set; did you mean 2001:db8:1234::/48?'],
    ['::ffff:203.0.113.9/120', 'host bits are set; did you mean 203.0.113.0/24?'],
    [
      '::ffff:1.2.3.0/64',
      'an IPv4-mapped address (::ffff:1.2.3.0) needs a prefix of /96 or longer (/96 plus the IPv4 prefix); /64 would be a plain IPv6 range far beyond it. Write the IPv4 range itself, e.g. 1.2.3.0/24',
    ],
    [
      '::',
      ":: is the unspecified address: no request ever comes from it, so it lets no one in; give the tester's real address or range",
    ],
    [
      '0.0.0.0/32',
      "0.0.0.0 is the unspecified address: no request ever comes from it, so it lets no one in; give the tester's real address or range",
    ],
    ['0.0.0.0/0', 'prefix /0 (every address) is not accepted by WAF; list the ranges you mean'],
    ['::/0', 'prefix /0 (every address) is not accepted by WAF; list the ranges you mean'],
    ['::ffff:0:0/96', 'prefix /0 (every address) is not accepted by WAF; list the ranges you mean'],
    ['10.0.0.0/33', 'prefix /33 is out of range for IPv4 (1-32)'],
    ['2001:db8::/129', 'prefix /129 is out of range for IPv6 (1-128)'],
  ])('rejects %j: %s', (text, reason) => {
    expect(parseCidr(text)).toEqual({ ok: false, reason });
  });

  it.each([
    'nope',
    '',
    '10.1',
    '0x7f.0.0.1',
    '256.0.0.1',
    '10.0.0.0/',
    '10.0.0.0/-1',
    '10.0.0.0/8/8',
    '10.0.0.0/ 8',
    'fe80::1%eth0',
    '2001:db8:::1',
  ])('rejects malformed %j', (text) => {
    expect(parseCidr(text)).toEqual({
      ok: false,
      reason: 'not an IP address or CIDR (e.g. 203.0.113.0/24 or 2001:db8::/48)',
    });
  });
});

describe('normalizeCidrs', () => {
  it('splits by family and sorts numerically, not as text', () => {
    expect(
      normalizeCidrs(['10.0.0.0/8', '9.0.0.0/8', '2001:db8::/32', '100.0.0.0/8', '::1/128']),
    ).toEqual({
      ipv4: ['9.0.0.0/8', '10.0.0.0/8', '100.0.0.0/8'],
      ipv6: ['::1/128', '2001:db8::/32'],
    });
  });

  it('drops duplicates and ranges covered by a wider one, in any order', () => {
    expect(
      normalizeCidrs([
        '10.1.2.0/24',
        '10.0.0.0/8',
        '10.0.0.0/8',
        '10.255.255.255/32',
        '11.0.0.0/32',
        '2001:db8:1::/48',
        '2001:db8::/32',
        '2001:db9::/48',
      ]),
    ).toEqual({
      ipv4: ['10.0.0.0/8', '11.0.0.0/32'],
      ipv6: ['2001:db8::/32', '2001:db9::/48'],
    });
  });

  it('joins adjacent ranges into the smallest exact cover', () => {
    expect(normalizeCidrs(['10.0.0.0/32', '10.0.0.1/32']).ipv4).toEqual(['10.0.0.0/31']);
    expect(normalizeCidrs(['10.0.0.1/32', '10.0.0.2/32']).ipv4).toEqual([
      '10.0.0.1/32',
      '10.0.0.2/32',
    ]);
    expect(
      normalizeCidrs(['10.0.0.0/25', '10.0.0.128/26', '10.0.0.192/26', '10.0.1.0/32']),
    ).toEqual({
      ipv4: ['10.0.0.0/24', '10.0.1.0/32'],
      ipv6: [],
    });
    expect(normalizeCidrs(['2001:db8::/49', '2001:db8:0:8000::/49']).ipv6).toEqual([
      '2001:db8::/48',
    ]);
    expect(normalizeCidrs(['0.0.0.0/1', '128.0.0.0/1']).ipv4).toEqual(['0.0.0.0/1', '128.0.0.0/1']);
  });

  it('says what it merged', () => {
    expect(mergesOf(['10.0.0.0/32', '10.0.0.1/32', '10.0.0.0/31', '192.0.2.7/32'])).toEqual([
      { into: '10.0.0.0/31', from: ['10.0.0.0/31', '10.0.0.0/32', '10.0.0.1/32'] },
    ]);
  });

  it('canonicalises its input', () => {
    expect(normalizeCidrs(['2001:DB8:0::/32', '198.51.100.7'])).toEqual({
      ipv4: ['198.51.100.7/32'],
      ipv6: ['2001:db8::/32'],
    });
  });

  it('refuses invalid input rather than guessing', () => {
    expect(() => normalizeCidrs(['10.0.0.1/8'])).toThrow(/host bits are set/);
  });

  it(`merges ${MAX_ADDRESSES_PER_SET * 2} entries quickly`, () => {
    const cidrs: string[] = [];
    for (let i = MAX_ADDRESSES_PER_SET - 1; i >= 0; i--) {
      // Every other range, so that none is adjacent to the next (adjacent ones would join).
      cidrs.push(`10.${i >> 8}.${i & 255}.0/25`, `2001:db8:${(2 * i).toString(16)}::/48`);
    }
    cidrs.push('10.0.0.0/16'); // covers the first 256 IPv4 entries
    const started = performance.now();
    const merged = normalizeCidrs(cidrs);
    const elapsed = performance.now() - started;
    expect(merged.ipv4).toHaveLength(MAX_ADDRESSES_PER_SET - 255);
    expect(merged.ipv4.slice(0, 2)).toEqual(['10.0.0.0/16', '10.1.0.0/25']);
    expect(merged.ipv6).toHaveLength(MAX_ADDRESSES_PER_SET);
    expect(merged.ipv6[0]).toBe('2001:db8::/48');
    expect(elapsed).toBeLessThan(2_000); // O(n^2) would take many seconds
  });
});

describe('cidrContains', () => {
  const cidrs = ['203.0.113.0/24', '2001:db8:1234::/48', '198.51.100.7/32'];

  it.each([
    ['203.0.113.0', true],
    ['203.0.113.255', true],
    ['203.0.114.0', false],
    ['198.51.100.7', true],
    ['198.51.100.8', false],
    ['2001:db8:1234:ffff::1', true],
    ['2001:db8:1235::1', false],
    ['::ffff:203.0.113.9', true],
  ])('%s -> %s', (address, inside) => {
    expect(cidrContains(cidrs, address)).toBe(inside);
  });

  it('is false for an empty list', () => {
    expect(cidrContains([], '203.0.113.1')).toBe(false);
  });

  it('matches the two halves the active sets use', () => {
    expect(cidrContains(['0.0.0.0/1', '128.0.0.0/1'], '255.255.255.255')).toBe(true);
    expect(cidrContains(['::/1', '8000::/1'], '::1')).toBe(true);
  });

  it('rejects something that is not an address', () => {
    expect(() => cidrContains(cidrs, 'localhost')).toThrow("not an IP address: 'localhost'");
  });
});

describe('sortCidrs', () => {
  it('keeps every entry, IPv4 before IPv6, in numeric order', () => {
    expect(
      sortCidrs(['8000::/1', '::/1', '128.0.0.0/1', '10.0.0.0/8', '0.0.0.0/1', '9.0.0.0/8']),
    ).toEqual(['0.0.0.0/1', '9.0.0.0/8', '10.0.0.0/8', '128.0.0.0/1', '::/1', '8000::/1']);
  });

  it('does not fold a covered range away (the set holds it, so it is shown)', () => {
    expect(sortCidrs(['10.1.0.0/16', '10.0.0.0/8'])).toEqual(['10.0.0.0/8', '10.1.0.0/16']);
  });
});
