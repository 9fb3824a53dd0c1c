// Set ids in the config (#14): the engine reads the sets by id, skipping the List calls, through
// the real @aws-sdk/client-wafv2 over HTTP against the suiteEmulator(). A recreated set (stale id) is
// found by name with a warning; another set's id stops the command before any write.
import { CreateIPSetCommand, DeleteIPSetCommand, GetIPSetCommand } from '@aws-sdk/client-wafv2';
import { createWafClient } from '../../src/aws/client.js';
import { SET_ID_ROLES, type SetIds } from '../../src/domain/config-set-ids.js';
import { InputError } from '../../src/domain/errors.js';
import type { Command, Environment } from '../../src/domain/types.js';
import { runCommand, type CommandRequest } from '../../src/engine/run-command.js';
import { roundTripsOf } from '../../scripts/bench/stats.js';
import { createEnvironmentSets } from '@maintenance-action/sandbox/waf-emulator/index.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const FILE = '.github/maintenance.yml';
const suiteEmulator = emulatorForSuite({ latencyMs: 20 });

let seq = 0;
/** A fresh environment's sets in the suiteEmulator(), and the environment with (some of) their ids. */
function environment(options: { ids?: boolean | readonly string[]; key?: string } = {}) {
  const name = `ids-${++seq}`;
  createEnvironmentSets(suiteEmulator(), name, 'REGIONAL', 'eu-west-1');
  const roles =
    options.ids === false ? [] : options.ids === true || !options.ids ? SET_ID_ROLES : options.ids;
  const setIds: SetIds = Object.fromEntries(
    roles.map((role, i) => [
      role,
      {
        id: idOf(name, role),
        place: { file: FILE, line: 7 + i, column: 20, field: `environments.prod.set-ids.${role}` },
      },
    ]),
  );
  const env: Environment = {
    key: options.key ?? 'prod',
    name,
    scope: 'REGIONAL',
    region: 'eu-west-1',
    testers: [],
    ...(roles.length > 0 ? { setIds } : {}),
  };
  return env;
}

function idOf(name: string, role: string): string {
  const set =
    role === 'bypass'
      ? suiteEmulator().getRegexPatternSet(`${name}-bypass`, 'REGIONAL', 'eu-west-1')
      : suiteEmulator().getIpSet(`${name}-${role}`, 'REGIONAL', 'eu-west-1');
  return set!.id;
}

function run(command: Command, env: Environment, extra: Partial<CommandRequest> = {}) {
  return runCommand({
    command,
    environment: env,
    allowlist: { ipv4: ['203.0.113.0/24'], ipv6: [] },
    dryRun: false,
    invoker: { actor: 'octocat', run: 'acme/shop/actions/runs/1' },
    client: createWafClient(env),
    ...extra,
  });
}

function count(prefix: string): number {
  return suiteEmulator().calls.filter((c) => c.operation.startsWith(prefix)).length;
}

