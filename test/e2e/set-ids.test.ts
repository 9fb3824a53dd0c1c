// Set ids in the config (#14) as a runner runs the action (`node dist/index.js`, the real SDK over
// HTTP against the emulator): with the module's config_entry ids, status reads in one round trip
// and enter/exit in three (read, write, verify); a recreated set is found by name with a warning;
// another environment's id is refused before any write; in a command over many environments only
// those without ids are listed, each environment its own.
import { CreateIPSetCommand, DeleteIPSetCommand, GetIPSetCommand } from '@aws-sdk/client-wafv2';
import { createWafClient } from '../../src/aws/client.js';
import { roundTripsOf } from '../../scripts/bench/stats.js';
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { createEnvironmentSets } from '@maintenance-action/sandbox/waf-emulator/index.js';
import { emulatorForSuite } from '../support/emulator-suite.js';
import { runAction } from '../support/runner.js';
import { errorAnnotations, writeWorkspace } from '../support/workspace.js';

const ROLES = ['active-ipv4', 'active-ipv6', 'allow-ipv4', 'allow-ipv6', 'bypass'] as const;
const REGION = 'eu-west-1';

const suiteEmulator = emulatorForSuite({ latencyMs: 20 });

let sequence = 0;

/** A fresh environment's sets, and its config entry as the module's config_entry writes it. */
function environment(key: string, options: { ids?: boolean } = {}) {
  const name = `shop-${process.pid}-${++sequence}`;
  createEnvironmentSets(suiteEmulator(), name, 'REGIONAL', REGION);
  const ids = Object.fromEntries(
    ROLES.map((role) => [
      role,
      (role === 'bypass'
        ? suiteEmulator().getRegexPatternSet(`${name}-bypass`, 'REGIONAL', REGION)
        : suiteEmulator().getIpSet(`${name}-${role}`, 'REGIONAL', REGION))!.id,
    ]),
  ) as Record<(typeof ROLES)[number], string>;
  const entry = (given: Record<string, string> = ids) =>
    `  ${key}:\n    name: ${name}\n    scope: REGIONAL\n    region: ${REGION}\n` +
    (options.ids === false
      ? ''
      : `    set-ids:\n${Object.entries(given)
          .map(([role, id]) => `      ${role}: ${id}\n`)
          .join('')}`);
  return { key, name, ids, entry };
}

function config(...entries: string[]): string {
  return `testers:\n  - name: QA office\n    cidrs: [203.0.113.0/24]\nenvironments:\n${entries.join('')}`;
}

async function action(workspace: string, inputs: Record<string, string>) {
  suiteEmulator().resetCalls();
  const step = await runAction({
    workspace,
    inputs: { probe: 'false', ...inputs },
    env: awsEnvFor(suiteEmulator().endpoint),
  });
  const calls = suiteEmulator().calls.filter((c) => c.service === 'wafv2');
  return {
    step,
    operations: calls.map((c) => c.operation).sort(),
    roundTrips: roundTripsOf(calls),
    writes: calls.filter((c) => c.operation.startsWith('Update')).length,
  };
}

function active(name: string): string[] {
  return [...suiteEmulator().getIpSet(`${name}-active-ipv4`, 'REGIONAL', REGION)!.addresses].sort();
}

it('with set-ids, status is one round trip of five Gets; enter and exit are read, write, verify', async () => {
  const prod = environment('prod');
  const workspace = await writeWorkspace(config(prod.entry()));

  const status = await action(workspace, { command: 'status', environment: 'prod' });
  expect(status.step.exitCode).toBe(0);
  expect(status.step.outputs['state']).toBe('normal');
  expect(status.operations).toEqual([
    'GetIPSet',
    'GetIPSet',
    'GetIPSet',
    'GetIPSet',
    'GetRegexPatternSet',
  ]);
  expect(status.roundTrips).toBe(1);

  const enter = await action(workspace, { command: 'enter', environment: 'prod' });
  expect(enter.step.exitCode).toBe(0);
  expect(enter.step.outputs['state']).toBe('maintenance');
  expect(active(prod.name)).toEqual(['0.0.0.0/1', '128.0.0.0/1']);
  expect(enter.operations.filter((op) => op.startsWith('List'))).toEqual([]);
  expect(enter.writes).toBe(2);
  expect(enter.roundTrips).toBe(3);

  const exit = await action(workspace, { command: 'exit', environment: 'prod' });
  expect(exit.step.exitCode).toBe(0);
  expect(exit.step.outputs['state']).toBe('normal');
  expect(active(prod.name)).toEqual([]);
  expect(exit.operations.filter((op) => op.startsWith('List'))).toEqual([]);
  expect(exit.roundTrips).toBe(3);
}, 60_000);

