// Per-environment features in one command over several environments (#14), through dist/ as a
// runner runs it, against two environments behind the local edge: each gets its own window record
// with the planned end, each is probed at its own url, and with bypass tokens each probe proves
// that its own environment's token lets its holder through.
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import {
  startLocalSite,
  type LocalSite,
  type ProtectedEnvironment,
} from '@maintenance-action/sandbox/edge/local-site.js';
import { runAction, runPost, type StepResult } from '../support/runner.js';
import { errorAnnotations, writeWorkspace } from '../support/workspace.js';

const id = process.pid;
let site: LocalSite;
let workspace: string;

beforeAll(async () => {
  site = await startLocalSite({
    environments: [
      { name: `many-probe-a-${id}`, scope: 'REGIONAL', region: 'eu-west-1' },
      { name: `many-probe-b-${id}`, scope: 'REGIONAL', region: 'eu-central-1' },
    ],
  });
  const entries = site.environments
    .map(
      (e, i) =>
        `  shop-${i + 1}:\n    name: ${e.environment.name}\n    scope: REGIONAL\n    region: ${e.environment.region}\n    url: ${e.edge.url}/shop\n    testers: []\n`,
    )
    .join('');
  workspace = await writeWorkspace(`environments:
${entries}groups:
  shop: [shop-1, shop-2]
`);
});
afterAll(async () => {
  await site.close();
});

interface Result {
  environment: string;
  state: string;
  error: string | null;
  window: { reason?: string; plannedEnd?: string } | null;
}

function step(inputs: Record<string, string>): Promise<StepResult> {
  return runAction({
    workspace,
    inputs: { environment: 'shop', 'probe-timeout': '30s', ...inputs },
    env: { ...awsEnvFor(site.emulator.endpoint), MAINTENANCE_PROBE_INTERVAL_MS: '200' },
  });
}

function results(result: StepResult): Result[] {
  return JSON.parse(result.outputs['results']!) as Result[];
}

function bypassEntries(e: ProtectedEnvironment): string[] {
  return site.emulator.getRegexPatternSet(
    `${e.environment.name}-bypass`,
    'REGIONAL',
    e.environment.region,
  )!.regularExpressions;
}

it('each environment records its own window and planned end, is probed at its own url, and its token gets its holder in', async () => {
  const before = Date.now();
  const entered = await step({ command: 'enter', reason: 'db upgrade', duration: '2h' });
  expect(errorAnnotations(entered.stdout)).toEqual([]);
  expect(entered.exitCode).toBe(0);
  const plannedEnds = results(entered).map((r) => {
    expect(r).toMatchObject({ state: 'maintenance', error: null });
    expect(r.window?.reason).toBe('db upgrade');
    return Date.parse(r.window!.plannedEnd!);
  });
  for (const end of plannedEnds) {
    expect(end).toBeGreaterThanOrEqual(before + 2 * 3600_000 - 1000);
    expect(end).toBeLessThanOrEqual(Date.now() + 2 * 3600_000);
  }
  // Each environment's own probe, at its own edge.
  expect(entered.stdout.match(/Probe +ok: visitors see the change/g)).toHaveLength(2);
  for (const e of site.environments) expect(entered.summary).toContain(`${e.edge.url}/shop`);

  // Read back from WAF: each environment's window record holds the planned end.
  const status = await step({ command: 'status', probe: 'false' });
  expect(results(status).map((r) => Date.parse(r.window!.plannedEnd!))).toEqual(plannedEnds);

  // With a token each: the probe sends each environment its own token, which must get through.
  const on = await step({ command: 'allowlist-on', 'bypass-token': 'true' });
  expect(errorAnnotations(on.stdout)).toEqual([]);
  expect(on.exitCode).toBe(0);
  expect(results(on).map((r) => [r.state, r.error])).toEqual([
    ['maintenance-allowlisted', null],
    ['maintenance-allowlisted', null],
  ]);
  expect(on.stdout.match(/Probe +ok: visitors see the change/g)).toHaveLength(2);
  const issued = JSON.parse(on.outputs['bypass-tokens']!) as Record<string, { url: string }>;
  site.environments.forEach((e, i) => {
    expect(issued[`shop-${i + 1}`]!.url).toContain(`${e.edge.url}/shop?maintenance-bypass=mb1-`);
    expect(bypassEntries(e)).toHaveLength(1);
  });

  const post = await runPost(on);
  expect(post.exitCode).toBe(0);
  for (const e of site.environments) expect(bypassEntries(e)).toEqual([]);
}, 120_000);
