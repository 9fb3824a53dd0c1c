// Issue 8's "never report a state you did not read", when WAF applies a write and its answer is
// lost (review findings 1 and 4): the bundled action, as a runner runs it, against the emulator
// losing answers. A write that got no answer is not "not written": the action reads the sets
// again on a budget of its own and reports what that read shows; when that read fails too, the
// state is `unknown`, and each set says what this run knows of it.
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import {
  startWafEmulator,
  type WafEmulator,
} from '@maintenance-action/sandbox/waf-emulator/index.js';
import { runAction, type StepResult } from '../support/runner.js';
import { createSite, errorAnnotations, type Site } from '../support/workspace.js';

const FULL_V4 = ['0.0.0.0/1', '128.0.0.0/1'];
const FULL_V6 = ['8000::/1', '::/1'];
/** The command's budget: lost answers cost this long, and the read after them up to 5 s more. */
const TIMEOUT = '3s';

let emulator: WafEmulator;
beforeEach(async () => {
  emulator = await startWafEmulator();
});
afterEach(async () => {
  await emulator.close();
});

function enter(site: Site, environment = 'staging'): Promise<StepResult> {
  return runAction({
    workspace: site.workspace,
    inputs: { command: 'enter', environment, timeout: TIMEOUT, probe: 'false' },
    env: awsEnvFor(emulator.endpoint),
  });
}

function failure(step: StepResult): string {
  expect(step.exitCode).toBe(1);
  const [message] = errorAnnotations(step.stdout);
  expect(message).toBeDefined();
  return message!;
}

describe('a write whose answer is lost', () => {
  it('is read again: both active writes applied, so the state is maintenance, changed', async () => {
    const site = await createSite(emulator);
    emulator.loseAnswers(2, { operation: 'UpdateIPSet' });
    const step = await enter(site);
    const message = failure(step);
    expect(message).toContain('did not answer within 3 s');
    expect(message).toContain(
      `enter on staging (${site.staging}) did not finish cleanly: a read after the failure shows every set as enter wants them; the environment is maintenance`,
    );
    expect(message).toContain(
      `${site.staging}-active-ipv4: written: the call failed (UpdateIPSet on`,
    );
    expect(message).toContain('the read after the failure shows the change applied; now ::/1');
    expect(message).not.toContain('NOT written');
    expect(step.outputs).toMatchObject({
      state: 'maintenance',
      'previous-state': 'normal',
      changed: 'true',
    });
    expect(step.summary).toContain('the environment is maintenance');
    expect(site.addresses(site.staging, 'active-ipv4')).toEqual(FULL_V4);
    expect(site.addresses(site.staging, 'active-ipv6')).toEqual(FULL_V6);
  });

  it('when the read after it fails too: state and changed are unknown, each set says so', async () => {
    const site = await createSite(emulator);
    emulator.loseAnswers(2, { operation: 'UpdateIPSet' });
    emulator.loseAnswers(100, { operation: 'GetIPSet', afterWrites: 2 });
    const started = Date.now();
    const step = await enter(site);
    // The command's 3 s, then the read's own 5 s: bounded, not the SDK's 8 attempts x 20 s.
    expect(Date.now() - started).toBeLessThan(15_000);
    const message = failure(step);
    expect(message).toContain(
      `enter on staging (${site.staging}) failed: the sets could not be read again after the failure (no answer within 5 s: GetIPSet on`,
    );
    expect(message).toContain("so the environment's state is unknown");
    for (const role of ['active-ipv4', 'active-ipv6']) {
      expect(message).toContain(
        `${site.staging}-${role}: unknown: the write may have reached WAF, and no answer said whether it was applied (UpdateIPSet on`,
      );
    }
    expect(message).toContain(
      `${site.staging}-allow-ipv4: unchanged by this run, empty when last read`,
    );
    expect(message).not.toContain('NOT written');
    expect(step.outputs).toMatchObject({
      state: 'unknown',
      'previous-state': 'normal',
      changed: 'unknown',
    });
  });
});

describe('writes all answered, the read after them is not (the verify)', () => {
  it('is read again on its own budget: maintenance, changed, and the failed verify named', async () => {
    const site = await createSite(emulator);
    // The verify read's five Gets (four IP sets and the bypass set) go unanswered.
    emulator.loseAnswers(5, { afterWrites: 2 });
    const step = await enter(site);
    const message = failure(step);
    expect(message).toContain(
      `enter on staging (${site.staging}) did not finish cleanly: every write was confirmed, but the read after them failed (`,
    );
    expect(message).toContain('the environment is maintenance');
    expect(message).toContain(`${site.staging}-active-ipv4: written, now 0.0.0.0/1, 128.0.0.0/1`);
    expect(step.outputs).toMatchObject({ state: 'maintenance', changed: 'true' });
  });

  it('when no read succeeds: unknown, but says which sets WAF confirmed and what they make', async () => {
    const site = await createSite(emulator);
    emulator.loseAnswers(100, { operation: 'GetIPSet', afterWrites: 2 });
    const step = await enter(site);
    const message = failure(step);
    expect(message).toContain('every write was confirmed, but the read after them failed');
    expect(message).toContain(
      "By WAF's answers and the read before the writes, it should be maintenance, but no read has confirmed it.",
    );
    expect(message).toContain(
      `${site.staging}-active-ipv6: written (confirmed by WAF's answer), now ::/1, 8000::/1; not read back`,
    );
    expect(step.outputs).toMatchObject({ state: 'unknown', changed: 'true' });
  });
});

it('over several environments: each result holds the state read after the lost answers', async () => {
  const site = await createSite(emulator);
  emulator.loseAnswers(4, { operation: 'UpdateIPSet' });
  const step = await enter(site, 'staging,production');
  failure(step);
  expect(step.outputs).toMatchObject({ state: 'maintenance', changed: 'true' });
  const results = JSON.parse(step.outputs['results']!) as {
    environment: string;
    state: string | null;
    changed: boolean | null;
  }[];
  expect(
    results.map(({ environment, state, changed }) => ({ environment, state, changed })),
  ).toEqual([
    { environment: 'staging', state: 'maintenance', changed: true },
    { environment: 'production', state: 'maintenance', changed: true },
  ]);
  expect(site.addresses(site.production, 'active-ipv6')).toEqual(FULL_V6);
});