describe('with set-ids', () => {
  it('status reads the five sets by id in one round trip, listing nothing', async () => {
    const env = environment();
    suiteEmulator().resetCalls();
    const report = await run('status', env);
    expect(report.state).toBe('normal');
    expect(count('List')).toBe(0);
    expect(
      suiteEmulator()
        .calls.map((c) => c.operation)
        .sort(),
    ).toEqual(['GetIPSet', 'GetIPSet', 'GetIPSet', 'GetIPSet', 'GetRegexPatternSet']);
    expect(roundTripsOf(suiteEmulator().calls)).toBe(1);
  });

  it('enter and exit take read, write, verify: 3 round trips, and switch the sets', async () => {
    const env = environment();
    suiteEmulator().resetCalls();
    const enter = await run('enter', env);
    expect(enter).toMatchObject({ previousState: 'normal', state: 'maintenance', changed: true });
    expect(count('List')).toBe(0);
    expect(count('Update')).toBe(2);
    expect(roundTripsOf(suiteEmulator().calls)).toBe(3);
    expect(
      suiteEmulator().getIpSet(`${env.name}-active-ipv4`, 'REGIONAL', 'eu-west-1')!.addresses,
    ).toEqual(['0.0.0.0/1', '128.0.0.0/1']);

    suiteEmulator().resetCalls();
    const exit = await run('exit', env);
    expect(exit).toMatchObject({ previousState: 'maintenance', state: 'normal', changed: true });
    expect(count('List')).toBe(0);
    expect(roundTripsOf(suiteEmulator().calls)).toBe(3);
    expect(
      suiteEmulator().getIpSet(`${env.name}-active-ipv4`, 'REGIONAL', 'eu-west-1')!.addresses,
    ).toEqual([]);
  });

  it('without set-ids the sets are listed first: one round trip more', async () => {
    const env = environment({ ids: false });
    suiteEmulator().resetCalls();
    await run('status', env);
    expect(count('ListIPSets')).toBe(1);
    expect(count('ListRegexPatternSets')).toBe(1);
    expect(roundTripsOf(suiteEmulator().calls)).toBe(2);
  });

  it('partial set-ids: only the kind without ids is listed', async () => {
    const env = environment({ ids: ['active-ipv4', 'active-ipv6', 'allow-ipv4', 'allow-ipv6'] });
    suiteEmulator().resetCalls();
    await run('status', env);
    expect(count('ListIPSets')).toBe(0);
    expect(count('ListRegexPatternSets')).toBe(1);
  });

  it('a recreated set (stale id) is found by name, with a warning saying how to refresh set-ids', async () => {
    const env = environment();
    const client = createWafClient(env);
    const old = suiteEmulator().getIpSet(`${env.name}-allow-ipv4`, 'REGIONAL', 'eu-west-1')!;
    const { LockToken } = await client.send(
      new GetIPSetCommand({ Name: old.name, Id: old.id, Scope: 'REGIONAL' }),
    );
    await client.send(
      new DeleteIPSetCommand({ Name: old.name, Id: old.id, Scope: 'REGIONAL', LockToken }),
    );
    const created = await client.send(
      new CreateIPSetCommand({
        Name: old.name,
        Scope: 'REGIONAL',
        IPAddressVersion: 'IPV4',
        Addresses: [],
      }),
    );
    const warnings: string[] = [];
    suiteEmulator().resetCalls();
    const enter = await run('enter', env, { warn: (line) => warnings.push(line) });
    expect(enter).toMatchObject({ state: 'maintenance', changed: true });
    expect(warnings).toEqual([
      `${FILE}:9: environments.prod.set-ids is stale: allow-ipv4 ${old.id} (now ${created.Summary!.Id}) no longer exists, so the set was found by name (a failed read and a listing more on every command). Refresh set-ids from the module's output (terraform output config_entry), or remove them.`,
    ]);
    expect(count('ListIPSets')).toBe(1);
    expect(count('ListRegexPatternSets')).toBe(0);
    // The verifying read after the writes reads the recreated set, by its new id.
    expect(suiteEmulator().calls.filter((c) => c.errorType !== undefined)).toHaveLength(1);
  });

  it("another environment's id stops enter before any write, naming the field and the id", async () => {
    const staging = environment();
    const prod = environment();
    const wrong = { ...prod.setIds!['active-ipv6']!, id: staging.setIds!['active-ipv6']!.id };
    const env = { ...prod, setIds: { ...prod.setIds, 'active-ipv6': wrong } };
    suiteEmulator().resetCalls();
    const failure = await run('enter', env).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).message).toBe(
      `${FILE}:8:20: environments.prod.set-ids.active-ipv6: is the id of the IP set ${staging.name}-active-ipv6, not of ${prod.name}-active-ipv6: nothing was written. Copy this environment's set-ids from its own module's output (terraform output config_entry), or remove set-ids to find the sets by name (value: "${wrong.id}")`,
    );
    expect(count('Update')).toBe(0);
    expect(
      suiteEmulator().getIpSet(`${staging.name}-active-ipv6`, 'REGIONAL', 'eu-west-1')!.addresses,
    ).toEqual([]);
  });
});

describe('environments run side by side', () => {
  it('each one without ids lists its own sets; one with ids lists nothing', async () => {
    const listed = [environment({ ids: false, key: 'a' }), environment({ ids: false, key: 'b' })];
    const byId = environment({ key: 'c' });
    const all = [...listed, byId];
    suiteEmulator().resetCalls();
    const reports = await Promise.all(all.map((env) => run('enter', env)));
    expect(reports.map((r) => r.state)).toEqual(['maintenance', 'maintenance', 'maintenance']);
    expect(count('ListIPSets')).toBe(2);
    expect(count('ListRegexPatternSets')).toBe(2);
    expect(count('Update')).toBe(6);
  });

  it('a missing set fails its environment only', async () => {
    const good = environment({ ids: false, key: 'good' });
    const missing: Environment = { ...good, key: 'missing', name: 'nobody-made-these' };
    const [ok, failed] = await Promise.allSettled([run('status', good), run('status', missing)]);
    expect(ok.status).toBe('fulfilled');
    expect(failed).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/^Missing IP sets nobody-made-these-active-ipv4/) },
    });
  });
});
