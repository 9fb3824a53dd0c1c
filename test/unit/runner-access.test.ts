// The runner-lease rules without AWS: tag format, when an address may go, the TTL input, and
// finding the runner's address through a local echo server.
import {
  LEASE_TAG_PREFIX,
  isExpired,
  leaseKey,
  leaseTagValue,
  parseLeaseTag,
  releasableCidrs,
  type Lease,
} from '../../src/runner-access/lease.js';
import { parseLeaseDuration } from '../../src/runner-access/lease-duration.js';
import { discoverRunnerAddress } from '../../src/runner-access/runner-address.js';
import { decodeHeldLease, encodeHeldLease } from '../../src/runner-access/held-lease.js';
import { withRunnerAccess } from '../../src/runner-access/report-with-runner.js';
import { beginRunnerAccess } from '../../src/runner-access/around-command.js';
import type { Command } from '../../src/domain/types.js';
import { InputError } from '../../src/domain/errors.js';
import { entered, production } from '../fixtures/reports.js';
import { startIpEcho, type IpEcho } from '../support/ip-echo.js';

/** WAF's rule for tag keys and values. */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const NOW = new Date('2026-11-21T12:00:00.000Z');
const lease = (key: string, cidr: string, minutesLeft: number): Lease => ({
  key: `${LEASE_TAG_PREFIX}${key}`,
  cidr,
  expiresAt: new Date(NOW.getTime() + minutesLeft * 60_000),
});

describe('lease tags', () => {
  it('names a lease by run, attempt, a nonce and the job, within WAF tag rules', () => {
    const key = leaseKey({ runId: '123456789', runAttempt: '2', job: 'smoke', nonce: 'a1b2c3d4' });
    expect(key).toBe('lease:123456789-2-a1b2c3d4-smoke');
  });

  it('cuts long job names and replaces characters WAF does not take in tag keys', () => {
    const key = leaseKey({
      runId: '9'.repeat(20),
      runAttempt: '1',
      job: `smoke (${'x'.repeat(200)}), "eu"`,
      nonce: 'ffffffff',
    });
    expect(key.length).toBe(128);
    expect(key).toMatch(TAG_CHARACTERS);
    expect(key.startsWith(`lease:${'9'.repeat(20)}-1-ffffffff-smoke _`)).toBe(true);
  });

  it('round-trips address and expiry through the tag value, for IPv4 and IPv6', () => {
    for (const cidr of ['203.0.113.77/32', '2001:db8::7/128']) {
      const l = lease('1-1-aa-smoke', cidr, 360);
      const value = leaseTagValue(l);
      expect(value).toMatch(TAG_CHARACTERS);
      expect(value.length).toBeLessThanOrEqual(256);
      expect(parseLeaseTag(l.key, value)).toEqual(l);
    }
  });

  it('ignores tags that are not leases or that it cannot read', () => {
    expect(parseLeaseTag('team', 'shop')).toBeUndefined();
    expect(parseLeaseTag('lease:1', '203.0.113.7/32')).toBeUndefined();
    expect(parseLeaseTag('lease:1', '203.0.113.7/32 tomorrow')).toBeUndefined();
  });

  it('expires at its expiry time, not before', () => {
    expect(isExpired(lease('a', '203.0.113.7/32', 1), NOW)).toBe(false);
    expect(isExpired(lease('a', '203.0.113.7/32', 0), NOW)).toBe(true);
  });
});

describe('which addresses may leave the allow set', () => {
  const mine = lease('mine', '203.0.113.7/32', 30);

  it('the ending lease address, when nobody else needs it', () => {
    expect(releasableCidrs([mine], [], [], NOW)).toEqual(['203.0.113.7/32']);
  });

  it('not while another live lease holds the same address (two jobs behind one NAT)', () => {
    const other = lease('other', '203.0.113.7/32', 30);
    expect(releasableCidrs([mine], [other], [], NOW)).toEqual([]);
  });

  it('yes when the other lease on that address has expired', () => {
    const stale = lease('other', '203.0.113.7/32', -1);
    expect(releasableCidrs([mine], [stale], [], NOW)).toEqual(['203.0.113.7/32']);
  });

  it('not when a configured tester range covers it', () => {
    expect(releasableCidrs([mine], [], ['203.0.113.0/24'], NOW)).toEqual([]);
    expect(releasableCidrs([mine], [], ['198.51.100.0/24', '2001:db8::/32'], NOW)).toEqual([
      '203.0.113.7/32',
    ]);
  });

  it('each address once when several ending leases share it', () => {
    const twin = lease('twin', '203.0.113.7/32', -5);
    expect(releasableCidrs([mine, twin], [], [], NOW)).toEqual(['203.0.113.7/32']);
  });
});

