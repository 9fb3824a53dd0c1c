// The bundled action (dist/index.js) run as a GitHub runner runs it, against the local WAFv2
// emulator through the real AWS SDK over HTTP.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { runAction, runPost, type RunActionOptions } from '../support/runner.js';
import {
  QA_V4,
  QA_V6,
  RELEASE_MANAGER_V6,
  createSite,
  errorAnnotations,
  writeWorkspace,
  writesSince,
  type Site,
} from '../support/workspace.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const emulator = emulatorForSuite();
const FULL_V4 = ['0.0.0.0/1', '128.0.0.0/1'];
const FULL_V6 = ['8000::/1', '::/1'];

function step(
  site: Site,
  inputs: RunActionOptions['inputs'],
  extra: Partial<RunActionOptions> = {},
) {
  return runAction({
    workspace: site.workspace,
    inputs,
    ...extra,
    env: { ...awsEnvFor(emulator().endpoint), ...extra.env },
  });
}

describe('the lifecycle on staging', () => {
  it('status -> enter -> allowlist-on -> allowlist-off -> exit, with outputs and sets', async () => {
    const site = await createSite(emulator());
    const env = { environment: 'staging' };
    const sets = (role: Parameters<Site['addresses']>[1]) => site.addresses(site.staging, role);

    const status = await step(site, { ...env, command: 'status' });
    expect(status.exitCode).toBe(0);
    expect(status.outputs).toEqual({
      state: 'normal',
      'planned-state': 'normal',
      'previous-state': 'normal',
      changed: 'false',
      since: '',
      'planned-end': '',
      overrun: 'false',
      allowlist: '',
      // The config has no url:, so nothing is probed.
      'probe-result': 'skipped',
      'probe-seconds': '',
      // No open window, nothing to cost.
      'turned-away': '',
      'turned-away-share': '',
      'error-budget-used': '',
      // One entry: this environment (issue 14's results, the same shape for many).
      results: JSON.stringify([
        {
          environment: 'staging',
          state: 'normal',
          previousState: 'normal',
          changed: false,
          window: null,
          error: null,
        },
      ]),
    });

    const enter = await step(site, { ...env, command: 'enter', reason: 'schema migration 0042' });
    expect(enter.exitCode).toBe(0);
    expect(enter.outputs).toMatchObject({
      state: 'maintenance',
      'previous-state': 'normal',
      changed: 'true',
    });
    expect(Date.parse(enter.outputs.since!)).toBeGreaterThan(Date.now() - 60_000);
    expect(sets('active-ipv4')).toEqual(FULL_V4);
    expect(sets('active-ipv6')).toEqual(FULL_V6);
    expect(sets('allow-ipv4')).toEqual([]);
    expect(enter.summary).toContain('### Maintenance: enter staging');
    expect(enter.summary).toContain('normal -&gt; maintenance');
    expect(enter.summary).toContain(
      `${site.staging}-active-ipv4: (empty) -&gt; 0.0.0.0/1, 128.0.0.0/1`,
    );
    expect(enter.summary).toContain('reason: schema migration 0042');
    expect(enter.summary).toContain('octocat (acme/shop/actions/runs/4242)');
    expect(enter.stdout).toContain('enter staging: normal -> maintenance, 2 sets written');

    const on = await step(site, {
      ...env,
      command: 'allowlist-on',
      allowlist: '# the release manager at home\n198.51.100.7\n',
    });
    expect(on.exitCode).toBe(0);
    expect(on.outputs).toMatchObject({
      state: 'maintenance-allowlisted',
      'previous-state': 'maintenance',
      changed: 'true',
      since: enter.outputs.since,
    });
    expect(sets('allow-ipv4')).toEqual(['198.51.100.7/32', QA_V4]);
    expect(sets('allow-ipv6')).toEqual([QA_V6, `${RELEASE_MANAGER_V6}/128`].sort());
    expect(on.outputs.allowlist!.split(',').sort()).toEqual(
      ['198.51.100.7/32', QA_V4, QA_V6, `${RELEASE_MANAGER_V6}/128`].sort(),
    );

    const statusNow = await step(site, { ...env, command: 'status' });
    expect(statusNow.summary).toContain('reason: schema migration 0042');
    expect(statusNow.outputs.state).toBe('maintenance-allowlisted');

    const off = await step(site, { ...env, command: 'allowlist-off' });
    expect(off.outputs).toMatchObject({
      state: 'maintenance',
      'previous-state': 'maintenance-allowlisted',
      changed: 'true',
      allowlist: '',
    });
    expect(sets('allow-ipv4')).toEqual([]);
    expect(sets('allow-ipv6')).toEqual([]);
    expect(sets('active-ipv4')).toEqual(FULL_V4);

    const exit = await step(site, { ...env, command: 'exit' });
    expect(exit.exitCode).toBe(0);
    expect(exit.outputs).toEqual({
      state: 'normal',
      'planned-state': 'normal',
      'previous-state': 'maintenance',
      changed: 'true',
      since: '',
      'planned-end': '',
      overrun: 'false',
      allowlist: '',
      'probe-result': 'skipped',
      'probe-seconds': '',
      // CloudWatch (the emulator) saw no request during the window; the config has no slo.
      'turned-away': '0',
      'turned-away-share': '',
      'error-budget-used': '',
      results: JSON.stringify([
        {
          environment: 'staging',
          state: 'normal',
          previousState: 'maintenance',
          changed: true,
          window: null,
          error: null,
        },
      ]),
    });
    for (const role of ['active-ipv4', 'active-ipv6', 'allow-ipv4', 'allow-ipv6'] as const) {
      expect(sets(role)).toEqual([]);
    }
    expect(exit.summary).toMatch(/Ended window \| started \S+ by octocat .*, lasted \d+s/);
  });
});

