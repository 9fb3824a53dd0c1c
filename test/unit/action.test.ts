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
import { passThroughRunnerAccess } from '../fixtures/runner-access.js';
import {
  decodeHeldLease,
  HELD_LEASE_STATE,
  type HeldLease,
} from '../../src/runner-access/held-lease.js';

import { cloudWatchStub } from '../support/cloudwatch-stub.js';
const runCommand = jest.fn<(request: CommandRequest) => Promise<CommandReport>>();
const beginRunnerAccess = jest.fn(passThroughRunnerAccess);
jest.unstable_mockModule('@actions/core', () => core);
jest.unstable_mockModule('../../src/engine/run-command.js', () => ({ runCommand }));
jest.unstable_mockModule('../../src/aws/cloudwatch.js', () => cloudWatchStub);
jest.unstable_mockModule('../../src/runner-access/around-command.js', () => ({
  beginRunnerAccess,
}));
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
  beginRunnerAccess.mockClear();
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
      actor: 'octocat',
      run: 'acme/shop/actions/runs/99',
    });
  });

  it('sets the outputs a workflow branches on', async () => {
    runCommand.mockResolvedValue({ ...entered, allowlist: ['203.0.113.0/24', '2001:db8::/32'] });
    await run();
    const outputs = Object.fromEntries(core.setOutput.mock.calls);
    expect(outputs).toEqual({
      state: 'maintenance',
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

describe('allow-runner', () => {
  it('is off by default: no runner request, so no lease', async () => {
    runCommand.mockResolvedValue(entered);
    await run();
    expect(beginRunnerAccess.mock.calls[0]![0].runner).toBeUndefined();
    expect(core.saveState).not.toHaveBeenCalled();
  });

  it('asks for a lease with the echo URL and TTL, and saves it for the post step', async () => {
    runCommand.mockResolvedValue(entered);
    Object.assign(core.inputs, {
      command: 'status',
      'allow-runner': 'true',
      'ip-echo-url': 'http://127.0.0.1:8080/ip',
      'allow-runner-ttl': '90m',
    });
    await run();
    expect(failures()).toEqual([]);
    const runner = beginRunnerAccess.mock.calls[0]![0].runner!;
    expect(runner).toMatchObject({ ipEchoUrl: 'http://127.0.0.1:8080/ip', leaseMs: 90 * 60_000 });
    const held: HeldLease = {
      environment: {
        key: 'production',
        name: 'shop-prod',
        scope: 'CLOUDFRONT',
        region: 'us-east-1',
      },
      set: {
        role: 'allow-ipv4',
        name: 'shop-prod-allow-ipv4',
        id: 'id-1',
        arn: 'arn:aws:wafv2:us-east-1:1:global/ipset/x/id-1',
      },
      lease: {
        key: 'lease:99-1-abcd1234-smoke',
        cidr: '192.0.2.10/32',
        expiresAt: new Date('2026-03-01T11:30:00Z'),
      },
      testerCidrs: [],
    };
    runner.onLease(held);
    expect(core.saveState).toHaveBeenCalledTimes(1);
    const [name, saved] = core.saveState.mock.calls[0]! as [string, unknown];
    expect(name).toBe(HELD_LEASE_STATE);
    expect(decodeHeldLease(String(saved))).toEqual(held);
  });

  it('rejects a TTL that is not a duration, before anything runs', async () => {
    Object.assign(core.inputs, { 'allow-runner': 'true', 'allow-runner-ttl': '6 hours' });
    await run();
    expect(failures()).toEqual([
      expect.stringMatching(/^input "allow-runner-ttl": must be a duration.*\(value: "6 hours"\)$/),
    ]);
    expect(beginRunnerAccess).not.toHaveBeenCalled();
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
    expect(core.setOutput).not.toHaveBeenCalled();
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
    core.inputs['allow-runner'] = 'true';
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
