// Leases as tags on the allow set, through the real @aws-sdk/client-wafv2 against the local WAFv2
// emulator: what each transition writes, two jobs behind one address, testers, expiry, races
// and crashes between the two writes.
import { TagResourceCommand, UpdateIPSetCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { findSets, type IpSetHandle } from '../../src/aws/ip-sets.js';
import { leaseTagValue, type Lease } from '../../src/runner-access/lease.js';
import { readLeases } from '../../src/runner-access/lease-tags.js';
import {
  acquireLease,
  pruneExpiredLeases,
  releaseLease,
  type LeaseContext,
} from '../../src/runner-access/leases.js';
import { DUMMY_CREDENTIALS } from '../../sandbox/src/aws-env.js';
import {
  createEnvironmentSets,
  startWafEmulator,
  type WafEmulator,
} from '../../sandbox/src/waf-emulator/index.js';

const REGION = 'eu-west-1';
const RUNNER = '203.0.113.77/32';
const HOUR = 3600_000;

let emulator: WafEmulator;
let client: WAFV2Client;
beforeAll(async () => {
  emulator = await startWafEmulator();
  client = new WAFV2Client({
    region: REGION,
    endpoint: emulator.endpoint,
    credentials: { accessKeyId: DUMMY_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await emulator.close();
});

let sequence = 0;
let set: IpSetHandle;
let now: Date;
const ctx = (overrides: Partial<LeaseContext> = {}): LeaseContext => ({
  client,
  scope: 'REGIONAL',
  testerCidrs: [],
  now: () => now,
  sleep: async () => {},
  ...overrides,
});
const lease = (job: string, cidr = RUNNER, hours = 6): Lease => ({
  key: `lease:1-1-${job}`,
  cidr,
  expiresAt: new Date(now.getTime() + hours * HOUR),
});
const addresses = () => emulator.getIpSet(set.name, 'REGIONAL', REGION)!.addresses.sort();
const tags = () => emulator.getIpSet(set.name, 'REGIONAL', REGION)!.tags;
/** The write calls (by operation) made by `action`. */
async function writesOf(action: () => Promise<unknown>): Promise<string[]> {
  const from = emulator.calls.length;
  await action();
  return emulator.calls
    .slice(from)
    .map((c) => c.operation)
    .filter((op) => /^(Update|Tag|Untag)/.test(op));
}

beforeEach(async () => {
  const prefix = `lease-${++sequence}`;
  createEnvironmentSets(emulator, prefix, 'REGIONAL', REGION);
  set = (await findSets(client, 'REGIONAL', REGION, prefix))['allow-ipv4'];
  now = new Date('2026-11-21T12:00:00.000Z');
});

describe('one job', () => {
  it('acquire: 1 tag write then 1 address write; release: 1 address write then 1 untag', async () => {
    const mine = lease('a');
    expect(await writesOf(() => acquireLease(ctx(), set, mine))).toEqual([
      'TagResource',
      'UpdateIPSet',
    ]);
    expect(addresses()).toEqual([RUNNER]);
    expect(tags()).toEqual({ [mine.key]: leaseTagValue(mine) });

    expect(await writesOf(() => releaseLease(ctx(), set, mine))).toEqual([
      'UpdateIPSet',
      'UntagResource',
    ]);
    expect(addresses()).toEqual([]);
    expect(tags()).toEqual({});
  });

  it('keeps the other addresses in the set (additive and subtractive edits)', async () => {
    emulator.setAddresses(set.name, 'REGIONAL', REGION, ['198.51.100.0/24']);
    await acquireLease(ctx(), set, lease('a'));
    expect(addresses()).toEqual(['198.51.100.0/24', RUNNER]);
    await releaseLease(ctx(), set, lease('a'));
    expect(addresses()).toEqual(['198.51.100.0/24']);
  });

  it('writes no address when a range in the set already covers the runner', async () => {
    emulator.setAddresses(set.name, 'REGIONAL', REGION, ['203.0.113.0/24']);
    expect(await writesOf(() => acquireLease(ctx(), set, lease('a')))).toEqual(['TagResource']);
    expect(await writesOf(() => releaseLease(ctx(), set, lease('a')))).toEqual(['UntagResource']);
    expect(addresses()).toEqual(['203.0.113.0/24']);
  });

  it('leaves other tags on the set alone', async () => {
    await client.send(
      new TagResourceCommand({ ResourceARN: set.arn, Tags: [{ Key: 'team', Value: 'shop' }] }),
    );
    await acquireLease(ctx(), set, lease('a'));
    await releaseLease(ctx(), set, lease('a'));
    expect(tags()).toEqual({ team: 'shop' });
  });
});

describe('two jobs behind one NAT address', () => {
  it('the first to finish leaves the address for the other; the last removes it', async () => {
    const a = lease('a');
    const b = lease('b');
    await acquireLease(ctx(), set, a);
    expect(await writesOf(() => acquireLease(ctx(), set, b))).toEqual(['TagResource']);

    expect(await writesOf(() => releaseLease(ctx(), set, a))).toEqual(['UntagResource']);
    expect(addresses()).toEqual([RUNNER]);
    expect(Object.keys(tags())).toEqual([b.key]);

    await releaseLease(ctx(), set, b);
    expect(addresses()).toEqual([]);
    expect(tags()).toEqual({});
  });

  it('a lease taken while another job removes the address gets it back', async () => {
    const a = lease('a');
    const b = lease('b');
    await acquireLease(ctx(), set, a);
    // Job b tags its lease after job a decided to remove the address, before a's write lands.
    const racing = Object.create(client) as WAFV2Client;
    let raced = false;
    racing.send = (async (command: unknown) => {
      if (command instanceof UpdateIPSetCommand && !raced) {
        raced = true;
        await client.send(
          new TagResourceCommand({
            ResourceARN: set.arn,
            Tags: [{ Key: b.key, Value: leaseTagValue(b) }],
          }),
        );
      }
      return client.send(command as never);
    }) as WAFV2Client['send'];

    const outcome = await releaseLease(ctx({ client: racing }), set, a);
    expect(raced).toBe(true);
    expect(addresses()).toEqual([RUNNER]);
    expect(outcome.live.map((l) => l.key)).toEqual([b.key]);
  });
});

describe('testers', () => {
  it('an address a configured tester range covers stays when the lease ends', async () => {
    await acquireLease(ctx(), set, lease('a'));
    const writes = await writesOf(() =>
      releaseLease(ctx({ testerCidrs: ['203.0.113.0/24'] }), set, lease('a')),
    );
    expect(writes).toEqual(['UntagResource']);
    expect(addresses()).toEqual([RUNNER]);
  });
});

describe('a job that never ran its post step', () => {
  it('its lease expires and the next prune removes it and its address', async () => {
    const dead = lease('dead', RUNNER, 6);
    await acquireLease(ctx(), set, dead);

    // Before expiry: nothing to prune, one read and no writes.
    expect(await writesOf(() => pruneExpiredLeases(ctx(), set))).toEqual([]);
    expect(addresses()).toEqual([RUNNER]);

    now = new Date(now.getTime() + 6 * HOUR);
    const writes = await writesOf(() => pruneExpiredLeases(ctx(), set));
    expect(writes).toEqual(['UpdateIPSet', 'UntagResource']);
    expect(addresses()).toEqual([]);
    expect(tags()).toEqual({});
  });

  it('pruning keeps an address another live lease still holds', async () => {
    await acquireLease(ctx(), set, lease('dead', RUNNER, 1));
    await acquireLease(ctx(), set, lease('alive', RUNNER, 6));
    now = new Date(now.getTime() + 2 * HOUR);
    const outcome = await pruneExpiredLeases(ctx(), set);
    expect(outcome.ended.map((l) => l.key)).toEqual(['lease:1-1-dead']);
    expect(addresses()).toEqual([RUNNER]);
    expect(Object.keys(tags())).toEqual(['lease:1-1-alive']);
  });

  it('several expired leases on different addresses cost one address write and one untag', async () => {
    for (const [job, cidr] of [
      ['x', '203.0.113.1/32'],
      ['y', '203.0.113.2/32'],
      ['z', '203.0.113.3/32'],
    ] as const) {
      await acquireLease(ctx(), set, lease(job, cidr, 1));
    }
    now = new Date(now.getTime() + 2 * HOUR);
    expect(await writesOf(() => pruneExpiredLeases(ctx(), set))).toEqual([
      'UpdateIPSet',
      'UntagResource',
    ]);
    expect(addresses()).toEqual([]);
  });
});

describe('a crash between the two writes never leaves an address without a lease', () => {
  it('acquire fails after tagging: a lease without its address, pruned harmlessly later', async () => {
    emulator.denyAccess('UpdateIPSet', { resourceArn: set.arn });
    await expect(acquireLease(ctx(), set, lease('a', RUNNER, 1))).rejects.toThrow(
      /Access denied.*wafv2:UpdateIPSet/,
    );
    expect(addresses()).toEqual([]);
    expect(Object.keys(tags())).toEqual(['lease:1-1-a']);
  });

  it('release fails after removing: the address is gone, the lease tag expires', async () => {
    await acquireLease(ctx(), set, lease('a', RUNNER, 1));
    emulator.denyAccess('UntagResource', { resourceArn: set.arn });
    await expect(releaseLease(ctx(), set, lease('a', RUNNER, 1))).rejects.toThrow(
      /wafv2:UntagResource/,
    );
    expect(addresses()).toEqual([]);
    expect((await readLeases(client, set.arn)).map((l) => l.key)).toEqual(['lease:1-1-a']);
  });
});
