// The WAFv2 emulator, driven by the real @aws-sdk/client-wafv2 over HTTP: if these pass, the
// engine's tests against it exercise the same rules and error shapes AWS has.

import { expect } from '@jest/globals';
import {
  AssociateWebACLCommand,
  CreateIPSetCommand,
  CreateRuleGroupCommand,
  CreateWebACLCommand,
  DeleteIPSetCommand,
  DeleteRuleGroupCommand,
  DeleteWebACLCommand,
  DisassociateWebACLCommand,
  GetIPSetCommand,
  GetRuleGroupCommand,
  GetWebACLCommand,
  GetWebACLForResourceCommand,
  ListIPSetsCommand,
  ListRuleGroupsCommand,
  ListTagsForResourceCommand,
  ListWebACLsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateIPSetCommand,
  UpdateRuleGroupCommand,
  WAFV2Client,
  type Rule,
} from '@aws-sdk/client-wafv2';
import {
  createEnvironmentSets,
  startWafEmulator,
  type StoredIpSet,
  type WafEmulator,
} from '@maintenance-action/sandbox/waf-emulator/index.js';

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
let emulator: WafEmulator;

function client(region = 'eu-west-1', maxAttempts = 1): WAFV2Client {
  return new WAFV2Client({
    endpoint: emulator.endpoint,
    region,
    credentials: CREDENTIALS,
    maxAttempts,
  });
}

/** The SDK's error for a failed call, so tests can assert its name, message and members. */
async function failure(call: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await call;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, it succeeded');
}

const statusOf = (error: Record<string, unknown>): number | undefined =>
  (error['$metadata'] as { httpStatusCode?: number }).httpStatusCode;

function seed(
  name: string,
  addresses: string[] = [],
  ipAddressVersion: 'IPV4' | 'IPV6' = 'IPV4',
): StoredIpSet {
  return emulator.createIpSet({
    name,
    scope: 'REGIONAL',
    region: 'eu-west-1',
    ipAddressVersion,
    addresses,
  });
}

function update(
  set: StoredIpSet,
  fields: { Addresses: string[]; LockToken?: string; Description?: string },
) {
  return client().send(
    new UpdateIPSetCommand({
      Name: set.name,
      Scope: 'REGIONAL',
      Id: set.id,
      LockToken: set.lockToken,
      ...fields,
    }),
  );
}

beforeEach(async () => {
  emulator = await startWafEmulator();
});

afterEach(async () => {
  await emulator.close();
});

