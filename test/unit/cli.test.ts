// The CLI's front door with the engine mocked: argument parsing, output and exit codes.
import { jest } from '@jest/globals';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entered, enterAgain } from '../fixtures/reports.js';
import type { CommandReport } from '../../src/engine/report.js';
import type { CommandRequest } from '../../src/engine/run-command.js';

import { cloudWatchStub } from '../support/cloudwatch-stub.js';
const runCommand = jest.fn<(request: CommandRequest) => Promise<CommandReport>>();
jest.unstable_mockModule('../../src/engine/run-command.js', () => ({ runCommand }));
jest.unstable_mockModule('../../src/aws/cloudwatch.js', () => cloudWatchStub);
const { main, EXIT_FAILED, EXIT_OK, EXIT_USAGE } = await import('../../src/cli/main.js');
const { parseCliArgs, UsageError } = await import('../../src/cli/args.js');

const CONFIG = `testers:
  - name: QA office
    cidrs: [203.0.113.0/24]
environments:
  production:
    name: shop-prod
    scope: CLOUDFRONT
  staging:
    name: shop-staging
    scope: REGIONAL
    region: eu-west-1
`;

let cwd: string;
let out: string;
let err: string;
const io = () => ({
  cwd,
  stdout: (text: string) => void (out += text),
  stderr: (text: string) => void (err += text),
});

beforeEach(async () => {
  runCommand.mockReset();
  out = '';
  err = '';
  cwd = await mkdtemp(join(tmpdir(), 'cli-unit-'));
  await mkdir(join(cwd, '.github'));
  await writeFile(join(cwd, '.github/maintenance.yml'), CONFIG);
});