describe('allow-runner-ttl', () => {
  it.each([
    ['6h', 6 * 3600_000],
    ['90m', 90 * 60_000],
    ['30s', 30_000],
    [' 2d ', 2 * 86_400_000],
  ])('reads %j', (text, ms) => {
    expect(parseLeaseDuration(text, 'input "allow-runner-ttl"')).toBe(ms);
  });

  it.each(['6', '0h', '-1h', '6 hours', '6d', ''])('rejects %j, naming the input', (text) => {
    expect(parseLeaseDuration(text, 'input "allow-runner-ttl"')).toEqual({
      field: 'input "allow-runner-ttl"',
      message: expect.stringContaining('duration between 1s and 5d') as unknown,
      value: text,
    });
  });
});

describe('the runner address from an echo service', () => {
  let echo: IpEcho;
  beforeAll(async () => {
    echo = await startIpEcho('203.0.113.77');
  });
  afterAll(() => echo.close());
  beforeEach(() => {
    echo.status = 200;
  });

  it('reads an IPv4 answer as its /32', async () => {
    echo.answer = '203.0.113.77';
    await expect(discoverRunnerAddress(echo.url)).resolves.toEqual({
      cidr: '203.0.113.77/32',
      family: 'IPV4',
    });
  });

  it('reads an IPv6 answer as its canonical /128', async () => {
    echo.answer = '2001:DB8:0:0::7';
    await expect(discoverRunnerAddress(echo.url)).resolves.toEqual({
      cidr: '2001:db8::7/128',
      family: 'IPV6',
    });
  });

  it('rejects an answer that is not an address, naming the input and URL', async () => {
    echo.answer = '<html>captive portal</html>';
    const error = await discoverRunnerAddress(echo.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain('input "ip-echo-url"');
    expect((error as Error).message).toContain('captive portal');
    expect((error as Error).message).toContain(echo.url);
  });

  it('rejects a range: the runner has one address', async () => {
    echo.answer = '203.0.113.0/24';
    await expect(discoverRunnerAddress(echo.url)).rejects.toThrow(/not an IP address/);
  });

  it('retries a failing service once, then says it could not be read', async () => {
    echo.status = 503;
    const before = echo.requests;
    await expect(discoverRunnerAddress(echo.url)).rejects.toThrow(
      /could not be read.*HTTP 503.*value: "http:\/\/127\.0\.0\.1/,
    );
    expect(echo.requests - before).toBe(2);
  });

  it('says so when nothing listens there', async () => {
    await expect(discoverRunnerAddress('http://127.0.0.1:9/')).rejects.toThrow(
      /input "ip-echo-url": could not be read/,
    );
  });

  it('takes only http(s) URLs', async () => {
    await expect(discoverRunnerAddress('checkip.amazonaws.com')).rejects.toThrow(
      /must be an http\(s\) URL/,
    );
  });
});

describe('when allow-runner looks up the runner address', () => {
  let echo: IpEcho;
  beforeAll(async () => {
    echo = await startIpEcho('203.0.113.77');
  });
  afterAll(() => echo.close());

  /** beginRunnerAccess with allow-runner on, before any AWS call: returns the echo requests and the log. */
  async function begin(command: Command, dryRun: boolean, ipEchoUrl = echo.url) {
    const before = echo.requests;
    const log: string[] = [];
    await beginRunnerAccess({
      command,
      dryRun,
      environment: production,
      allowlist: { ipv4: [], ipv6: [] },
      runner: { ipEchoUrl, leaseMs: 60_000, onLease: () => undefined },
      log: (line) => log.push(line),
      warn: (line) => log.push(`warning: ${line}`),
    });
    return { requests: echo.requests - before, log };
  }

  it.each<Command>(['enter', 'allowlist-on', 'status'])(
    'for %s, which can let the runner in',
    async (command) => {
      const { requests, log } = await begin(command, false);
      expect(requests).toBe(1);
      expect(log).toContain(`This runner's public address: 203.0.113.77/32 (from ${echo.url})`);
    },
  );

  it.each<Command>(['exit', 'allowlist-off'])(
    'not for %s, which shuts testers (and the runner) out, even with the service down',
    async (command) => {
      const { requests, log } = await begin(command, false);
      expect(requests).toBe(0);
      expect(log).toEqual([
        `Runner not let in: ${command} shuts testers out, so the runner stays out too (its address was not looked up).`,
      ]);
      await expect(begin(command, false, 'http://127.0.0.1:9/')).resolves.toBeDefined();
    },
  );

  it('not under dry-run', async () => {
    const { requests, log } = await begin('allowlist-on', true, 'http://127.0.0.1:9/');
    expect(requests).toBe(0);
    expect(log.join('\n')).toContain('Runner not let in: dry run, nothing is written');
  });
});

describe('the state handed to the post step', () => {
  const held = {
    environment: {
      key: 'staging',
      name: 'shop-staging',
      scope: 'REGIONAL' as const,
      region: 'eu-west-1',
    },
    set: {
      role: 'allow-ipv4' as const,
      name: 'shop-staging-allow-ipv4',
      id: 'abc',
      arn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/shop-staging-allow-ipv4/abc',
    },
    lease: lease('1-1-aa-smoke', '203.0.113.7/32', 360),
    testerCidrs: ['203.0.113.0/24'],
  };

  it('survives the trip through GITHUB_STATE', () => {
    expect(decodeHeldLease(encodeHeldLease(held))).toEqual(held);
  });

  it('is empty when the main step took no lease', () => {
    expect(decodeHeldLease('')).toBeUndefined();
  });

  it('is refused when incomplete, rather than guessed', () => {
    expect(() => decodeHeldLease(JSON.stringify({ ...held, set: {} }))).toThrow(/incomplete/);
  });
});

describe('the report after the runner was let in', () => {
  const set = {
    role: 'allow-ipv4' as const,
    name: 'shop-prod-allow-ipv4',
    id: 'abc',
    arn: 'arn:aws:wafv2:us-east-1:123456789012:global/ipset/shop-prod-allow-ipv4/abc',
  };
  const status = { ...entered, command: 'status' as const, changed: false, changes: [] };

  it('shows the runner in the allowlist, the allow set written and the state it leads to', () => {
    const after = withRunnerAccess(status, 'allow-ipv4', {
      set,
      from: [],
      to: ['192.0.2.10/32'],
    });
    expect(after).toMatchObject({
      state: 'maintenance-allowlisted',
      changed: true,
      allowlist: ['192.0.2.10/32'],
      changes: [{ role: 'allow-ipv4', name: set.name, from: [], to: ['192.0.2.10/32'] }],
    });
  });

  it("folds the runner into allowlist-on's own write of the same set", () => {
    const on = {
      ...entered,
      command: 'allowlist-on' as const,
      state: 'maintenance-allowlisted' as const,
      changes: [{ role: 'allow-ipv4' as const, name: set.name, from: [], to: ['203.0.113.0/24'] }],
      allowlist: ['203.0.113.0/24', '2001:db8:1234::/48'],
    };
    const after = withRunnerAccess(on, 'allow-ipv4', {
      set,
      from: ['203.0.113.0/24'],
      to: ['192.0.2.10/32', '203.0.113.0/24'],
    });
    expect(after.changes).toEqual([
      { role: 'allow-ipv4', name: set.name, from: [], to: ['192.0.2.10/32', '203.0.113.0/24'] },
    ]);
    // One order everywhere: IPv4 then IPv6, numerically (as allowlist-on reports it).
    expect(after.allowlist).toEqual(['192.0.2.10/32', '203.0.113.0/24', '2001:db8:1234::/48']);
  });

  it('leaves the report alone when the set already let the runner through', () => {
    expect(withRunnerAccess(status, 'allow-ipv4', undefined)).toBe(status);
  });
});
