// Issue 8, finding 4, through the bundled action as a runner runs it: after a partial `enter`
// (stale tester addresses in the allow sets and a failed write), what the error tells the user
// to run repairs the environment.
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { runAction } from '../support/runner.js';
import { createSite, errorAnnotations, type Site } from '../support/workspace.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const emulator = emulatorForSuite();
const FULL_V4 = ['0.0.0.0/1', '128.0.0.0/1'];
const STALE = ['192.0.2.66/32'];

function enter(site: Site) {
  return runAction({
    workspace: site.workspace,
    inputs: { command: 'enter', environment: 'staging', probe: 'false' },
    env: awsEnvFor(emulator().endpoint),
  });
}

it.each(['allow-ipv4', 'active-ipv6'] as const)(
  'a failed write on %s: the error says to run enter again, and that repairs',
  async (failing) => {
    const site = await createSite(emulator());
    // A broken earlier run left a stale tester address in the allow set.
    emulator().setAddresses(`${site.staging}-allow-ipv4`, 'REGIONAL', 'eu-west-1', [...STALE]);
    const arn = emulator().getIpSet(`${site.staging}-${failing}`, 'REGIONAL', 'eu-west-1')!.arn;
    emulator().denyAccess('UpdateIPSet', { resourceArn: arn });
    try {
      const failed = await enter(site);
      expect(failed.exitCode).toBe(1);
      const [message] = errorAnnotations(failed.stdout);
      expect(message).toContain('Run `enter` again once the cause is fixed');
      // Maintenance never went on with the stale tester let in; the outputs give the state the
      // failed command read, and whether it wrote anything before the failure.
      expect(failed.outputs).toMatchObject({
        state: 'inconsistent',
        'previous-state': 'inconsistent',
        changed: failing === 'active-ipv6' ? 'true' : 'false',
      });
    } finally {
      emulator().restoreAccess();
    }
    const rerun = await enter(site);
    expect(errorAnnotations(rerun.stdout)).toEqual([]);
    expect(rerun.outputs).toMatchObject({ state: 'maintenance', changed: 'true' });
    expect(site.addresses(site.staging, 'allow-ipv4')).toEqual([]);
    expect(site.addresses(site.staging, 'active-ipv4')).toEqual(FULL_V4);
  },
);
