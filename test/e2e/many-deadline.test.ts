// `timeout` over many environments (#14), through dist/ as a runner runs it, against the local
// WAFv2 with its write limit on: the budget bounds each environment's AWS calls, not its wait for
// the region's write rate, so a group whose pacing lasts several times the timeout succeeds,
// while an endpoint that does not answer still fails each environment it hangs, after the timeout.
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { startHangingEndpoint, startHangingWrites } from '../support/hanging-endpoint.js';
import { emulatorForSuite } from '../support/emulator-suite.js';
import { runAction } from '../support/runner.js';
import { activeV4, inOneRegion, type Placed } from '../support/fleet.js';
import { errorAnnotations } from '../support/workspace.js';

const FULL_V4 = ['0.0.0.0/1', '128.0.0.0/1'];

const emulator = emulatorForSuite({ writeRateLimit: true, latencyMs: 20 });

function active(e: Placed): string[] {
  return activeV4(emulator(), e);
}

it('8 environments in one region: ~15 s of paced writes under a 3 s timeout all switch, and the log says why', async () => {
  const { envs, workspace } = await inOneRegion(emulator(), 8, 'paced');
  const from = emulator().calls.length;
  const started = Date.now();
  const entered = await runAction({
    workspace,
    inputs: { command: 'enter', environment: 'production', timeout: '3s', probe: 'false' },
    env: awsEnvFor(emulator().endpoint),
  });
  const wallMs = Date.now() - started;
  expect(errorAnnotations(entered.stdout)).toEqual([]);
  expect(entered.exitCode).toBe(0);
  for (const e of envs) expect(active(e)).toEqual(FULL_V4);
  // 16 writes one slot (1.1 s) apart, and a retry in its turn if jitter met the emulator's
  // strict limit: the last waited ~17 s, five times the timeout.
  expect(wallMs).toBeGreaterThan(12_000);
  expect(entered.stdout).toMatch(
    /Writes paced to WAF's rate per region \(eu-west-1 1[678] writes, the last waited 1[6-9]\.\d s\); waiting is not counted against timeout 3s/,
  );
  expect(entered.summary).toContain('waiting is not counted against timeout 3s');
  // Pacing kept the emulator's strict 1 write/s limit from throttling more than once or twice.
  const calls = emulator().calls.slice(from);
  const throttled = calls.filter((c) => /Throttl/.test(c.errorType ?? ''));
  expect(throttled.length).toBeLessThanOrEqual(2);
}, 60_000);

it('an endpoint that never answers fails every environment after the timeout, naming each and its state', async () => {
  const { envs, workspace } = await inOneRegion(emulator(), 3, 'paced');
  const hanging = await startHangingEndpoint();
  try {
    const started = Date.now();
    const result = await runAction({
      workspace,
      inputs: { command: 'enter', environment: 'production', timeout: '2s', probe: 'false' },
      env: awsEnvFor(hanging.url),
    });
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(result.exitCode).toBe(1);
    const [error] = errorAnnotations(result.stdout);
    expect(error).toContain('enter failed on 3 of 3 environments');
    for (const e of envs) {
      expect(error).toContain(
        `  - ${e.key} (state not read): The WAF endpoint ${hanging.url} (from AWS_ENDPOINT_URL_WAFV2) did not answer within 2 s`,
      );
    }
    expect(error).toContain('Run enter again for: prod-1,prod-2,prod-3');
  } finally {
    await hanging.close();
  }
}, 30_000);

it('writes that hang for one environment fail it alone after the timeout; the others are switched', async () => {
  const { envs, workspace } = await inOneRegion(emulator(), 3, 'paced');
  const [first, second, stuck] = envs;
  const proxy = await startHangingWrites(emulator().endpoint, `${stuck!.prefix}-active-ipv4`);
  try {
    const started = Date.now();
    const result = await runAction({
      workspace,
      inputs: { command: 'enter', environment: 'production', timeout: '3s', probe: 'false' },
      env: awsEnvFor(proxy.url),
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.exitCode).toBe(1);
    expect(active(first!)).toEqual(FULL_V4);
    expect(active(second!)).toEqual(FULL_V4);
    expect(result.outputs['state']).toBe('mixed');
    const [error] = errorAnnotations(result.stdout);
    expect(error).toContain('enter failed on 1 of 3 environments');
    expect(error).toMatch(/ {2}- prod-3 \([^)]+\): The WAF endpoint .* did not answer within 3 s/);
    expect(error).toContain('Run enter again for: prod-3');
  } finally {
    await proxy.close();
  }
}, 30_000);