describe('IP sets through the SDK', () => {
  it('creates, reads, updates and deletes a set, with a new lock token on every write', async () => {
    const waf = client();
    const { Summary } = await waf.send(
      new CreateIPSetCommand({
        Name: 'shop-allow-ipv4',
        Scope: 'REGIONAL',
        IPAddressVersion: 'IPV4',
        Addresses: ['203.0.113.0/24'],
        Description: 'testers',
      }),
    );
    expect(Summary?.ARN).toBe(
      `arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/shop-allow-ipv4/${Summary?.Id}`,
    );
    expect(Summary?.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const key = { Name: 'shop-allow-ipv4', Scope: 'REGIONAL' as const, Id: Summary?.Id };

    const read = await waf.send(new GetIPSetCommand(key));
    expect(read.IPSet).toMatchObject({
      Addresses: ['203.0.113.0/24'],
      Description: 'testers',
      IPAddressVersion: 'IPV4',
    });
    expect(read.LockToken).toBe(Summary?.LockToken);

    // Update replaces the mutable fields: without Description, the description is gone.
    const updated = await waf.send(
      new UpdateIPSetCommand({ ...key, Addresses: ['198.51.100.7/32'], LockToken: read.LockToken }),
    );
    expect(updated.NextLockToken).toBeDefined();
    expect(updated.NextLockToken).not.toBe(read.LockToken);
    const reread = await waf.send(new GetIPSetCommand(key));
    expect(reread.IPSet?.Addresses).toEqual(['198.51.100.7/32']);
    expect(reread.IPSet?.Description).toBeUndefined();
    expect(reread.LockToken).toBe(updated.NextLockToken);

    await waf.send(new DeleteIPSetCommand({ ...key, LockToken: updated.NextLockToken }));
    const gone = await failure(waf.send(new GetIPSetCommand(key)));
    expect(gone.name).toBe('WAFNonexistentItemException');
    expect(emulator.getIpSet('shop-allow-ipv4', 'REGIONAL', 'eu-west-1')).toBeUndefined();
  });

  it('pages ListIPSets by NextMarker, never more than the page size or Limit', async () => {
    await emulator.close();
    emulator = await startWafEmulator({ listPageSize: 3 });
    const names = Array.from({ length: 7 }, (_, i) => `set-${i}`);
    names.forEach((name) => seed(name));

    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await client().send(
        new ListIPSetsCommand({
          Scope: 'REGIONAL',
          Limit: 100,
          ...(marker ? { NextMarker: marker } : {}),
        }),
      );
      expect(page.IPSets?.length).toBeLessThanOrEqual(3);
      seen.push(...(page.IPSets ?? []).map((s) => s.Name ?? ''));
      marker = page.NextMarker;
      pages += 1;
    } while (marker);
    expect(seen).toEqual(names);
    expect(pages).toBe(3);

    const limited = await client().send(new ListIPSetsCommand({ Scope: 'REGIONAL', Limit: 2 }));
    expect(limited.IPSets?.map((s) => s.Name)).toEqual(['set-0', 'set-1']);
    expect(limited.NextMarker).toBeDefined();
    expect(limited.IPSets?.[0]?.LockToken).toBe(
      emulator.getIpSet('set-0', 'REGIONAL', 'eu-west-1')?.lockToken,
    );
  });

  it('keys sets by region and scope', async () => {
    seed('shop-active-ipv4');
    const elsewhere = await client('us-east-1').send(new ListIPSetsCommand({ Scope: 'REGIONAL' }));
    expect(elsewhere.IPSets).toEqual([]);
    const here = await client('eu-west-1').send(new ListIPSetsCommand({ Scope: 'REGIONAL' }));
    expect(here.IPSets?.map((s) => s.Name)).toEqual(['shop-active-ipv4']);
    // The same name may exist in another region: it is another resource.
    const other = emulator.createIpSet({
      name: 'shop-active-ipv4',
      scope: 'REGIONAL',
      region: 'us-east-1',
      ipAddressVersion: 'IPV4',
    });
    expect(other.arn).toContain('arn:aws:wafv2:us-east-1:');
  });

  it('serves CLOUDFRONT scope only from us-east-1, with a global ARN', async () => {
    const input = {
      Name: 'cdn-active-ipv4',
      Scope: 'CLOUDFRONT' as const,
      IPAddressVersion: 'IPV4' as const,
      Addresses: [],
    };
    const wrong = await failure(client('eu-west-1').send(new CreateIPSetCommand(input)));
    expect(wrong.name).toBe('WAFInvalidParameterException');
    expect(wrong['Field']).toBe('SCOPE_VALUE');
    expect(wrong.message).toBe(
      'Error reason: The scope is not valid., field: SCOPE_VALUE, parameter: CLOUDFRONT',
    );
    expect(emulator.listStored().ipSets).toEqual([]);

    const { Summary } = await client('us-east-1').send(new CreateIPSetCommand(input));
    expect(Summary?.ARN).toBe(
      `arn:aws:wafv2:us-east-1:123456789012:global/ipset/cdn-active-ipv4/${Summary?.Id}`,
    );
  });

  it('refuses a stale lock token on update and delete, changing nothing', async () => {
    const set = seed('shop-active-ipv4', ['10.0.0.0/8']);
    emulator.setAddresses('shop-active-ipv4', 'REGIONAL', 'eu-west-1', ['10.1.0.0/16']);
    const stale = await failure(update(set, { Addresses: ['0.0.0.0/1', '128.0.0.0/1'] }));
    expect(stale.name).toBe('WAFOptimisticLockException');
    expect(statusOf(stale)).toBe(400);
    const deleted = await failure(
      client().send(
        new DeleteIPSetCommand({
          Name: set.name,
          Scope: 'REGIONAL',
          Id: set.id,
          LockToken: set.lockToken,
        }),
      ),
    );
    expect(deleted.name).toBe('WAFOptimisticLockException');
    expect(emulator.getIpSet(set.name, 'REGIONAL', 'eu-west-1')?.addresses).toEqual([
      '10.1.0.0/16',
    ]);
  });

  it('rejects a duplicate name and a missing id with WAF exception types', async () => {
    const set = seed('shop-allow-ipv6', [], 'IPV6');
    const duplicate = await failure(
      client().send(
        new CreateIPSetCommand({
          Name: set.name,
          Scope: 'REGIONAL',
          IPAddressVersion: 'IPV6',
          Addresses: [],
        }),
      ),
    );
    expect(duplicate.name).toBe('WAFDuplicateItemException');
    const missing = await failure(
      client().send(
        new GetIPSetCommand({
          Name: set.name,
          Scope: 'REGIONAL',
          Id: '00000000-0000-4000-8000-000000000000',
        }),
      ),
    );
    expect(missing.name).toBe('WAFNonexistentItemException');
  });
});