it('a recreated set (stale id) is found by name; the warning names the file, line and the fix', async () => {
  const prod = environment('prod');
  const workspace = await writeWorkspace(config(prod.entry()));
  const client = createWafClient({ scope: 'REGIONAL', region: REGION });
  const key = {
    Name: `${prod.name}-active-ipv6`,
    Id: prod.ids['active-ipv6'],
    Scope: 'REGIONAL' as const,
  };
  const { LockToken } = await client.send(new GetIPSetCommand(key));
  await client.send(new DeleteIPSetCommand({ ...key, LockToken }));
  await client.send(
    new CreateIPSetCommand({
      Name: key.Name,
      Scope: 'REGIONAL',
      IPAddressVersion: 'IPV6',
      Addresses: [],
    }),
  );
  client.destroy();

  const enter = await action(workspace, { command: 'enter', environment: 'prod' });
  expect(enter.step.exitCode).toBe(0);
  expect(enter.step.outputs['state']).toBe('maintenance');
  const warnings = enter.step.stdout.split('\n').filter((line) => line.startsWith('::warning'));
  // active-ipv6 is the second id under set-ids: line 11 of the file.
  expect(warnings).toEqual([
    expect.stringMatching(
      /^::warning::\.github\/maintenance\.yml:11: environments\.prod\.set-ids is stale: active-ipv6 [0-9a-f-]{36} \(now [0-9a-f-]{36}\) no longer exists, .*terraform output config_entry/,
    ),
  ]);
  expect(enter.step.summary).toContain('set-ids is stale');
  expect(enter.operations.filter((op) => op.startsWith('List'))).toEqual(['ListIPSets']);
}, 60_000);

it("another environment's id is refused before any write, naming the field and the id", async () => {
  const staging = environment('staging');
  const prod = environment('prod');
  const pasted = { ...prod.ids, 'allow-ipv4': staging.ids['allow-ipv4'] };
  const workspace = await writeWorkspace(config(prod.entry(pasted)));

  const enter = await action(workspace, { command: 'enter', environment: 'prod' });
  expect(enter.step.exitCode).toBe(1);
  expect(enter.writes).toBe(0);
  expect(active(prod.name)).toEqual([]);
  expect(errorAnnotations(enter.step.stdout).join('\n')).toContain(
    `.github/maintenance.yml:12:19: environments.prod.set-ids.allow-ipv4: is the id of the IP set ${staging.name}-allow-ipv4, not of ${prod.name}-allow-ipv4: nothing was written.`,
  );
}, 60_000);

it('over many environments, only those without set-ids are listed (each its own)', async () => {
  const envs = [
    environment('a'),
    environment('b'),
    environment('c', { ids: false }),
    environment('d', { ids: false }),
  ];
  const workspace = await writeWorkspace(config(...envs.map((e) => e.entry())));

  const enter = await action(workspace, { command: 'enter', environment: 'all' });
  expect(enter.step.exitCode).toBe(0);
  expect(enter.step.outputs['state']).toBe('maintenance');
  for (const e of envs) expect(active(e.name)).toEqual(['0.0.0.0/1', '128.0.0.0/1']);
  // c and d list both kinds each; a and b (with ids) list nothing.
  expect(enter.operations.filter((op) => op.startsWith('List')).sort()).toEqual([
    'ListIPSets',
    'ListIPSets',
    'ListRegexPatternSets',
    'ListRegexPatternSets',
  ]);
}, 60_000);