describe('repetition and dry-run', () => {
  it('a repeated command reports changed=false and writes nothing', async () => {
    const site = await createSite(emulator());
    const inputs = { environment: 'production', command: 'enter' };
    expect((await step(site, inputs)).outputs.changed).toBe('true');
    const from = emulator().calls.length;
    const again = await step(site, inputs);
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({ state: 'maintenance', changed: 'false' });
    expect(writesSince(emulator(), from)).toBe(0);
    expect(again.summary).toContain('none: the sets already match');
    // What it cost: the sets found once, then read once, nothing written.
    const calls = emulator()
      .calls.slice(from)
      .map((call) => call.operation);
    expect(calls.sort()).toEqual([
      'GetIPSet',
      'GetIPSet',
      'GetIPSet',
      'GetIPSet',
      'GetRegexPatternSet',
      'ListIPSets',
      'ListRegexPatternSets',
    ]);
  });

  it('dry-run prints the plan in the summary and writes nothing', async () => {
    const site = await createSite(emulator());
    const before = site.snapshot();
    const from = emulator().calls.length;
    const plan = await step(site, { environment: 'staging', command: 'enter', 'dry-run': 'true' });
    expect(plan.exitCode).toBe(0);
    expect(writesSince(emulator(), from)).toBe(0);
    expect(site.snapshot()).toBe(before);
    expect(plan.outputs).toMatchObject({
      state: 'normal',
      'planned-state': 'maintenance',
      'previous-state': 'normal',
      changed: 'false',
    });
    expect(plan.summary).toContain('| Plan (nothing written) |');
    expect(plan.summary).toContain(`${site.staging}-active-ipv6: (empty) -&gt; ::/1, 8000::/1`);
    expect(plan.stdout).toContain(
      'dry run: enter staging: normal -> maintenance (planned), 2 sets would be written',
    );
  });

  it('dry-run of exit keeps state as it is and marks every planned line (planned)', async () => {
    const site = await createSite(emulator());
    await step(site, { environment: 'staging', command: 'enter', reason: 'release 7' });
    await step(site, { environment: 'staging', command: 'allowlist-on' });
    const plan = await step(site, { environment: 'staging', command: 'exit', 'dry-run': 'true' });
    expect(plan.outputs).toMatchObject({
      state: 'maintenance-allowlisted',
      'planned-state': 'normal',
      changed: 'false',
    });
    expect(plan.summary).toContain(
      '| State | maintenance-allowlisted now -&gt; normal (planned) |',
    );
    expect(plan.summary).toMatch(/\| Ended window \(planned\) \| started /);
    expect(plan.summary).toContain('| Allowlist (planned) | none |');
    expect(plan.summary).toContain('| Bypass (planned) | none |');
    // No line states the planned outcome as a fact.
    expect(plan.summary).not.toMatch(/\| (Ended window|Allowlist|Window|Bypass) \|/);
    expect(site.addresses(site.staging, 'active-ipv4')).toEqual(FULL_V4);
  });
});