describe('what AWS validates', () => {
  it.each([
    ['a bare address', '203.0.113.7', 'IPV4'],
    ['host bits set', '203.0.113.7/24', 'IPV4'],
    ['/0', '0.0.0.0/0', 'IPV4'],
    ['a prefix over 32', '10.0.0.0/33', 'IPV4'],
    ['IPv6 in an IPv4 set', '2001:db8::/32', 'IPV4'],
    ['IPv4 in an IPv6 set', '10.0.0.0/8', 'IPV6'],
    ['IPv6 /0', '::/0', 'IPV6'],
    ['a prefix over 128', '2001:db8::/129', 'IPV6'],
    ['IPv6 host bits', '2001:db8::1/32', 'IPV6'],
    ['a non-decimal IPv4 form', '0x0a.0.0.0/8', 'IPV4'],
    ['garbage', 'not-an-ip/8', 'IPV4'],
  ] as const)(
    'rejects %s with WAFInvalidParameterException naming the value',
    async (_, address, version) => {
      const set = seed('shop-set', [], version);
      const before = emulator.getIpSet('shop-set', 'REGIONAL', 'eu-west-1');
      const error = await failure(update(set, { Addresses: [address] }));
      expect(error.name).toBe('WAFInvalidParameterException');
      expect(error['Field']).toBe('IP_ADDRESS');
      expect(error['Parameter']).toBe(address);
      expect(error.message).toContain(`parameter: ${address}`);
      expect(emulator.getIpSet('shop-set', 'REGIONAL', 'eu-west-1')).toEqual(before);
    },
  );

  it('accepts the edges: /1, /32, /128, and stores IPv6 in canonical form', async () => {
    const v4 = seed('v4');
    await update(v4, { Addresses: ['0.0.0.0/1', '128.0.0.0/1', '198.51.100.7/32'] });
    const v6 = seed('v6', [], 'IPV6');
    await update(v6, { Addresses: ['::/1', '8000::/1', '2001:DB8:0:0::1/128'] });
    expect(emulator.getIpSet('v6', 'REGIONAL', 'eu-west-1')?.addresses).toEqual([
      '::/1',
      '8000::/1',
      '2001:db8::1/128',
    ]);
  });

  it('limits a set to 10,000 addresses with WAFLimitsExceededException', async () => {
    const set = seed('big');
    const addresses = (n: number) =>
      Array.from({ length: n }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    await update(set, { Addresses: addresses(10_000) });
    const stored = emulator.getIpSet('big', 'REGIONAL', 'eu-west-1');
    const tooMany = await failure(update(stored as StoredIpSet, { Addresses: addresses(10_001) }));
    expect(tooMany.name).toBe('WAFLimitsExceededException');
    expect(tooMany.message).toContain('10001');
    expect(emulator.getIpSet('big', 'REGIONAL', 'eu-west-1')?.addresses).toHaveLength(10_000);
  });

  it.each([
    ['a name with a space', { Name: 'shop prod' }, "at 'name'"],
    ['a name over 128 characters', { Name: 'n'.repeat(129) }, 'length less than or equal to 128'],
    ['an empty name', { Name: '' }, 'length greater than or equal to 1'],
    ['a description with a quote', { Description: 'entered by "bob"' }, "at 'description'"],
    [
      'a description over 256 characters',
      { Description: 'd'.repeat(257) },
      'length less than or equal to 256',
    ],
    ['an unknown scope', { Scope: 'GLOBAL' }, 'enum value set'],
    ['a missing address list', { Addresses: undefined }, "Value null at 'addresses'"],
  ])('rejects %s with ValidationException', async (_, override, detail) => {
    const input = {
      Name: 'ok-name',
      Scope: 'REGIONAL',
      IPAddressVersion: 'IPV4',
      Addresses: [],
      ...override,
    };
    const error = await failure(client().send(new CreateIPSetCommand(input as never)));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(
      /^\d validation errors? detected: Value .* failed to satisfy constraint/,
    );
    expect(error.message).toContain(detail);
    expect(emulator.listStored().ipSets).toEqual([]);
  });

  it('accepts a window description in WAF character set, and a Limit only within 1..100', async () => {
    const set = seed('shop-active-ipv4');
    const description =
      'since=2026-11-21T23:00:00Z by=octocat run=https://github.com/o/r/actions/runs/1 reason=db migration';
    await update(set, { Addresses: [], Description: description });
    expect(emulator.getIpSet(set.name, 'REGIONAL', 'eu-west-1')?.description).toBe(description);
    for (const Limit of [0, 101]) {
      const error = await failure(
        client().send(new ListIPSetsCommand({ Scope: 'REGIONAL', Limit })),
      );
      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain('between 1 and 100');
    }
  });
});

describe('fault injection, as the SDK sees it', () => {
  it('adds latency to every call', async () => {
    seed('slow');
    emulator.setLatency(150);
    const started = Date.now();
    await client().send(new ListIPSetsCommand({ Scope: 'REGIONAL' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    const call = emulator.calls.at(-1);
    expect(call && call.end - call.start).toBeGreaterThanOrEqual(150);
  });

  it('throttles the second write within a second per region when the write rate limit is on', async () => {
    emulator.setWriteRateLimit(true);
    const set = seed('rate');
    const first = await update(set, { Addresses: ['10.0.0.0/8'] });
    const second = await failure(
      update({ ...set, lockToken: first.NextLockToken ?? '' }, { Addresses: [] }),
    );
    expect(second.name).toBe('ThrottlingException');
    expect(statusOf(second)).toBe(400);
    // Reads are not writes, and another region has its own budget.
    await client().send(new GetIPSetCommand({ Name: set.name, Scope: 'REGIONAL', Id: set.id }));
    await client('us-east-1').send(
      new CreateIPSetCommand({
        Name: 'other',
        Scope: 'REGIONAL',
        IPAddressVersion: 'IPV4',
        Addresses: [],
      }),
    );
    expect(emulator.calls.map((c) => c.errorType ?? c.status)).toEqual([
      200,
      'ThrottlingException',
      200,
      200,
    ]);
  });

  it('throttles the next N matching calls, and the SDK retries them when allowed to', async () => {
    emulator.throttleNext(1, { operation: 'ListIPSets' });
    const error = await failure(client().send(new ListIPSetsCommand({ Scope: 'REGIONAL' })));
    expect(error.name).toBe('ThrottlingException');
    emulator.throttleNext(1);
    const retried = await client('eu-west-1', 3).send(new ListIPSetsCommand({ Scope: 'REGIONAL' }));
    expect(retried.$metadata.attempts).toBe(2);
  });

  it('fails the next N matching calls with 500 or 503', async () => {
    const set = seed('flaky');
    emulator.failNext(1, { operation: 'UpdateIPSet' });
    await client().send(new GetIPSetCommand({ Name: set.name, Scope: 'REGIONAL', Id: set.id }));
    const internal = await failure(update(set, { Addresses: [] }));
    expect(internal.name).toBe('WAFInternalErrorException');
    expect(statusOf(internal)).toBe(500);

    emulator.failNext(2, { status: 503 });
    const unavailable = await failure(client().send(new ListIPSetsCommand({ Scope: 'REGIONAL' })));
    expect(unavailable.name).toBe('ServiceUnavailable');
    expect(statusOf(unavailable)).toBe(503);
    const retried = await client('eu-west-1', 3).send(new ListIPSetsCommand({ Scope: 'REGIONAL' }));
    expect(retried.$metadata.attempts).toBe(2);
  });

  it('lets a concurrent writer in before the next update, which then hits the lock', async () => {
    const set = seed('shop-allow-ipv4', ['203.0.113.0/24']);
    emulator.raceNextWrite('shop-allow-ipv4', (addresses) => [...addresses, '198.51.100.0/24']);
    const lost = await failure(update(set, { Addresses: [] }));
    expect(lost.name).toBe('WAFOptimisticLockException');
    const now = emulator.getIpSet('shop-allow-ipv4', 'REGIONAL', 'eu-west-1');
    expect(now?.addresses).toEqual(['203.0.113.0/24', '198.51.100.0/24']);
    expect(now?.lockToken).not.toBe(set.lockToken);
    // The race is one-shot: re-reading and re-applying succeeds.
    await update(now as StoredIpSet, { Addresses: ['198.51.100.0/24'] });
    expect(emulator.getIpSet('shop-allow-ipv4', 'REGIONAL', 'eu-west-1')?.addresses).toEqual([
      '198.51.100.0/24',
    ]);
  });

  it("denies an operation with IAM's message, optionally on one ARN only", async () => {
    const [active, , allow] = createEnvironmentSets(emulator, 'shop', 'REGIONAL', 'eu-west-1');
    emulator.denyAccess('UpdateIPSet', { resourceArn: allow?.arn ?? '' });
    await update(active as StoredIpSet, { Addresses: ['0.0.0.0/1'] });
    const denied = await failure(update(allow as StoredIpSet, { Addresses: ['0.0.0.0/1'] }));
    expect(denied.name).toBe('AccessDeniedException');
    expect(statusOf(denied)).toBe(400);
    expect(denied.message).toBe(
      `User: arn:aws:sts::123456789012:assumed-role/test/session is not authorized to perform: wafv2:UpdateIPSet on resource: ${allow?.arn} because no identity-based policy allows the wafv2:UpdateIPSet action`,
    );
    emulator.denyAccess('ListIPSets');
    const list = await failure(client().send(new ListIPSetsCommand({ Scope: 'REGIONAL' })));
    expect(list.message).toContain(
      'wafv2:ListIPSets on resource: arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/*/*',
    );
  });
});

describe('tags on IP sets', () => {
  it('adds, lists, removes tags without changing the lock token, and enforces AWS limits', async () => {
    const set = seed('shop-allow-ipv4');
    const waf = client();
    await waf.send(
      new TagResourceCommand({
        ResourceARN: set.arn,
        Tags: [
          { Key: 'lease/run-1', Value: '2026-11-21T23:00:00Z' },
          { Key: 'empty', Value: '' },
        ],
      }),
    );
    await waf.send(new UntagResourceCommand({ ResourceARN: set.arn, TagKeys: ['empty'] }));
    const listed = await waf.send(new ListTagsForResourceCommand({ ResourceARN: set.arn }));
    expect(listed.TagInfoForResource).toEqual({
      ResourceARN: set.arn,
      TagList: [{ Key: 'lease/run-1', Value: '2026-11-21T23:00:00Z' }],
    });
    expect(emulator.getIpSet(set.name, 'REGIONAL', 'eu-west-1')?.lockToken).toBe(set.lockToken);

    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const tooMany = await failure(
      waf.send(new TagResourceCommand({ ResourceARN: set.arn, Tags: fifty })),
    );
    expect(tooMany.name).toBe('WAFLimitsExceededException');
    const longKey = await failure(
      waf.send(
        new TagResourceCommand({
          ResourceARN: set.arn,
          Tags: [{ Key: 'k'.repeat(129), Value: 'v' }],
        }),
      ),
    );
    expect(longKey.name).toBe('ValidationException');
    const longValue = await failure(
      waf.send(
        new TagResourceCommand({
          ResourceARN: set.arn,
          Tags: [{ Key: 'k', Value: 'v'.repeat(257) }],
        }),
      ),
    );
    expect(longValue.name).toBe('ValidationException');
    expect(emulator.getIpSet(set.name, 'REGIONAL', 'eu-west-1')?.tags).toEqual({
      'lease/run-1': '2026-11-21T23:00:00Z',
    });

    const unknown = await failure(
      waf.send(
        new ListTagsForResourceCommand({
          ResourceARN: set.arn.replace(set.id, '00000000-0000-4000-8000-000000000000'),
        }),
      ),
    );
    expect(unknown.name).toBe('WAFNonexistentItemException');
  });
});

describe('rule groups and web ACLs', () => {
  it('stores them as given, returns them with Id, ARN and LockToken, and protects referenced sets', async () => {
    const [active, , allow] = createEnvironmentSets(emulator, 'shop', 'REGIONAL', 'eu-west-1');
    const visibility = {
      SampledRequestsEnabled: false,
      CloudWatchMetricsEnabled: false,
      MetricName: 'shop',
    };
    const rules: Rule[] = [
      {
        Name: 'shop-page',
        Priority: 1,
        Action: { Block: { CustomResponse: { ResponseCode: 503, CustomResponseBodyKey: 'page' } } },
        Statement: {
          AndStatement: {
            Statements: [
              { IPSetReferenceStatement: { ARN: active?.arn } },
              { NotStatement: { Statement: { IPSetReferenceStatement: { ARN: allow?.arn } } } },
            ],
          },
        },
        VisibilityConfig: visibility,
      },
    ];
    const bodies = { page: { ContentType: 'TEXT_HTML' as const, Content: '<h1>Back soon</h1>' } };
    const waf = client();
    const { Summary: group } = await waf.send(
      new CreateRuleGroupCommand({
        Name: 'shop-maintenance',
        Scope: 'REGIONAL',
        Capacity: 10,
        Rules: rules,
        VisibilityConfig: visibility,
        CustomResponseBodies: bodies,
      }),
    );
    expect(group?.ARN).toBe(
      `arn:aws:wafv2:eu-west-1:123456789012:regional/rulegroup/shop-maintenance/${group?.Id}`,
    );
    const read = await waf.send(new GetRuleGroupCommand({ ARN: group?.ARN }));
    expect(read.RuleGroup).toMatchObject({
      Name: 'shop-maintenance',
      Capacity: 10,
      Rules: rules,
      CustomResponseBodies: bodies,
    });
    expect(read.LockToken).toBe(group?.LockToken);

    const { Summary: acl } = await waf.send(
      new CreateWebACLCommand({
        Name: 'shop',
        Scope: 'REGIONAL',
        DefaultAction: { Allow: {} },
        VisibilityConfig: visibility,
        Rules: [
          {
            Name: 'maintenance',
            Priority: 0,
            OverrideAction: { None: {} },
            Statement: { RuleGroupReferenceStatement: { ARN: group?.ARN } },
            VisibilityConfig: visibility,
          },
        ],
      }),
    );
    const gotAcl = await waf.send(
      new GetWebACLCommand({ Name: 'shop', Scope: 'REGIONAL', Id: acl?.Id }),
    );
    expect(gotAcl.WebACL?.DefaultAction).toEqual({ Allow: {} });
    expect(
      (await waf.send(new ListRuleGroupsCommand({ Scope: 'REGIONAL' }))).RuleGroups?.map(
        (g) => g.Name,
      ),
    ).toEqual(['shop-maintenance']);
    expect(
      (await waf.send(new ListWebACLsCommand({ Scope: 'REGIONAL' }))).WebACLs?.map((g) => g.Name),
    ).toEqual(['shop']);
    expect(emulator.listStored().ruleGroups).toEqual([
      expect.objectContaining({ ARN: group?.ARN, Rules: rules }),
    ]);
    expect(emulator.listStored().webAcls).toHaveLength(1);

    const inUse = await failure(
      waf.send(
        new DeleteIPSetCommand({
          Name: 'shop-active-ipv4',
          Scope: 'REGIONAL',
          Id: active?.id,
          LockToken: active?.lockToken,
        }),
      ),
    );
    expect(inUse.name).toBe('WAFAssociatedItemException');
    const dangling = await failure(
      waf.send(
        new CreateRuleGroupCommand({
          Name: 'dangling',
          Scope: 'REGIONAL',
          Capacity: 1,
          VisibilityConfig: visibility,
          Rules: [
            {
              ...rules[0],
              Statement: {
                IPSetReferenceStatement: {
                  ARN: active?.arn.replace(active.id, '00000000-0000-4000-8000-000000000000'),
                },
              },
            } as Rule,
          ],
        }),
      ),
    );
    expect(dangling.name).toBe('WAFNonexistentItemException');

    // What Terraform does next: update with the lock token, associate, and tear down in order.
    const stale = await failure(
      waf.send(
        new UpdateRuleGroupCommand({
          Name: 'shop-maintenance',
          Scope: 'REGIONAL',
          Id: group?.Id,
          LockToken: '00000000-0000-4000-8000-000000000000',
          Rules: rules,
          VisibilityConfig: visibility,
        }),
      ),
    );
    expect(stale.name).toBe('WAFOptimisticLockException');
    const updated = await waf.send(
      new UpdateRuleGroupCommand({
        Name: 'shop-maintenance',
        Scope: 'REGIONAL',
        Id: group?.Id,
        LockToken: group?.LockToken,
        Description: 'updated',
        Rules: rules,
        VisibilityConfig: visibility,
      }),
    );
    const reread = await waf.send(new GetRuleGroupCommand({ ARN: group?.ARN }));
    expect(reread.LockToken).toBe(updated.NextLockToken);
    // Capacity is fixed at creation; the bodies not sent again are gone, as in a full replace.
    expect(reread.RuleGroup).toMatchObject({ Description: 'updated', Capacity: 10 });
    expect(reread.RuleGroup?.CustomResponseBodies).toBeUndefined();
    const referenced = await failure(
      waf.send(
        new DeleteRuleGroupCommand({
          Name: 'shop-maintenance',
          Scope: 'REGIONAL',
          Id: group?.Id,
          LockToken: updated.NextLockToken,
        }),
      ),
    );
    expect(referenced.name).toBe('WAFAssociatedItemException');

    const alb = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/1';
    await waf.send(new AssociateWebACLCommand({ WebACLArn: acl?.ARN, ResourceArn: alb }));
    const served = await waf.send(new GetWebACLForResourceCommand({ ResourceArn: alb }));
    expect(served.WebACL?.Name).toBe('shop');
    const { LockToken: aclToken } = await waf.send(new GetWebACLCommand({ ARN: acl?.ARN }));
    const deleteAcl = new DeleteWebACLCommand({
      Name: 'shop',
      Scope: 'REGIONAL',
      Id: acl?.Id,
      LockToken: aclToken,
    });
    expect((await failure(waf.send(deleteAcl))).name).toBe('WAFAssociatedItemException');
    await waf.send(new DisassociateWebACLCommand({ ResourceArn: alb }));
    expect((await waf.send(new GetWebACLForResourceCommand({ ResourceArn: alb }))).WebACL).toBe(
      undefined,
    );
    await waf.send(deleteAcl);
    await waf.send(
      new DeleteRuleGroupCommand({
        Name: 'shop-maintenance',
        Scope: 'REGIONAL',
        Id: group?.Id,
        LockToken: updated.NextLockToken,
      }),
    );
    expect(emulator.listStored().ruleGroups).toEqual([]);
    expect(emulator.listStored().webAcls).toEqual([]);
  });
});

describe('the wire protocol', () => {
  const headers = (target: string) => ({
    'Content-Type': 'application/x-amz-json-1.1',
    'X-Amz-Target': target,
    Authorization:
      'AWS4-HMAC-SHA256 Credential=test/20261121/eu-west-1/wafv2/aws4_request, SignedHeaders=host, Signature=0',
  });

  it('answers an unknown operation and errors in AWS JSON 1.1 shape', async () => {
    const unknown = await fetch(emulator.endpoint, {
      method: 'POST',
      headers: headers('AWSWAF_20190729.FlyToTheMoon'),
      body: '{}',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });

    const missing = await fetch(emulator.endpoint, {
      method: 'POST',
      headers: headers('AWSWAF_20190729.GetIPSet'),
      body: JSON.stringify({
        Name: 'x',
        Scope: 'REGIONAL',
        Id: '00000000-0000-4000-8000-000000000000',
      }),
    });
    expect(missing.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await missing.json()).toEqual({
      __type: 'WAFNonexistentItemException',
      Message: 'AWS WAF couldn’t perform the operation because your resource doesn’t exist.',
    });
  });

  it('is found through AWS_ENDPOINT_URL_WAFV2, as the engine finds it', async () => {
    seed('via-env');
    const saved = process.env['AWS_ENDPOINT_URL_WAFV2'];
    process.env['AWS_ENDPOINT_URL_WAFV2'] = emulator.endpoint;
    try {
      const waf = new WAFV2Client({ region: 'eu-west-1', credentials: CREDENTIALS });
      const listed = await waf.send(new ListIPSetsCommand({ Scope: 'REGIONAL' }));
      expect(listed.IPSets?.map((s) => s.Name)).toEqual(['via-env']);
    } finally {
      if (saved === undefined) delete process.env['AWS_ENDPOINT_URL_WAFV2'];
      else process.env['AWS_ENDPOINT_URL_WAFV2'] = saved;
    }
  });
});

describe('direct access for seeding', () => {
  it('creates the four sets of an environment and validates like the API', () => {
    const sets = createEnvironmentSets(emulator, 'shop-prod', 'CLOUDFRONT', 'us-east-1');
    expect(sets.map((s) => [s.name, s.ipAddressVersion, s.addresses])).toEqual([
      ['shop-prod-active-ipv4', 'IPV4', []],
      ['shop-prod-active-ipv6', 'IPV6', []],
      ['shop-prod-allow-ipv4', 'IPV4', []],
      ['shop-prod-allow-ipv6', 'IPV6', []],
    ]);
    expect(() => createEnvironmentSets(emulator, 'shop-prod', 'CLOUDFRONT', 'eu-west-1')).toThrow(
      expect.objectContaining({ name: 'WAFInvalidParameterException' }),
    );
    expect(() => seed('bad', ['10.0.0.1/8'])).toThrow(/parameter: 10\.0\.0\.1\/8/);
    const before = emulator.getIpSet('shop-prod-active-ipv4', 'CLOUDFRONT', 'us-east-1');
    emulator.setAddresses('shop-prod-active-ipv4', 'CLOUDFRONT', 'us-east-1', [
      '0.0.0.0/1',
      '128.0.0.0/1',
    ]);
    const after = emulator.getIpSet('shop-prod-active-ipv4', 'CLOUDFRONT', 'us-east-1');
    expect(after?.addresses).toEqual(['0.0.0.0/1', '128.0.0.0/1']);
    expect(after?.lockToken).not.toBe(before?.lockToken);
  });
});
