// The engine against the local WAFv2 emulator, through the real @aws-sdk/client-wafv2 over HTTP.
import { runCommand, type CommandRequest } from '../../src/engine/run-command.js';
import { createWafClient } from '../../src/aws/client.js';
import { InputError } from '../../src/domain/errors.js';
import type { Command, Environment } from '../../src/domain/types.js';
import { createEnvironmentSets } from '@maintenance-action/sandbox/waf-emulator/index.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const emulator = emulatorForSuite();
const staging: Environment = {
  key: 'staging',
  name: 'shop-staging',
  scope: 'REGIONAL',
  region: 'eu-west-1',
  testers: ['QA office'],
};
const testers = { ipv4: ['203.0.113.0/24'], ipv6: ['2001:db8:1234::/48'] };
const FULL_V4 = ['0.0.0.0/1', '128.0.0.0/1'];
const FULL_V6 = ['8000::/1', '::/1'];

let prefixSeq = 0;
function freshEnvironment(overrides: Partial<Environment> = {}): Environment {
  const env = { ...staging, name: `shop-${++prefixSeq}`, ...overrides };
  createEnvironmentSets(
    emulator(),
    env.name,
    env.scope,
    env.scope === 'CLOUDFRONT' ? 'us-east-1' : env.region,
  );
  return env;
}

const octocat = { actor: 'octocat', run: 'acme/shop/actions/runs/42' };

function run(command: Command, environment: Environment, extra: Partial<CommandRequest> = {}) {
  return runCommand({
    command,
    environment,
    allowlist: testers,
    dryRun: false,
    invoker: octocat,
    client: createWafClient(environment),
    ...extra,
  });
}

function addresses(env: Environment, role: string): string[] {
  const region = env.scope === 'CLOUDFRONT' ? 'us-east-1' : env.region;
  return [
    ...(emulator().getIpSet(`${env.name}-${role}`, env.scope, region)?.addresses ?? []),
  ].sort();
}

function operations(): string[] {
  return emulator().calls.map((c) => c.operation);
}