describe('bad input fails with where and what, and changes nothing', () => {
  let site: Site;
  beforeAll(async () => {
    site = await createSite(emulator());
  });

  const staging = { command: 'enter', environment: 'staging' };
  it.each([
    {
      case: 'a bad config line',
      inputs: staging,
      config: (text: string) => text.replace(QA_V4, '203.0.113.5/24'),
      says: ['.github/maintenance.yml:4:', 'host bits', '"203.0.113.5/24"'],
    },
    {
      case: 'an unknown environment',
      inputs: { ...staging, environment: 'prod' },
      says: ['.github/maintenance.yml', '"prod"', 'staging, production'],
    },
    {
      case: 'an unknown command',
      inputs: { ...staging, command: 'enable' },
      says: ['input "command"', 'enter, exit, allowlist-on, allowlist-off, status', '"enable"'],
    },
    {
      case: 'a bad allowlist CIDR',
      inputs: { ...staging, command: 'allowlist-on', allowlist: '10.0.0.0/8\n300.1.1.1' },
      says: ['input "allowlist" entry 2', '"300.1.1.1"'],
    },
    {
      case: 'a dry-run that is not a boolean',
      inputs: { ...staging, 'dry-run': 'yes' },
      says: ['input "dry-run"', '"yes"'],
    },
    {
      case: 'a config path that is a directory',
      inputs: { ...staging, config: '.github' },
      says: ['input "config": .github is a directory', '.github/maintenance.yml'],
    },
  ])('$case', async ({ inputs, config, says }) => {
    const workspace = config ? await writeWorkspace(config(site.config)) : site.workspace;
    const before = site.snapshot();
    const from = emulator().calls.length;
    const result = await step(site, inputs, { workspace });
    expect(result.exitCode).toBe(1);
    const errors = errorAnnotations(result.stdout);
    expect(errors).toHaveLength(1);
    for (const fragment of says) expect(errors[0]).toContain(fragment);
    expect(writesSince(emulator(), from)).toBe(0);
    expect(site.snapshot()).toBe(before);
    // No state it did not read: an environment command sets only `results`, with the error.
    const { results, ...others } = result.outputs;
    expect(others).toEqual({});
    const entries = (results === undefined ? [] : JSON.parse(results)) as {
      state: unknown;
      changed: boolean;
      error: string;
    }[];
    expect(entries.map((e) => [e.state, e.changed, e.error === errors[0]])).toEqual(
      inputs.command === 'enable' ? [] : [[null, false, true]],
    );
  });
});

describe('a write that AWS refuses', () => {
  it('fails the step, names the set, and still sets the state the sets are really in', async () => {
    const site = await createSite(emulator());
    const denied = emulator().getIpSet(`${site.staging}-active-ipv6`, 'REGIONAL', 'eu-west-1')!;
    emulator().denyAccess('UpdateIPSet', { resourceArn: denied.arn });
    const enter = await step(site, { environment: 'staging', command: 'enter' });
    expect(enter.exitCode).toBe(1);
    expect(errorAnnotations(enter.stdout).join('\n')).toContain(
      `${site.staging}-active-ipv6: NOT written, still empty`,
    );
    expect(enter.outputs).toMatchObject({
      state: 'inconsistent',
      'previous-state': 'normal',
      changed: 'true',
    });
    expect(enter.summary).toContain(`wafv2:UpdateIPSet on ${denied.arn}`);
  });
});

