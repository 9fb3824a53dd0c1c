// A command that does not apply to the state read (allowlist-on while normal: review finding 7),
// through the bundled action as a runner runs it: the outputs give the state that WAS read, and
// the message says what to run first, not to run the same command again.
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { emulatorForSuite } from '../support/emulator-suite.js';
import { runAction, type StepResult } from '../support/runner.js';
import { createSite, errorAnnotations, writesSince, type Site } from '../support/workspace.js';

const emulator = emulatorForSuite();

/** The action as a runner runs it, against the suite's emulator, with no probe. */
function runStep(site: Site, inputs: Record<string, string>): Promise<StepResult> {
  return runAction({
    workspace: site.workspace,
    inputs: { ...inputs, probe: 'false' },
    env: awsEnvFor(emulator().endpoint),
  });
}

it('allowlist-on over several normal environments: state normal, and run enter first', async () => {
  const site = await createSite(emulator());
  const from = emulator().calls.length;
  const step = await runStep(site, { command: 'allowlist-on', environment: 'staging,production' });
  expect(step.exitCode).toBe(1);
  expect(writesSince(emulator(), from)).toBe(0);
  expect(step.outputs).toMatchObject({
    state: 'normal',
    'previous-state': 'normal',
    changed: 'false',
  });
  const results = JSON.parse(step.outputs['results']!) as { state: string | null }[];
  expect(results.map((r) => r.state)).toEqual(['normal', 'normal']);
  const [message] = errorAnnotations(step.stdout);
  expect(message).toContain('allowlist-on failed on 2 of 2 environments:\n');
  expect(message).toContain(
    '  - staging (normal): command: allowlist-on needs maintenance mode, and the environment is normal: run `enter` first',
  );
  expect(message).toContain(
    'Nothing was written on staging,production: allowlist-on does not apply to the state read there; run what each line says first.',
  );
  expect(message).not.toContain('Run allowlist-on again');
  expect(message).not.toContain('the others are done');
  expect(message).not.toContain('state not read');
});

it('one refused, one failed otherwise: only the other is told to run the command again', async () => {
  const site = await createSite(emulator());
  // production in maintenance, so allowlist-on applies there; its write is refused by IAM.
  const enter = await runStep(site, { command: 'enter', environment: 'production' });
  expect(enter.exitCode).toBe(0);
  const arn = emulator().getIpSet(`${site.production}-allow-ipv6`, 'CLOUDFRONT', 'us-east-1')!.arn;
  emulator().denyAccess('UpdateIPSet', { resourceArn: arn });
  try {
    const step = await runStep(site, {
      command: 'allowlist-on',
      environment: 'staging,production',
    });
    expect(step.exitCode).toBe(1);
    const [message] = errorAnnotations(step.stdout);
    expect(message).toContain('Nothing was written on staging: allowlist-on does not apply');
    expect(message).toContain('Run allowlist-on again for: production (environment: production)');
    expect(step.outputs['state']).toBe('mixed');
  } finally {
    emulator().restoreAccess();
  }
});

it('one environment: the outputs give the state read', async () => {
  const site = await createSite(emulator());
  const step = await runStep(site, { command: 'allowlist-on', environment: 'staging' });
  expect(step.exitCode).toBe(1);
  expect(errorAnnotations(step.stdout)[0]).toContain('run `enter` first');
  expect(step.outputs).toMatchObject({ state: 'normal', changed: 'false' });
});
