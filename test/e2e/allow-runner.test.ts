// `allow-runner` as a GitHub runner runs it: `node dist/index.js` then `node dist/post/index.js`
// with the state main saved, against the WAFv2 emulator, the runner's address coming from a
// local echo server.
import { awsEnvFor } from '../../sandbox/src/aws-env.js';
import { startIpEcho, type IpEcho } from '../support/ip-echo.js';
import { runAction, runPost, type RunActionOptions, type StepResult } from '../support/runner.js';
import { startWafEmulator, type WafEmulator } from '../../sandbox/src/waf-emulator/index.js';
import { QA_V4, createSite, errorAnnotations, writesSince, type Site } from './workspace.js';

/** Outside every tester range of the site's config. */
const RUNNER_V4 = '192.0.2.10';
const RUNNER_V6 = '2001:db8:ffff::10';

let emulator: WafEmulator;
let echo: IpEcho;
beforeAll(async () => {
  emulator = await startWafEmulator();
  echo = await startIpEcho(RUNNER_V4);
});
afterAll(async () => {
  await echo.close();
  await emulator.close();
});
beforeEach(() => {
  echo.answer = RUNNER_V4;
  echo.status = 200;
});

/** One job's main step on staging; `job` plays GITHUB_JOB, `run` GITHUB_RUN_ID. */
function step(
  site: Site,
  inputs: RunActionOptions['inputs'],
  job = { job: 'smoke', run: '4242' },
): Promise<StepResult> {
  return runAction({
    workspace: site.workspace,
    inputs: { environment: 'staging', ...inputs },
    env: { ...awsEnvFor(emulator.endpoint), GITHUB_JOB: job.job, GITHUB_RUN_ID: job.run },
  });
}
const allowRunner = (extra: Record<string, string> = {}) => ({
  'allow-runner': 'true',
  'ip-echo-url': echo.url,
  ...extra,
});

function expectOk(result: StepResult): StepResult {
  expect(errorAnnotations(result.stdout)).toEqual([]);
  expect(result.exitCode).toBe(0);
  return result;
}

const leaseTags = (site: Site, role: 'allow-ipv4' | 'allow-ipv6' = 'allow-ipv4') =>
  Object.entries(emulator.getIpSet(`${site.staging}-${role}`, 'REGIONAL', 'eu-west-1')!.tags)
    .filter(([key]) => key.startsWith('lease:'))
    .map(([key, value]) => ({ key, value }));

describe('a smoke-test job', () => {
  it('allowlist-on lets testers and this runner in; the post step takes the runner out', async () => {
    const site = await createSite(emulator);
    expectOk(await step(site, { command: 'enter' }));

    const main = expectOk(await step(site, { command: 'allowlist-on', ...allowRunner() }));
    expect(site.addresses(site.staging, 'allow-ipv4')).toEqual([`${RUNNER_V4}/32`, QA_V4]);
    expect(main.outputs.state).toBe('maintenance-allowlisted');
    expect(main.outputs.allowlist!.split(',')).toEqual(
      expect.arrayContaining([`${RUNNER_V4}/32`, QA_V4]),
    );
    expect(main.summary).toContain(`${RUNNER_V4}/32`);
    const [lease] = leaseTags(site);
    expect(lease!.key).toMatch(/^lease:4242-1-[0-9a-f]{8}-smoke$/);
    expect(lease!.value).toMatch(new RegExp(`^${RUNNER_V4}/32 \\S+Z$`));
    expect(Date.parse(lease!.value.split(' ')[1]!) - Date.now()).toBeGreaterThan(5.9 * 3600_000);

    const from = emulator.calls.length;
    const post = expectOk(await runPost(main));
    expect(post.stdout).toContain(`${RUNNER_V4}/32 removed from ${site.staging}-allow-ipv4`);
    expect(site.addresses(site.staging, 'allow-ipv4')).toEqual([QA_V4]);
    expect(leaseTags(site)).toEqual([]);
    expect(writesSince(emulator, from)).toBe(1);
    // Testers keep access; the site stays in maintenance.
    expect(site.addresses(site.staging, 'active-ipv4')).toEqual(['0.0.0.0/1', '128.0.0.0/1']);
  });

  it('works for a runner with an IPv6 address', async () => {
    const site = await createSite(emulator);
    echo.answer = RUNNER_V6;
    expectOk(await step(site, { command: 'enter' }));
    const main = expectOk(await step(site, { command: 'status', ...allowRunner() }));
    expect(main.outputs.state).toBe('maintenance-allowlisted');
    expect(site.addresses(site.staging, 'allow-ipv6')).toEqual([`${RUNNER_V6}/128`]);
    expect(leaseTags(site, 'allow-ipv6')).toHaveLength(1);
    expectOk(await runPost(main));
    expect(site.addresses(site.staging, 'allow-ipv6')).toEqual([]);
    expect(leaseTags(site, 'allow-ipv6')).toEqual([]);
  });
});