describe('parseCliArgs', () => {
  it('reads the command and every option, long and short', () => {
    expect(
      parseCliArgs([
        'allowlist-on',
        '-e',
        'staging',
        '--config',
        'ops/m.yml',
        '--allowlist',
        '198.51.100.7',
        '-a',
        '2001:db8::/32',
        '--reason',
        'QA',
        '--dry-run',
        '--timeout',
        '90s',
        '--duration',
        '2h',
        '--until',
        '2026-12-06T04:00:00+01:00',
        '--json',
        '--ics',
        '--metrics-wait',
        '1m',
      ]),
    ).toEqual({
      help: false,
      command: 'allowlist-on',
      environment: 'staging',
      config: 'ops/m.yml',
      allowlist: ['198.51.100.7', '2001:db8::/32'],
      reason: 'QA',
      duration: '2h',
      until: '2026-12-06T04:00:00+01:00',
      dryRun: true,
      timeoutMs: 90_000,
      probe: undefined,
      probeTimeoutMs: 300_000,
      verify: false,
      json: true,
      ics: true,
      metricsWaitMs: 60_000,
    });
  });

  it('defaults the config path and flags', () => {
    expect(parseCliArgs(['status'])).toMatchObject({
      config: '.github/maintenance.yml',
      environment: undefined,
      allowlist: [],
      dryRun: false,
      json: false,
      metricsWaitMs: 20_000,
    });
  });

  it.each([
    [[], 'Missing command.'],
    [
      ['start'],
      "Unknown command 'start'; use one of: enter, exit, allowlist-on, allowlist-off, status, validate, reconcile, report, calendar.",
    ],
    [['enter', 'now'], "Unexpected argument 'now'."],
    [['enter', '--force'], "Unknown option '--force'"],
    [['enter', '--environment'], "Option '-e, --environment <value>' argument missing"],
    [['exit', '--metrics-wait', '10'], '--metrics-wait: must be a whole number and a unit'],
    [['exit', '--metrics-wait', '6m'], '--metrics-wait: must be at most 5m'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('main', () => {
  it('prints the help and exits 0', async () => {
    expect(await main(['--help'], io())).toBe(EXIT_OK);
    expect(out).toContain('Usage: maintenance-action <command> [options]');
    expect(runCommand).not.toHaveBeenCalled();
  });

  it('exits 2 with the reason and the usage on stderr for a bad command line', async () => {
    expect(await main(['enter', '--bogus'], io())).toBe(EXIT_USAGE);
    expect(err).toMatch(/^maintenance-action: Unknown option '--bogus'/);
    expect(err).toContain('Usage: maintenance-action');
    expect(out).toBe('');
  });

  it('runs the command on the chosen environment and prints the table', async () => {
    runCommand.mockResolvedValue(entered);
    const code = await main(
      ['enter', '-e', 'production', '--reason', 'schema migration 0042'],
      io(),
    );
    expect(code).toBe(EXIT_OK);
    const request = runCommand.mock.calls[0]![0];
    expect(request.environment).toMatchObject({ key: 'production', scope: 'CLOUDFRONT' });
    expect(request.reason).toBe('schema migration 0042');
    expect(request.dryRun).toBe(false);
    expect(request.invoker.actor).toMatch(/^.+@.+$/);
    expect(request.invoker.run).toMatch(/^cli@.+$/);
    expect(out).toContain('enter production: normal -> maintenance, 2 sets written');
    expect(out).toContain('Sets written  shop-prod-active-ipv4: (empty) -> 0.0.0.0/1, 128.0.0.0/1');
    expect(err).toBe('');
  });

  it('allowlist-on --bypass-token prints the token and the tester link once, after the report', async () => {
    await writeFile(
      join(cwd, '.github/maintenance.yml'),
      CONFIG.replace(
        '    scope: CLOUDFRONT\n',
        '    scope: CLOUDFRONT\n    url: https://shop.example.com\n',
      ),
    );
    runCommand.mockResolvedValue({ ...entered, command: 'allowlist-on' });
    const code = await main(
      ['allowlist-on', '-e', 'production', '--bypass-token', '--bypass-ttl', '2h', '--no-probe'],
      io(),
    );
    expect(err).toBe('');
    expect(code).toBe(EXIT_OK);
    const entry = runCommand.mock.calls[0]![0].bypassEntry!;
    const token = entry.slice(1, -1);
    expect(token).toMatch(/^mb1-\d{8}T\d{6}Z-[A-Za-z0-9_-]{32}$/);
    expect(out.split(token)).toHaveLength(3); // the token line and the link: nowhere else
    expect(out).toContain(`https://shop.example.com/?maintenance-bypass=${token}`);
    expect(out.indexOf(token)).toBeGreaterThan(out.indexOf('Run by'));
  });

  it('prints the report as JSON with --json', async () => {
    runCommand.mockResolvedValue(enterAgain);
    expect(await main(['enter', '-e', 'production', '--json'], io())).toBe(EXIT_OK);
    expect(JSON.parse(out)).toEqual(
      JSON.parse(
        JSON.stringify({
          ...enterAgain,
          schedule: { upcoming: [] },
          probe: {
            result: 'skipped',
            skipped: 'the environment has no url: in the config',
            targets: [],
          },
        }),
      ),
    );
  });

  it('exits 1 with the config problem on stderr and does not run the command', async () => {
    expect(await main(['enter', '-e', 'prod'], io())).toBe(EXIT_FAILED);
    expect(err).toContain('prod');
    expect(err).toContain('.github/maintenance.yml');
    expect(out).toBe('');
    expect(runCommand).not.toHaveBeenCalled();
  });

  it('exits 1 when the config file is missing, saying where it looked', async () => {
    expect(await main(['status', '--config', 'nope.yml'], io())).toBe(EXIT_FAILED);
    expect(err).toContain(`nope.yml: config file not found (looked at ${join(cwd, 'nope.yml')})`);
  });

  it('exits 1 when the config path is a directory, saying what to pass instead', async () => {
    expect(await main(['status', '--config', '.github'], io())).toBe(EXIT_FAILED);
    expect(err).toBe(
      `maintenance-action: .github: is a directory (${join(cwd, '.github')}), not a config file; pass the file itself with --config, e.g. --config .github/maintenance.yml.\n`,
    );
    expect(runCommand).not.toHaveBeenCalled();
  });

  it('with --json, prints bad input as JSON on stdout too, each problem with file, field and value', async () => {
    expect(await main(['enter', '-e', 'prod', '--json'], io())).toBe(EXIT_FAILED);
    const printed = JSON.parse(out) as { error: { message: string; problems: unknown[] } };
    expect(printed.error.message).toContain('unknown environment');
    expect(printed.error.problems).toEqual([
      {
        file: '.github/maintenance.yml',
        field: 'environment',
        message: expect.stringContaining('unknown environment') as unknown,
        value: 'prod',
      },
    ]);
    expect(err).toContain('maintenance-action: .github/maintenance.yml: environment:');
  });

  it('with --json, prints a failed command and a bad command line as JSON, keeping the exit codes', async () => {
    runCommand.mockRejectedValue(new Error('wafv2:UpdateIPSet denied'));
    expect(await main(['exit', '-e', 'staging', '--json'], io())).toBe(EXIT_FAILED);
    expect(JSON.parse(out)).toEqual({
      error: { message: 'wafv2:UpdateIPSet denied', problems: [] },
    });
    out = '';
    expect(await main(['pause', '--json'], io())).toBe(EXIT_USAGE);
    expect(JSON.parse(out)).toEqual({
      error: {
        message:
          "Unknown command 'pause'; use one of: enter, exit, allowlist-on, allowlist-off, status, validate, reconcile, report, calendar.",
        problems: [],
      },
    });
  });

  it('exits 1 with the engine message when the command fails', async () => {
    runCommand.mockRejectedValue(new Error('wafv2:UpdateIPSet denied on arn:aws:wafv2:...'));
    expect(await main(['exit', '-e', 'staging'], io())).toBe(EXIT_FAILED);
    expect(err).toBe('maintenance-action: wafv2:UpdateIPSet denied on arn:aws:wafv2:...\n');
  });
});
