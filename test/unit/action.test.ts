// The action's front door with @actions/core and the engine mocked: inputs validated up front,
// outputs and summary from the report, one setFailed on any error.
import { jest } from '@jest/globals';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import * as core from '../fixtures/core.js';
import { enterAgain, entered, exited } from '../fixtures/reports.js';
import type { CommandReport } from '../../src/engine/report.js';
import type { CommandRequest } from '../../src/engine/run-command.js';
import { decodeHeldTokens, HELD_TOKEN_STATE } from '../../src/post/held-token.js';

import { cloudWatchStub } from '../support/cloudwatch-stub.js';
const runCommand = jest.fn<(request: CommandRequest) => Promise<CommandReport>>();
jest.unstable_mockModule('@actions/core', () => core);
jest.unstable_mockModule('../../src/engine/run-command.js', () => ({ runCommand }));
jest.unstable_mockModule('../../src/aws/cloudwatch.js', () => cloudWatchStub);
const { run } = await import('../../src/action/main.js');

const CONFIG = `testers:
  - name: QA office
    cidrs: [203.0.113.0/24, "2001:db8:1234::/48"]
environments:
  staging:
    name: shop-staging
    scope: REGIONAL
    region: eu-west-1
  production:
    name: shop-prod
    scope: CLOUDFRONT
`;

const savedEnv = { ...process.env };

beforeEach(async () => {
  core.resetCore();
  runCommand.mockReset();
  const workspace = await mkdtemp(join(tmpdir(), 'action-unit-'));
  await mkdir(join(workspace, '.github'));
  await writeFile(join(workspace, '.github/maintenance.yml'), CONFIG);
  process.env.GITHUB_WORKSPACE = workspace;
  process.env.GITHUB_ACTOR = 'octocat';
  process.env.GITHUB_REPOSITORY = 'acme/shop';
  process.env.GITHUB_RUN_ID = '99';
  delete process.env.GITHUB_SHA;
  Object.assign(core.inputs, {
    command: 'enter',
    environment: 'production',
    config: '.github/maintenance.yml',
    'dry-run': 'false',
    'github-token': 'ghs_secret',
  });
});

afterAll(() => {
  process.env = savedEnv;
});

function failures(): string[] {
  return core.setFailed.mock.calls.map(([message]) => String(message));
}

describe('input validation', () => {
  it('rejects an unknown command, listing the valid ones, before running anything', async () => {
    core.inputs.command = 'enterr';
    await run();
    expect(failures()).toEqual([
      'input "command": is not a command; use one of: enter, exit, allowlist-on, allowlist-off, status, validate, reconcile, report (value: "enterr")',
    ]);
    expect(runCommand).not.toHaveBeenCalled();
    expect(core.setOutput).not.toHaveBeenCalled();
  });

  it('reports every bad input at once', async () => {
    core.inputs.command = '';
    core.inputs['dry-run'] = 'yes';
    await run();
    expect(failures()).toHaveLength(1);
    expect(failures()[0]).toContain('2 problems');
    expect(failures()[0]).toContain('input "command": is required');
    expect(failures()[0]).toContain('input "dry-run": must be true or false (value: "yes")');
    expect(runCommand).not.toHaveBeenCalled();
  });

  it('masks the token before anything can log it', async () => {
    core.inputs.command = 'nope';
    await run();
    expect(core.setSecret).toHaveBeenCalledWith('ghs_secret');
    expect(core.setSecret.mock.invocationCallOrder[0]!).toBeLessThan(
      core.setFailed.mock.invocationCallOrder[0]!,
    );
  });

  it('rejects a bad allowlist CIDR naming the input, its line and the value; writes nothing', async () => {
    core.inputs.command = 'allowlist-on';
    core.inputs.allowlist = '\n# testers at home\n198.51.100.7\n10.0.0.300/8  # typo\n';
    await run();
    expect(failures()).toEqual([
      expect.stringMatching(/^input "allowlist" entry 4: .*\(value: "10\.0\.0\.300\/8"\)$/),
    ]);
    expect(runCommand).not.toHaveBeenCalled();
  });

  it('names the environments that exist when the key is unknown', async () => {
    core.inputs.environment = 'prod';
    await run();
    expect(failures()[0]).toContain('prod');
    expect(failures()[0]).toContain('production');
    expect(runCommand).not.toHaveBeenCalled();
  });

  it('says to check out the repo or grant contents: read when the config is nowhere', async () => {
    core.inputs.config = '.github/missing.yml';
    await run();
    expect(failures()).toHaveLength(1);
    expect(failures()[0]).toContain('.github/missing.yml is not in the workspace');
    expect(failures()[0]).toContain('actions/checkout');
    expect(failures()[0]).toContain('`contents: read`');
  });
});