describe('the lifecycle', () => {
  it('enter -> allowlist-on -> allowlist-off -> exit, writing only what differs', async () => {
    const env = freshEnvironment();
    const status = await run('status', env);
    expect(status).toMatchObject({ previousState: 'normal', state: 'normal', changed: false });

    emulator().resetCalls();
    const clock = new Date('2026-11-21T23:00:00.000Z');
    const enter = await run('enter', env, { reason: 'schema migration', now: () => clock });
    expect(enter).toMatchObject({ previousState: 'normal', state: 'maintenance', changed: true });
    expect(enter.window).toEqual({
      since: '2026-11-21T23:00:00.000Z',
      actor: 'octocat',
      run: 'acme/shop/actions/runs/42',
      reason: 'schema migration',
    });
    expect(addresses(env, 'active-ipv4')).toEqual(FULL_V4);
    expect(addresses(env, 'active-ipv6')).toEqual(FULL_V6);
    expect(operations().filter((o) => o === 'UpdateIPSet')).toHaveLength(2);
    expect(
      emulator().getIpSet(`${env.name}-active-ipv4`, 'REGIONAL', 'eu-west-1')?.description,
    ).toContain('reason=schema migration');

    const on = await run('allowlist-on', env);
    expect(on).toMatchObject({ state: 'maintenance-allowlisted', changed: true });
    expect(on.allowlist).toEqual(['203.0.113.0/24', '2001:db8:1234::/48']);
    expect(addresses(env, 'allow-ipv6')).toEqual(['2001:db8:1234::/48']);
    // The window survives the allowlist change.
    expect((await run('status', env)).window?.reason).toBe('schema migration');

    const off = await run('allowlist-off', env);
    expect(off).toMatchObject({ previousState: 'maintenance-allowlisted', state: 'maintenance' });
    expect(addresses(env, 'allow-ipv4')).toEqual([]);

    const later = new Date('2026-11-22T00:30:00.000Z');
    const exit = await run('exit', env, {
      now: () => later,
      invoker: { actor: 'hubot', run: 'acme/shop/actions/runs/43' },
    });
    expect(exit).toMatchObject({ previousState: 'maintenance', state: 'normal', changed: true });
    expect(exit.endedWindow?.durationMs).toBe(90 * 60 * 1000);
    expect(addresses(env, 'active-ipv4')).toEqual([]);

    const after = await run('status', env);
    expect(after.lastWindow).toMatchObject({
      since: '2026-11-21T23:00:00.000Z',
      until: '2026-11-22T00:30:00.000Z',
      closedBy: 'hubot',
    });
  });

  it('a repeated command writes nothing and says changed=false', async () => {
    const env = freshEnvironment();
    await run('enter', env);
    emulator().resetCalls();
    const again = await run('enter', env);
    expect(again).toMatchObject({ state: 'maintenance', changed: false, changes: [] });
    expect(operations()).not.toContain('UpdateIPSet');
  });

  it('status costs 2 lists and 5 reads; enter the same, 2 writes and 5 verifying reads', async () => {
    const env = freshEnvironment();
    emulator().resetCalls();
    await run('status', env);
    expect(operations().sort()).toEqual([
      'GetIPSet',
      'GetIPSet',
      'GetIPSet',
      'GetIPSet',
      'GetRegexPatternSet',
      'ListIPSets',
      'ListRegexPatternSets',
    ]);
    emulator().resetCalls();
    await run('enter', env);
    expect(operations().filter((o) => o.startsWith('List'))).toHaveLength(2);
    expect(operations().filter((o) => o === 'GetIPSet')).toHaveLength(8);
    expect(operations().filter((o) => o === 'GetRegexPatternSet')).toHaveLength(2);
    expect(operations().filter((o) => o === 'UpdateIPSet')).toHaveLength(2);
  });

  it('dry-run reports the plan and writes nothing', async () => {
    const env = freshEnvironment();
    emulator().resetCalls();
    const plan = await run('enter', env, { dryRun: true });
    // The state is the one read; the plan's is apart.
    expect(plan).toMatchObject({
      dryRun: true,
      previousState: 'normal',
      state: 'normal',
      plannedState: 'maintenance',
      changed: false,
    });
    expect(plan.changes.map((c) => [c.name, c.from, c.to])).toEqual([
      [`${env.name}-active-ipv4`, [], ['0.0.0.0/1', '128.0.0.0/1']],
      [`${env.name}-active-ipv6`, [], ['::/1', '8000::/1']],
    ]);
    expect(operations()).not.toContain('UpdateIPSet');
    expect(addresses(env, 'active-ipv4')).toEqual([]);
  });

  it('allowlist-on while normal fails before any write', async () => {
    const env = freshEnvironment();
    emulator().resetCalls();
    await expect(run('allowlist-on', env)).rejects.toThrow(InputError);
    expect(operations()).not.toContain('UpdateIPSet');
  });

  it('CLOUDFRONT always talks to us-east-1', async () => {
    const env = freshEnvironment({ scope: 'CLOUDFRONT', region: 'us-east-1' });
    emulator().resetCalls();
    const client = createWafClient({ scope: 'CLOUDFRONT', region: 'eu-west-1' });
    await run('enter', env, { client });
    expect(new Set(emulator().calls.map((c) => c.region))).toEqual(new Set(['us-east-1']));
    expect(addresses(env, 'active-ipv6')).toEqual(FULL_V6);
  });
});