describe('two overlapping jobs behind one NAT address', () => {
  it('the first post step leaves the address for the job still running', async () => {
    const site = await createSite(emulator);
    expectOk(await step(site, { command: 'enter' }));
    const a = expectOk(
      await step(site, { command: 'status', ...allowRunner() }, { job: 'smoke-eu', run: '1' }),
    );
    const b = expectOk(
      await step(site, { command: 'status', ...allowRunner() }, { job: 'smoke-us', run: '2' }),
    );
    expect(leaseTags(site)).toHaveLength(2);

    const postA = expectOk(await runPost(a));
    expect(postA.stdout).toContain('another job behind the same address still holds a lease');
    expect(site.addresses(site.staging, 'allow-ipv4')).toEqual([`${RUNNER_V4}/32`]);
    expect(leaseTags(site).map((t) => t.key)).toEqual([expect.stringMatching(/^lease:2-1-/)]);

    expectOk(await runPost(b));
    expect(site.addresses(site.staging, 'allow-ipv4')).toEqual([]);
    expect(leaseTags(site)).toEqual([]);
  });

  it('matrix legs of one job (same run, same job id) hold separate leases', async () => {
    const site = await createSite(emulator);
    expectOk(await step(site, { command: 'enter' }));
    const leg1 = expectOk(await step(site, { command: 'status', ...allowRunner() }));
    const leg2 = expectOk(await step(site, { command: 'status', ...allowRunner() }));
    expect(leaseTags(site)).toHaveLength(2);
    expectOk(await runPost(leg1));
    expect(site.addresses(site.staging, 'allow-ipv4')).toEqual([`${RUNNER_V4}/32`]);
    expectOk(await runPost(leg2));
    expect(site.addresses(site.staging, 'allow-ipv4')).toEqual([]);
  });

  it("another job's allowlist-on keeps a running job's runner in", async () => {
    const site = await createSite(emulator);
    expectOk(await step(site, { command: 'enter' }));
    const smoke = expectOk(await step(site, { command: 'status', ...allowRunner() }));
    expectOk(await step(site, { command: 'allowlist-on' }, { job: 'testers', run: '7' }));
    expect(site.addresses(site.staging, 'allow-ipv4')).toEqual([`${RUNNER_V4}/32`, QA_V4]);
    expectOk(await runPost(smoke));
    expect(site.addresses(site.staging, 'allow-ipv4')).toEqual([QA_V4]);
  });
});

describe('a job killed before its post step', () => {
  it('its lease expires and the next command on the environment removes the address', async () => {
    const site = await createSite(emulator);
    expectOk(await step(site, { command: 'enter' }));
    const killed = expectOk(
      await step(site, { command: 'status', ...allowRunner({ 'allow-runner-ttl': '2s' }) }),
    );
    expect(killed.outputs.state).toBe('maintenance-allowlisted');

    // Before expiry, another command leaves the lease alone.
    const early = expectOk(await step(site, { command: 'status' }, { job: 'other', run: '9' }));
    expect(early.outputs.state).toBe('maintenance-allowlisted');
    expect(leaseTags(site)).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 2100));
    const later = expectOk(await step(site, { command: 'status' }, { job: 'other', run: '9' }));
    expect(later.stdout).toContain(`Ended 1 expired runner lease(s): ${RUNNER_V4}/32`);
    expect(later.outputs.state).toBe('maintenance');
    expect(site.addresses(site.staging, 'allow-ipv4')).toEqual([]);
    expect(leaseTags(site)).toEqual([]);
  });
});