describe('a successful run', () => {
  it('passes the environment, extra testers, reason, dry-run and who to the engine', async () => {
    runCommand.mockResolvedValue(entered);
    Object.assign(core.inputs, {
      command: 'allowlist-on',
      allowlist: '# release manager\n198.51.100.7\n\n2001:db8:99::/48  # laptop\n',
      reason: 'smoke test',
      'dry-run': 'true',
    });
    await run();
    expect(failures()).toEqual([]);
    const request = runCommand.mock.calls[0]![0];
    expect(request.command).toBe('allowlist-on');
    expect(request.environment).toMatchObject({ key: 'production', name: 'shop-prod' });
    expect(request.environment.region).toBe('us-east-1');
    expect([...request.allowlist.ipv4].sort()).toEqual(['198.51.100.7/32', '203.0.113.0/24']);
    expect([...request.allowlist.ipv6].sort()).toEqual(['2001:db8:1234::/48', '2001:db8:99::/48']);
    expect(request).toMatchObject({
      reason: 'smoke test',
      dryRun: true,
      invoker: { actor: 'octocat', run: 'acme/shop/actions/runs/99' },
    });
  });

  it('sets the outputs a workflow branches on', async () => {
    runCommand.mockResolvedValue({ ...entered, allowlist: ['203.0.113.0/24', '2001:db8::/32'] });
    await run();
    const outputs = Object.fromEntries(core.setOutput.mock.calls);
    expect(outputs).toEqual({
      state: 'maintenance',
      'planned-state': 'maintenance',
      'previous-state': 'normal',
      changed: 'true',
      since: '2026-03-01T10:00:00.000Z',
      'planned-end': '',
      overrun: 'false',
      allowlist: '203.0.113.0/24,2001:db8::/32',
      // The config has no url: for this environment, so nothing is probed.
      'probe-result': 'skipped',
      'probe-seconds': '',
      // enter has no window to cost yet.
      'turned-away': '',
      'turned-away-share': '',
      'error-budget-used': '',
      results: expect.stringContaining(
        '"state":"maintenance","previousState":"normal","changed":true',
      ),
    });
  });

  it('says changed=false when the sets already matched', async () => {
    runCommand.mockResolvedValue(enterAgain);
    await run();
    expect(core.setOutput).toHaveBeenCalledWith('changed', 'false');
    expect(core.setOutput).toHaveBeenCalledWith('previous-state', 'maintenance');
    expect(core.summaryText.join('')).toContain('none: the sets already match');
  });

  it('leaves since empty after exit and writes a summary with how long the window lasted', async () => {
    runCommand.mockResolvedValue(exited);
    core.inputs.command = 'exit';
    await run();
    expect(core.setOutput).toHaveBeenCalledWith('since', '');
    expect(core.setOutput).toHaveBeenCalledWith('changed', 'true');
    const summary = core.summaryText.join('');
    expect(summary).toContain('### Maintenance: exit production');
    expect(summary).toContain('lasted 2h 5m 3s');
    expect(summary).toContain('octocat (acme/shop/actions/runs/99)');
    expect(core.summary.write).toHaveBeenCalledTimes(1);
    expect(core.info).toHaveBeenCalledWith(
      'exit production: maintenance-allowlisted -> normal, 3 sets written',
    );
    // What the window cost: CloudWatch had no requests (no data points), and there is no slo.
    expect(core.setOutput).toHaveBeenCalledWith('turned-away', '0');
    expect(core.setOutput).toHaveBeenCalledWith('error-budget-used', '');
    expect(summary).toContain('turned away: 0 requests (browsers 0, API clients 0)');
    expect(summary).toContain('no slo in the config');
  });

  it('picks the only environment when the input is empty', async () => {
    await writeFile(
      join(process.env.GITHUB_WORKSPACE!, '.github/maintenance.yml'),
      CONFIG.replace(/ {2}production:\n.*\n.*\n$/, ''),
    );
    runCommand.mockResolvedValue(entered);
    core.inputs.environment = '';
    await run();
    expect(failures()).toEqual([]);
    expect(runCommand.mock.calls[0]![0].environment.key).toBe('staging');
  });
});