describe('inconsistent states', () => {
  it('reports exactly which set differs, and enter repairs it', async () => {
    const env = freshEnvironment();
    emulator().setAddresses(`${env.name}-active-ipv4`, 'REGIONAL', 'eu-west-1', FULL_V4);
    const status = await run('status', env);
    expect(status.state).toBe('inconsistent');
    expect(status.inconsistencies).toEqual([
      `${env.name}-active-ipv4 is full but ${env.name}-active-ipv6 is empty: IPv4 visitors see the maintenance page while IPv6 visitors reach the site`,
    ]);
    emulator().resetCalls();
    const enter = await run('enter', env);
    expect(enter).toMatchObject({ previousState: 'inconsistent', state: 'maintenance' });
    expect(enter.changes.map((c) => c.role)).toEqual(['active-ipv6']);
    // The set was filled by hand, with no window recorded: enter records one.
    expect(enter.window?.actor).toBe('octocat');
  });

  it('a repair continues the window that was open, and reports it while inconsistent', async () => {
    const env = freshEnvironment();
    const opened = new Date('2026-11-21T23:00:00.000Z');
    await run('enter', env, { reason: 'migration', now: () => opened });
    emulator().setAddresses(`${env.name}-active-ipv6`, 'REGIONAL', 'eu-west-1', []);

    const status = await run('status', env);
    expect(status.state).toBe('inconsistent');
    expect(status.window).toMatchObject({ since: opened.toISOString(), reason: 'migration' });

    emulator().resetCalls();
    const repaired = await run('enter', env, { reason: 'another reason' });
    expect(repaired.changes.map((c) => c.role)).toEqual(['active-ipv6']);
    expect(repaired.window).toMatchObject({ since: opened.toISOString(), reason: 'migration' });
    expect(emulator().calls.filter((c) => c.operation === 'UpdateIPSet')).toHaveLength(1);
  });

  it('exit from a half-switched environment reports how long the window lasted', async () => {
    const env = freshEnvironment();
    const opened = new Date('2026-11-21T23:00:00.000Z');
    await run('enter', env, { now: () => opened });
    emulator().setAddresses(`${env.name}-active-ipv6`, 'REGIONAL', 'eu-west-1', []);
    const later = new Date('2026-11-21T23:45:00.000Z');
    const exit = await run('exit', env, { now: () => later });
    expect(exit).toMatchObject({ previousState: 'inconsistent', state: 'normal' });
    expect(exit.endedWindow?.durationMs).toBe(45 * 60 * 1000);
  });

  it('never writes a description alone into an environment that is off', async () => {
    const env = freshEnvironment();
    await run('enter', env);
    // Both active sets emptied by hand: the open window record is stale.
    emulator().setAddresses(`${env.name}-active-ipv4`, 'REGIONAL', 'eu-west-1', []);
    emulator().setAddresses(`${env.name}-active-ipv6`, 'REGIONAL', 'eu-west-1', []);
    emulator().resetCalls();
    const exit = await run('exit', env);
    expect(exit).toMatchObject({ previousState: 'normal', state: 'normal', changed: false });
    expect(exit.changes).toEqual([]);
    expect(emulator().calls.filter((c) => c.operation === 'UpdateIPSet')).toHaveLength(0);
  });

  it('exit repairs it too', async () => {
    const env = freshEnvironment();
    emulator().setAddresses(`${env.name}-active-ipv6`, 'REGIONAL', 'eu-west-1', FULL_V6);
    emulator().setAddresses(`${env.name}-allow-ipv4`, 'REGIONAL', 'eu-west-1', ['10.0.0.0/8']);
    const exit = await run('exit', env);
    expect(exit).toMatchObject({ previousState: 'inconsistent', state: 'normal' });
    expect(addresses(env, 'allow-ipv4')).toEqual([]);
    expect(addresses(env, 'active-ipv6')).toEqual([]);
  });
});

