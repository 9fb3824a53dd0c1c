// The verifying read must be the sets at one instant. Its five Gets are answered one by one;
// here another operator's `exit`, then a late `allowlist-on` write, land between them, as they
// did in the 20 x 20 concurrency test once the starts were staggered. Read as it came, the
// verify combines the active sets from before the exit with the allow set from after it:
// "maintenance-allowlisted", a state the sets never held, while visitors reach the site.
// The engine against the emulator, through the real SDK over HTTP; the test only decides when
// the one held-back Get is sent (an SDK middleware), and writes as the other operators.
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import { createWafClient } from '../../src/aws/client.js';
import type { Command, Environment } from '../../src/domain/types.js';
import { runCommand } from '../../src/engine/run-command.js';
import { createEnvironmentSets } from '@maintenance-action/sandbox/waf-emulator/index.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const emulator = emulatorForSuite();
const REGION = 'eu-west-1';
let seq = 0;

function freshEnvironment(): Environment {
  const environment: Environment = {
    key: 'production',
    name: `torn-${++seq}`,
    scope: 'REGIONAL',
    region: REGION,
    testers: [],
  };
  createEnvironmentSets(emulator(), environment.name, 'REGIONAL', REGION);
  return environment;
}

function run(command: Command, environment: Environment, client: WAFV2Client) {
  return runCommand({
    command,
    environment,
    allowlist: { ipv4: ['203.0.113.0/24'], ipv6: [] },
    dryRun: false,
    invoker: { actor: 'octocat', run: 'acme/shop/actions/runs/42' },
    client,
  });
}

/**
 * A client whose second GetIPSet of `held` (the verifying read's, after the first read's) waits
 * until that read's Gets of both active sets are answered, then lets `between` write first.
 */
function clientHoldingVerifyGet(
  environment: Environment,
  held: string,
  between: () => void,
): WAFV2Client {
  const client = createWafClient(environment);
  const gets = new Map<string, number>();
  let activeAnswered = 0;
  let release = (): void => undefined;
  const activeDone = new Promise<void>((resolve) => (release = resolve));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (args.input as { Name?: string }).Name ?? '';
      if (context.commandName !== 'GetIPSetCommand') return next(args);
      const nth = (gets.get(name) ?? 0) + 1;
      gets.set(name, nth);
      if (name === held && nth === 2) {
        await activeDone;
        between();
      }
      const answer = await next(args);
      if (nth === 2 && name.includes('-active-') && ++activeAnswered === 2) release();
      return answer;
    },
    { step: 'initialize', name: 'holdVerifyGet' },
  );
  return client;
}

function holds(environment: Environment, role: string): string[] {
  return [
    ...(emulator().getIpSet(`${environment.name}-${role}`, 'REGIONAL', REGION)?.addresses ?? []),
  ];
}

it('enter never reports a state its verifying read combined from two moments', async () => {
  const environment = freshEnvironment();
  const set = (role: string, addresses: string[]) =>
    emulator().setAddresses(`${environment.name}-${role}`, 'REGIONAL', REGION, addresses);
  const client = clientHoldingVerifyGet(environment, `${environment.name}-allow-ipv4`, () => {
    // Another operator's exit, then an allowlist-on that had read maintenance before it.
    set('active-ipv4', []);
    set('active-ipv6', []);
    set('allow-ipv4', ['198.51.100.0/24']);
  });

  const report = await run('enter', environment, client);

  // What enter reports is what the sets hold once it is done: it ran last, so maintenance,
  // with the tester address the late allowlist-on wrote shut out again.
  const status = await run('status', environment, createWafClient(environment));
  expect(report.state).toBe(status.state);
  expect(status.state).toBe('maintenance');
  expect(holds(environment, 'allow-ipv4')).toEqual([]);
});

it('with no other writer, the verifying read is one read (no extra round trip)', async () => {
  const environment = freshEnvironment();
  emulator().resetCalls();
  const report = await run('enter', environment, createWafClient(environment));
  expect(report.state).toBe('maintenance');
  const gets = emulator().calls.filter((c) => c.operation === 'GetIPSet');
  // The first read and the verifying read: each of the four IP sets twice.
  expect(gets).toHaveLength(8);
});