describe('bypass-token', () => {
  it('is off by default: no token, nothing saved for the post step', async () => {
    runCommand.mockResolvedValue(entered);
    await run();
    expect(runCommand.mock.calls[0]![0].bypassEntry).toBeUndefined();
    expect(core.saveState).not.toHaveBeenCalled();
  });

  it('masks the token and saves its entry for the post step before the engine writes it', async () => {
    let savedBeforeRun = false;
    runCommand.mockImplementation(() => {
      savedBeforeRun = core.saveState.mock.calls.length === 1;
      return Promise.resolve({ ...entered, command: 'allowlist-on' });
    });
    Object.assign(core.inputs, {
      command: 'allowlist-on',
      'bypass-token': 'true',
      'bypass-ttl': '90m',
    });
    const before = Date.now();
    await run();
    expect(failures()).toEqual([]);
    expect(savedBeforeRun).toBe(true);
    const entry = runCommand.mock.calls[0]![0].bypassEntry!;
    const token = /^\^(mb1-(\d{8}T\d{6}Z)-[A-Za-z0-9_-]{32})\$$/.exec(entry)![1]!;
    expect(core.setSecret).toHaveBeenCalledWith(token);
    const [name, saved] = core.saveState.mock.calls[0]!;
    expect(name).toBe(HELD_TOKEN_STATE);
    expect(decodeHeldTokens(String(saved))).toEqual([
      {
        environment: {
          key: 'production',
          name: 'shop-prod',
          scope: 'CLOUDFRONT',
          region: 'us-east-1',
        },
        entry,
      },
    ]);
    const outputs = Object.fromEntries(core.setOutput.mock.calls);
    expect(outputs['bypass-token']).toBe(token);
    // The expiry is in the token: 90 minutes from now, to the second.
    const stamp = /-(\d{8}T\d{6}Z)-/.exec(token)![1]!;
    const expires = Date.parse(
      stamp.replace(/(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/, '$1-$2-$3T$4:$5:$6Z'),
    );
    expect(expires - before).toBeGreaterThan(90 * 60_000 - 2000);
    expect(expires - before).toBeLessThanOrEqual(90 * 60_000);
  });

  it('rejects a ttl that is not a duration or is over 5 days, before anything runs', async () => {
    Object.assign(core.inputs, {
      command: 'allowlist-on',
      'bypass-token': 'true',
      'bypass-ttl': '6 hours',
    });
    await run();
    Object.assign(core.inputs, { 'bypass-ttl': '6d' });
    await run();
    expect(failures()).toEqual([
      expect.stringMatching(
        /^input "bypass-ttl": must be a whole number and a unit.*\(value: "6 hours"\)$/,
      ),
      expect.stringMatching(/^input "bypass-ttl": must be at most 5d \(value: "6d"\)$/),
    ]);
    expect(runCommand).not.toHaveBeenCalled();
  });
});

describe('a failing engine', () => {
  it('fails once with the message and still tells the story in the summary', async () => {
    const message =
      'enter production stopped half way: shop-prod-active-ipv4 written (on), shop-prod-active-ipv6 not written (off)';
    runCommand.mockRejectedValue(new Error(message));
    await run();
    expect(failures()).toEqual([message]);
    // No state it did not read: only `results`, whose one entry has the error and no state.
    expect(core.setOutput).toHaveBeenCalledTimes(1);
    expect(core.setOutput).toHaveBeenCalledWith(
      'results',
      JSON.stringify([
        {
          environment: 'production',
          state: null,
          previousState: null,
          changed: false,
          window: null,
          error: message,
        },
      ]),
    );
    expect(core.summaryText.join('')).toContain('### Maintenance: enter production failed');
    expect(core.summaryText.join('')).toContain(message);
  });
});

describe('action.yml', () => {
  it('declares exactly the inputs the action reads and the outputs it sets', async () => {
    const action = parse(await readFile('action.yml', 'utf8')) as {
      inputs: Record<string, { required?: boolean; default?: string }>;
      outputs: Record<string, unknown>;
      runs: Record<string, string>;
    };
    runCommand.mockResolvedValue(entered);
    Object.assign(core.inputs, { command: 'allowlist-on', 'bypass-token': 'true' });
    await run();
    expect(failures()).toEqual([]);
    const read = new Set(core.getInput.mock.calls.map(([name]) => name));
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort());
    const set = core.setOutput.mock.calls.map(([name]) => name);
    expect(set.sort()).toEqual(Object.keys(action.outputs).sort());
    expect(action.inputs.command!.required).toBe(true);
    expect(action.inputs.config!.default).toBe('.github/maintenance.yml');
    expect(action.inputs['dry-run']!.default).toBe('false');
    expect(action.inputs['github-token']!.default).toBe('${{ github.token }}');
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/post/index.js',
      'post-if': 'always()',
    });
  });
});
