// Many environments in one command (issue 14), as a runner and a user run it: the bundled action
// and CLI (dist/) switch a group of six environments across two regions and CloudFront, with
// the emulator's write rate limit on; one environment with a missing set fails alone, and the
// same command run again completes it.
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import {
  createEnvironmentSets,
  type WafScope,
} from '@maintenance-action/sandbox/waf-emulator/index.js';
import { emulatorForSuite } from '../support/emulator-suite.js';
import { runAction } from '../support/runner.js';
import { runCli, type CliResult } from '../support/cli.js';
import { activeV4, fleetConfig, type Placed } from '../support/fleet.js';
import { writeWorkspace } from '../support/workspace.js';

const FULL_V4 = ['0.0.0.0/1', '128.0.0.0/1'];

const emulator = emulatorForSuite({ writeRateLimit: true });

let sequence = 0;

/** Six environments: two in eu-west-1, two in eu-central-1, two on CloudFront. */
function sixEnvironments(): Placed[] {
  const id = `${process.pid}-${++sequence}`;
  const where: [WafScope, string][] = [
    ['REGIONAL', 'eu-west-1'],
    ['REGIONAL', 'eu-west-1'],
    ['REGIONAL', 'eu-central-1'],
    ['REGIONAL', 'eu-central-1'],
    ['CLOUDFRONT', 'us-east-1'],
    ['CLOUDFRONT', 'us-east-1'],
  ];
  return where.map(([scope, region], i) => ({
    key: `prod-${i + 1}`,
    prefix: `shop-${id}-${i + 1}`,
    scope,
    region,
  }));
}

function configFor(envs: readonly Placed[]): string {
  return fleetConfig(envs, {
    extraEntries:
      '  staging:\n    name: not-created-staging\n    scope: REGIONAL\n    region: eu-west-1\n',
  });
}

function active(e: Placed): string[] {
  return activeV4(emulator(), e);
}

function cli(cwd: string, ...args: string[]): Promise<CliResult> {
  return runCli(emulator().endpoint, cwd, args);
}

it('a group of six environments across two regions and CloudFront enters and exits in one command each', async () => {
  const envs = sixEnvironments();
  for (const e of envs) createEnvironmentSets(emulator(), e.prefix, e.scope, e.region);
  const workspace = await writeWorkspace(configFor(envs));

  const entered = await runAction({
    workspace,
    inputs: { command: 'enter', environment: 'production', reason: 'db upgrade', probe: 'false' },
    env: awsEnvFor(emulator().endpoint),
  });
  expect(entered.stdout).not.toContain('::error::');
  expect(entered.exitCode).toBe(0);
  expect(entered.outputs['state']).toBe('maintenance');
  expect(entered.outputs['previous-state']).toBe('normal');
  expect(entered.outputs['changed']).toBe('true');
  const results = JSON.parse(entered.outputs['results']!) as {
    environment: string;
    state: string;
    changed: boolean;
    error: string | null;
    window: { reason?: string } | null;
  }[];
  expect(results.map((r) => [r.environment, r.state, r.changed, r.error])).toEqual(
    envs.map((e) => [e.key, 'maintenance', true, null]),
  );
  expect(results.every((r) => r.window?.reason === 'db upgrade')).toBe(true);
  for (const e of envs) expect(active(e)).toEqual(FULL_V4);
  // The summary is one table with a row per environment.
  for (const e of envs)
    expect(entered.summary).toMatch(
      new RegExp(`\\| ${e.key} \\| maintenance \\| normal \\| yes \\|`),
    );

  const exited = await cli(
    workspace,
    'exit',
    '-e',
    'all',
    '-c',
    '.github/maintenance.yml',
    '--no-probe',
    '--metrics-wait',
    '0s',
  );
  // `all` includes staging, whose sets do not exist: it alone fails, the six are back.
  expect(exited.code).toBe(1);
  for (const e of envs) expect(active(e)).toEqual([]);
  expect(exited.stderr).toContain('exit failed on 1 of 7 environments');
  expect(exited.stderr).toContain('staging');
  expect(exited.stderr).toContain('Run exit again for: staging');
}, 60_000);

it('one environment with a missing set fails alone; the same command run again completes it', async () => {
  const envs = sixEnvironments();
  const [missing, ...present] = envs;
  for (const e of present) createEnvironmentSets(emulator(), e.prefix, e.scope, e.region);
  const workspace = await writeWorkspace(configFor(envs));
  const list = envs.map((e) => e.key).join(',');

  const first = await cli(workspace, 'enter', '-e', list, '--no-probe', '--json');
  expect(first.code).toBe(1);
  const json = JSON.parse(first.stdout) as {
    state: string;
    results: { environment: string; state: string | null; error: string | null }[];
  };
  expect(json.state).toBe('mixed');
  const failed = json.results.filter((r) => r.error !== null);
  expect(failed.map((r) => r.environment)).toEqual([missing!.key]);
  expect(failed[0]!.error).toContain(`${missing!.prefix}-active-ipv4`);
  for (const e of present) expect(active(e)).toEqual(FULL_V4);
  expect(first.stderr).toContain(`Run enter again for: ${missing!.key}`);

  createEnvironmentSets(emulator(), missing!.prefix, missing!.scope, missing!.region);
  const again = await cli(workspace, 'enter', '-e', list, '--no-probe', '--json');
  expect(again.code).toBe(0);
  const second = JSON.parse(again.stdout) as {
    state: string;
    results: { environment: string; changed: boolean }[];
  };
  expect(second.state).toBe('maintenance');
  expect(second.results.filter((r) => r.changed).map((r) => r.environment)).toEqual([missing!.key]);
  for (const e of envs) expect(active(e)).toEqual(FULL_V4);
}, 60_000);

it('an unknown name in the list changes nothing and names what exists', async () => {
  const envs = sixEnvironments();
  for (const e of envs) createEnvironmentSets(emulator(), e.prefix, e.scope, e.region);
  const workspace = await writeWorkspace(configFor(envs));
  const from = emulator().calls.length;
  const result = await cli(workspace, 'enter', '-e', 'prod-1,prodution', '--no-probe');
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(
    "'prodution' is neither an environment nor a group; did you mean 'production'?",
  );
  expect(emulator().calls.length).toBe(from);
});

it('an environment whose write fails reports the state its failed command read', async () => {
  const envs = sixEnvironments().slice(0, 2);
  for (const e of envs) createEnvironmentSets(emulator(), e.prefix, e.scope, e.region);
  const [broken, fine] = envs;
  const workspace = await writeWorkspace(configFor(envs));
  const arn = emulator().getIpSet(
    `${broken!.prefix}-active-ipv4`,
    broken!.scope,
    broken!.region,
  )!.arn;
  emulator().denyAccess('UpdateIPSet', { resourceArn: arn });
  try {
    const result = await cli(
      workspace,
      'enter',
      '-e',
      envs.map((e) => e.key).join(','),
      '--no-probe',
      '--json',
    );
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as {
      state: string;
      results: { environment: string; state: string | null; changed: boolean }[];
    };
    // Not `unknown`: the failed environment's sets were read, and half written.
    expect(json.results).toEqual([
      expect.objectContaining({ environment: broken!.key, state: 'inconsistent', changed: true }),
      expect.objectContaining({ environment: fine!.key, state: 'maintenance', changed: true }),
    ]);
    expect(json.state).toBe('mixed');
  } finally {
    emulator().restoreAccess();
  }
}, 60_000);