describe('when there is nothing to let the runner into', () => {
  it('outside maintenance the runner is not added and the post step has nothing to do', async () => {
    const site = await createSite(emulator);
    const before = site.snapshot();
    const main = expectOk(await step(site, { command: 'status', ...allowRunner() }));
    expect(main.stdout).toContain(
      `Runner ${RUNNER_V4}/32 not added: staging is not in maintenance`,
    );
    expect(main.outputs.state).toBe('normal');
    expect(site.snapshot()).toBe(before);
    expect(leaseTags(site)).toEqual([]);
    const post = expectOk(await runPost(main));
    expect(post.stdout).toContain('nothing to end');
  });

  it('exit with allow-runner leaves the site normal, with no runner address behind', async () => {
    const site = await createSite(emulator);
    expectOk(await step(site, { command: 'enter' }));
    const exit = expectOk(await step(site, { command: 'exit', ...allowRunner() }));
    expect(exit.outputs.state).toBe('normal');
    expect(site.addresses(site.staging, 'allow-ipv4')).toEqual([]);
  });

  it('exit with allow-runner does not need the echo service', async () => {
    const site = await createSite(emulator);
    expectOk(await step(site, { command: 'enter' }));
    const exit = expectOk(
      await step(site, {
        command: 'exit',
        ...allowRunner({ 'ip-echo-url': 'http://127.0.0.1:9/' }),
      }),
    );
    expect(exit.stdout).toContain('Runner not let in: exit shuts testers out');
    expect(exit.outputs.state).toBe('normal');
  });

  it('allowlist-off with allow-runner shuts the runner out with the testers', async () => {
    const site = await createSite(emulator);
    expectOk(await step(site, { command: 'enter' }));
    expectOk(await step(site, { command: 'allowlist-on' }));
    const requests = echo.requests;
    const off = expectOk(await step(site, { command: 'allowlist-off', ...allowRunner() }));
    expect(echo.requests).toBe(requests);
    expect(off.outputs.state).toBe('maintenance');
    expect(off.stdout).toContain('maintenance-allowlisted -> maintenance');
    expect(site.addresses(site.staging, 'allow-ipv4')).toEqual([]);
    expect(leaseTags(site)).toEqual([]);
  });

  it('dry-run writes nothing, not even a lease', async () => {
    const site = await createSite(emulator);
    expectOk(await step(site, { command: 'enter' }));
    const before = site.snapshot();
    const from = emulator.calls.length;
    const plan = expectOk(
      await step(site, { command: 'allowlist-on', 'dry-run': 'true', ...allowRunner() }),
    );
    expect(plan.stdout).toContain('Runner not let in: dry run, nothing is written');
    expect(site.snapshot()).toBe(before);
    expect(leaseTags(site)).toEqual([]);
    expect(
      emulator.calls.slice(from).filter((c) => /^(Update|Tag|Untag)/.test(c.operation)),
    ).toEqual([]);
  });
});

describe('bad runner-access input fails before any write', () => {
  it.each([
    [{ 'ip-echo-url': 'http://127.0.0.1:9/' }, 'input "ip-echo-url": could not be read'],
    [{ 'allow-runner-ttl': '6 hours' }, 'input "allow-runner-ttl"'],
    [{ 'allow-runner': 'yes' }, 'input "allow-runner"'],
  ])('%j', async (inputs, message) => {
    const site = await createSite(emulator);
    expectOk(await step(site, { command: 'enter' }));
    const before = site.snapshot();
    const from = emulator.calls.length;
    const result = await step(site, { command: 'allowlist-on', ...allowRunner(inputs) });
    expect(result.exitCode).toBe(1);
    expect(errorAnnotations(result.stdout).join('\n')).toContain(message);
    expect(writesSince(emulator, from)).toBe(0);
    expect(site.snapshot()).toBe(before);
    expect(leaseTags(site)).toEqual([]);
  });

  it('an echo service answering something else than an address', async () => {
    const site = await createSite(emulator);
    expectOk(await step(site, { command: 'enter' }));
    echo.answer = 'Service Unavailable';
    const result = await step(site, { command: 'allowlist-on', ...allowRunner() });
    expect(result.exitCode).toBe(1);
    expect(errorAnnotations(result.stdout)[0]).toContain('"Service Unavailable"');
    expect(site.addresses(site.staging, 'allow-ipv4')).toEqual([]);
  });
});