describe('IPv6 testers', () => {
  it('production lets only its IPv6 release manager through', async () => {
    const site = await createSite(emulator());
    await step(site, { environment: 'production', command: 'enter' });
    const on = await step(site, { environment: 'production', command: 'allowlist-on' });
    expect(on.exitCode).toBe(0);
    expect(on.outputs.allowlist).toBe(`${RELEASE_MANAGER_V6}/128`);
    expect(site.addresses(site.production, 'allow-ipv6')).toEqual([`${RELEASE_MANAGER_V6}/128`]);
    expect(site.addresses(site.production, 'allow-ipv4')).toEqual([]);
    expect(site.addresses(site.production, 'active-ipv6')).toEqual(FULL_V6);
  });
});

describe('config from the GitHub API when the job has no checkout', () => {
  let api: Server;
  let apiUrl: string;
  let requests: IncomingMessage[];
  let files: Record<string, string>;

  beforeAll(async () => {
    api = createServer((req, res) => {
      requests.push(req);
      const url = new URL(req.url!, 'http://x');
      const match = /^\/repos\/acme\/shop\/contents\/(.+)$/.exec(url.pathname);
      const path = match && decodeURIComponent(match[1]!);
      const text = path !== null ? files[`${path}@${url.searchParams.get('ref')}`] : undefined;
      if (req.headers.authorization !== 'token ghs_api-token' || text === undefined) {
        res.writeHead(text === undefined ? 404 : 401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: text === undefined ? 'Not Found' : 'Bad credentials' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          type: 'file',
          encoding: 'base64',
          path,
          content: Buffer.from(text).toString('base64'),
        }),
      );
    });
    await new Promise<void>((done) => api.listen(0, '127.0.0.1', done));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => api.close(() => done())));
  beforeEach(() => {
    requests = [];
    files = {};
  });

  it('reads the file at the workflow commit and runs the command', async () => {
    const site = await createSite(emulator());
    files['.github/maintenance.yml@d6cd1e2bd19e03a81132a23b2025920577f84e37'] = site.config;
    const empty = await mkdtemp(join(tmpdir(), 'no-checkout-'));
    const result = await step(
      site,
      { command: 'enter', environment: 'staging' },
      { workspace: empty, githubToken: 'ghs_api-token', env: { GITHUB_API_URL: apiUrl } },
    );
    expect(errorAnnotations(result.stdout)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(requests).toHaveLength(1);
    expect(result.stdout).toContain(
      'Config: acme/shop@d6cd1e2bd19e03a81132a23b2025920577f84e37 (GitHub API)',
    );
    expect(result.stdout).toContain('::add-mask::ghs_api-token');
    expect(result.outputs.state).toBe('maintenance');
    expect(site.addresses(site.staging, 'active-ipv4')).toEqual(FULL_V4);
  });

  it('says to check out the repo or grant contents: read when neither works', async () => {
    const site = await createSite(emulator());
    const empty = await mkdtemp(join(tmpdir(), 'no-checkout-'));
    const before = site.snapshot();
    const result = await step(
      site,
      { command: 'enter', environment: 'staging' },
      { workspace: empty, githubToken: 'ghs_api-token', env: { GITHUB_API_URL: apiUrl } },
    );
    expect(result.exitCode).toBe(1);
    const [message] = errorAnnotations(result.stdout);
    expect(message).toContain('.github/maintenance.yml is not in the workspace');
    expect(message).toContain('acme/shop@d6cd1e2bd19e03a81132a23b2025920577f84e37');
    expect(message).toContain('Not Found');
    // A 404 means the API answered: the file is not at that commit, said first.
    expect(message).toContain(
      'the GitHub API found no .github/maintenance.yml in acme/shop@d6cd1e2bd19e03a81132a23b2025920577f84e37 (the commit this run is on; 404',
    );
    expect(message!.indexOf('(1) the file is not committed at that commit')).toBeLessThan(
      message!.indexOf('contents: read'),
    );
    expect(message).toContain('actions/checkout');
    expect(message).toContain('`contents: read`');
    expect(site.snapshot()).toBe(before);
  });
});

describe('the post step', () => {
  it('runs after main with the state main saved and succeeds', async () => {
    const site = await createSite(emulator());
    const main = await step(site, { environment: 'staging', command: 'status' });
    const post = await runPost(main);
    expect(post.exitCode).toBe(0);
    expect(post.stderr).toBe('');
  });
});