describe('faults', () => {
  it('allowlist-on re-applies its change after a lock race: exactly the configured testers', async () => {
    const env = freshEnvironment();
    await run('enter', env);
    emulator().resetCalls();
    // Another writer adds an address between our read and our write.
    emulator().raceNextWrite(`${env.name}-allow-ipv4`, (addresses) => [
      ...addresses,
      '192.0.2.9/32',
    ]);
    const on = await run('allowlist-on', env);
    expect(on.state).toBe('maintenance-allowlisted');
    expect(addresses(env, 'allow-ipv4')).toEqual(['203.0.113.0/24']);
    expect(on.changes.find((c) => c.role === 'allow-ipv4')?.to).toEqual(['203.0.113.0/24']);
    const updates = emulator().calls.filter((c) => c.operation === 'UpdateIPSet');
    expect(updates.map((c) => c.errorType)).toContain('WAFOptimisticLockException');
  });

  it('exit after a lock race still empties the set: exit means everyone out', async () => {
    const env = freshEnvironment();
    await run('enter', env);
    await run('allowlist-on', env);
    emulator().raceNextWrite(`${env.name}-allow-ipv4`, (addresses) => [
      ...addresses,
      '192.0.2.9/32',
    ]);
    const exit = await run('exit', env);
    expect(exit.state).toBe('normal');
    expect(addresses(env, 'allow-ipv4')).toEqual([]);
  });

  it('says nothing was written when every write failed', async () => {
    const env = freshEnvironment();
    const failure = run('enter', env, {
      client: createWafClient({ scope: 'REGIONAL', region: 'eu-west-1' }, { maxAttempts: 1 }),
    });
    emulator().throttleNext(2, { operation: 'UpdateIPSet' });
    await expect(failure).rejects.toThrow(
      /enter on staging \(shop-\d+\) failed before any set was written; a read after the failure shows the environment is still normal/,
    );
  });

  it('lets the SDK retry throttling and 5xx bursts', async () => {
    const env = freshEnvironment();
    emulator().resetCalls();
    emulator().throttleNext(2, { operation: 'UpdateIPSet' });
    emulator().failNext(2, { status: 503, operation: 'GetIPSet' });
    emulator().failNext(1, { status: 500, operation: 'ListIPSets' });
    const enter = await run('enter', env);
    expect(enter.state).toBe('maintenance');
    const errors = emulator()
      .calls.filter((c) => c.errorType)
      .map((c) => `${c.operation} ${c.errorType}`);
    expect(errors.sort()).toEqual([
      'GetIPSet ServiceUnavailable',
      'GetIPSet ServiceUnavailable',
      'ListIPSets WAFInternalErrorException',
      'UpdateIPSet ThrottlingException',
      'UpdateIPSet ThrottlingException',
    ]);
  });

  it('a write answered with a 5xx: outcome unknown, and the read after it says the set is still empty', async () => {
    const env = freshEnvironment();
    emulator().failNext(1, { status: 500, operation: 'UpdateIPSet' });
    const failure = run('enter', env, { client: createWafClient(env, { maxAttempts: 1 }) });
    await expect(failure).rejects.toThrow(
      /NOT written, still empty \(UpdateIPSet on \S+ still failed after the SDK's retries \(WAFInternalErrorException\): WAF is throttling or unavailable\. WAF may have applied this write before failing, so its outcome is unknown until the set is read again/,
    );
    await expect(failure).rejects.not.toThrow(/Nothing else was changed/);
  });

  it('survives the one-write-per-second limit', async () => {
    const env = freshEnvironment();
    emulator().setWriteRateLimit(true);
    try {
      await run('enter', env);
      const exit = await run('exit', env);
      expect(exit.state).toBe('normal');
      expect(emulator().calls.some((c) => c.errorType === 'ThrottlingException')).toBe(true);
    } finally {
      emulator().setWriteRateLimit(false);
    }
  });

  it('fails fast on access denied, naming the action and ARN, and says which set is in which state', async () => {
    const env = freshEnvironment();
    const arn = emulator().getIpSet(`${env.name}-active-ipv6`, 'REGIONAL', 'eu-west-1')!.arn;
    emulator().denyAccess('UpdateIPSet', { resourceArn: arn });
    emulator().resetCalls();
    const failure = run('enter', env);
    await expect(failure).rejects.toThrow(`wafv2:UpdateIPSet on ${arn}`);
    await expect(failure).rejects.toThrow(
      new RegExp(
        `${env.name}-active-ipv4: written, now 0.0.0.0/1, 128.0.0.0/1[\\s\\S]*${env.name}-active-ipv6: NOT written, still empty[\\s\\S]*${env.name}-bypass: unchanged, empty`,
      ),
    );
    // Permanent: exactly one attempt on the denied set.
    expect(emulator().calls.filter((c) => c.errorType === 'AccessDeniedException')).toHaveLength(1);
  });

  it('names the missing sets and points at the Terraform module', async () => {
    const env = { ...staging, name: 'nobody-made-these' };
    await expect(run('status', env)).rejects.toThrow(
      /Missing IP sets nobody-made-these-active-ipv4, nobody-made-these-active-ipv6, nobody-made-these-allow-ipv4, nobody-made-these-allow-ipv6 \(scope REGIONAL, region eu-west-1\)\. The Terraform module/,
    );
  });
});

describe('20 concurrent writers', () => {
  it('end in a correct final state at every step', async () => {
    const env = freshEnvironment();
    const all = (command: Command) =>
      Promise.all(Array.from({ length: 20 }, () => run(command, env)));

    emulator().resetCalls();
    const entered = await all('enter');
    expect(new Set(entered.map((r) => r.state))).toEqual(new Set(['maintenance']));
    // They really raced, and the first window recorded is the one every writer reports.
    expect(emulator().calls.some((c) => c.errorType === 'WAFOptimisticLockException')).toBe(true);
    expect(new Set(entered.map((r) => r.window?.since)).size).toBe(1);
    expect(entered.filter((r) => r.changed).length).toBeGreaterThanOrEqual(1);
    expect(addresses(env, 'active-ipv4')).toEqual(FULL_V4);
    expect(addresses(env, 'active-ipv6')).toEqual(FULL_V6);

    const allowed = await all('allowlist-on');
    expect(new Set(allowed.map((r) => r.state))).toEqual(new Set(['maintenance-allowlisted']));
    expect(addresses(env, 'allow-ipv4')).toEqual(['203.0.113.0/24']);

    const exited = await all('exit');
    expect(new Set(exited.map((r) => r.state))).toEqual(new Set(['normal']));
    for (const role of ['active-ipv4', 'active-ipv6', 'allow-ipv4', 'allow-ipv6']) {
      expect(addresses(env, role)).toEqual([]);
    }
    expect((await run('status', env)).state).toBe('normal');
  });
});
