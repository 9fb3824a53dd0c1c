// Safe at 02:00 (issue 8), as a user and a runner meet it: the bundled CLI and action
// (dist/) against a WAF endpoint that never answers, a config with a typo in another
// environment, a config far too big, and a description someone wrote outside the tool.
import {
  GetIPSetCommand,
  ListIPSetsCommand,
  UpdateIPSetCommand,
  WAFV2Client,
} from '@aws-sdk/client-wafv2';
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import {
  startHangingEndpoint,
  startHangingWrites,
  type HangingEndpoint,
} from '../support/hanging-endpoint.js';
import { runCli, type CliResult } from '../support/cli.js';
import { runAction } from '../support/runner.js';
import { createSite, writeWorkspace, type Site } from '../support/workspace.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const emulator = emulatorForSuite();
const FULL_V4 = ['0.0.0.0/1', '128.0.0.0/1'];

let hanging: HangingEndpoint;
beforeAll(async () => {
  hanging = await startHangingEndpoint();
});
afterAll(async () => {
  await hanging.close();
});

function cli(cwd: string, endpoint: string, ...args: string[]): Promise<CliResult> {
  return runCli(endpoint, cwd, args);
}

/** Annotations of one level a step printed: `{ properties, message }`, decoded. */
function annotations(stdout: string, level: 'error' | 'warning') {
  const decode = (text: string) =>
    text
      .replace(/%0D/g, '\r')
      .replace(/%0A/g, '\n')
      .replace(/%3A/g, ':')
      .replace(/%2C/g, ',')
      .replace(/%25/g, '%');
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${level} `) || line.startsWith(`::${level}::`))
    .map((line) => {
      const end = line.indexOf('::', 2);
      const head = line.slice(level.length + 2, end).trim();
      const properties = Object.fromEntries(
        head
          .split(',')
          .filter(Boolean)
          .map((pair) => {
            const eq = pair.indexOf('=');
            return [pair.slice(0, eq), decode(pair.slice(eq + 1))];
          }),
      );
      return { properties, message: decode(line.slice(end + 2)) };
    });
}

describe('a WAF endpoint that accepts connections and never answers', () => {
  it('the CLI gives up after --timeout, naming the endpoint and the budget', async () => {
    const site = await createSite(emulator());
    const result = await cli(
      site.workspace,
      hanging.url,
      'status',
      '-e',
      'staging',
      '--timeout',
      '2s',
    );
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(8_000);
    expect(result.stderr).toContain(
      `The WAF endpoint ${hanging.url} (from AWS_ENDPOINT_URL_WAFV2) did not answer within 2 s`,
    );
  });

  it('the action fails after input timeout, and still writes its summary', async () => {
    const site = await createSite(emulator());
    const started = Date.now();
    const step = await runAction({
      workspace: site.workspace,
      inputs: { command: 'enter', environment: 'staging', timeout: '2s' },
      env: awsEnvFor(hanging.url),
    });
    expect(step.exitCode).toBe(1);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(step.summary).toContain('### Maintenance: enter staging failed');
    expect(step.summary).toContain(
      `${hanging.url} (from AWS_ENDPOINT_URL_WAFV2) did not answer within 2 s`,
    );
    expect(
      annotations(step.stdout, 'error')
        .map((a) => a.message)
        .join('\n'),
    ).toContain('did not answer within 2 s');
  });

  it('when some writes went through, says which set is in which state', async () => {
    const site = await createSite(emulator());
    const proxy = await startHangingWrites(emulator().endpoint, '-active-ipv6');
    try {
      const result = await cli(
        site.workspace,
        proxy.url,
        'enter',
        '-e',
        'staging',
        '-t',
        '3s',
        '--json',
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('did not answer within 3 s');
      expect(result.stderr).toContain(
        `${site.staging}-active-ipv4: written, now 0.0.0.0/1, 128.0.0.0/1`,
      );
      expect(result.stderr).toContain(`${site.staging}-active-ipv6: NOT written, still empty`);
      expect(result.stderr).toContain('the environment is now inconsistent');
      const problems = (JSON.parse(result.stdout) as { error: { problems: unknown[] } }).error
        .problems;
      expect(problems).toContainEqual({
        field: `${site.staging}-active-ipv4`,
        message: 'written',
        value: { outcome: 'written', addresses: FULL_V4 },
      });
      expect(problems).toContainEqual(
        expect.objectContaining({
          field: `${site.staging}-active-ipv6`,
          message: expect.stringContaining('not written: UpdateIPSet on') as unknown,
          value: { outcome: 'not-written', addresses: [] },
        }),
      );
      expect(site.addresses(site.staging, 'active-ipv4')).toEqual(FULL_V4);
      expect(site.addresses(site.staging, 'active-ipv6')).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe('a mistake in another environment', () => {
  async function siteWithStagingTypo(): Promise<Site & { workspace: string }> {
    const site = await createSite(emulator());
    const config = site.config.replace(
      '    region: eu-west-1\n',
      '    region: eu-west-1\n    testers: [QA ofice]\n',
    );
    return { ...site, workspace: await writeWorkspace(config) };
  }

  it('does not block exit or status on production (action), and is a warning on its line', async () => {
    const site = await siteWithStagingTypo();
    const enter = await cli(site.workspace, emulator().endpoint, 'enter', '-e', 'production');
    expect(enter.code).toBe(0);
    const exit = await runAction({
      workspace: site.workspace,
      inputs: { command: 'exit', environment: 'production' },
      env: awsEnvFor(emulator().endpoint),
    });
    expect(exit.exitCode).toBe(0);
    expect(exit.outputs['state']).toBe('normal');
    expect(annotations(exit.stdout, 'warning')).toContainEqual({
      properties: {
        title: 'maintenance config: .github/maintenance.yml',
        file: '.github/maintenance.yml',
        line: '12',
        col: '15',
      },
      message: `environments.staging.testers[0]: unknown tester 'QA ofice'; did you mean 'QA office'? (value: "QA ofice")`,
    });
    const status = await cli(site.workspace, emulator().endpoint, 'status', '-e', 'production');
    expect(status.code).toBe(0);
    expect(status.stderr).toContain(
      `warning: .github/maintenance.yml:12:15: environments.staging.testers[0]: unknown tester 'QA ofice'`,
    );
  });

  it('still blocks a command on the environment it is in, as an error on its line', async () => {
    const site = await siteWithStagingTypo();
    const step = await runAction({
      workspace: site.workspace,
      inputs: { command: 'enter', environment: 'staging' },
      env: awsEnvFor(emulator().endpoint),
    });
    expect(step.exitCode).toBe(1);
    expect(annotations(step.stdout, 'error')[0]?.properties).toMatchObject({
      file: '.github/maintenance.yml',
      line: '12',
    });
    expect(site.addresses(site.staging, 'active-ipv4')).toEqual([]);
  });

  it('a bad allowlist input blocks only allowlist-on', async () => {
    const site = await createSite(emulator());
    const status = await cli(
      site.workspace,
      emulator().endpoint,
      'status',
      '-e',
      'staging',
      '-a',
      'nope',
    );
    expect(status.code).toBe(0);
    expect(status.stderr).toContain(
      'warning: --allowlist applies only to allowlist-on; ignored for status.',
    );
    await cli(site.workspace, emulator().endpoint, 'enter', '-e', 'staging');
    const on = await cli(
      site.workspace,
      emulator().endpoint,
      'allowlist-on',
      '-e',
      'staging',
      '-a',
      'nope',
    );
    expect(on.code).toBe(1);
    expect(on.stderr).toContain('--allowlist entry 1: not an IP address or CIDR');
  });
});

describe('a config file far too big', () => {
  it('fails fast with the file and the cap, before any AWS call', async () => {
    const site = await createSite(emulator());
    const lines = Array.from(
      { length: 150_000 },
      (_, i) => `      - 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    );
    const big = `testers:\n  - name: Everyone\n    cidrs:\n${lines.join('\n')}\n${site.config.slice(site.config.indexOf('environments:'))}`;
    const workspace = await writeWorkspace(big);
    const calls = emulator().calls.length;
    const result = await cli(workspace, emulator().endpoint, 'status', '-e', 'staging');
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(5_000);
    expect(result.stderr).toMatch(
      /\.github\/maintenance\.yml: the config file is 2\.\d MiB; at most 1 MiB is read/,
    );
    expect(emulator().calls.length).toBe(calls);
  });
});

describe('a description written outside the tool', () => {
  it('cannot start a workflow command in the log (status, action)', async () => {
    const site = await createSite(emulator());
    const client = new WAFV2Client({
      region: 'eu-west-1',
      endpoint: emulator().endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const name = `${site.staging}-active-ipv4`;
    const list = await client.send(new ListIPSetsCommand({ Scope: 'REGIONAL' }));
    const id = list.IPSets!.find((set) => set.Name === name)!.Id!;
    const got = await client.send(new GetIPSetCommand({ Name: name, Id: id, Scope: 'REGIONAL' }));
    await client.send(
      new UpdateIPSetCommand({
        Name: name,
        Id: id,
        Scope: 'REGIONAL',
        LockToken: got.LockToken!,
        Addresses: FULL_V4,
        Description:
          'since=2026-11-26T01:00:00.000Z by=mallory run=x reason=db\n::error::injected\n::stop-commands::abc',
      }),
    );
    client.destroy();
    const step = await runAction({
      workspace: site.workspace,
      inputs: { command: 'status', environment: 'staging' },
      env: awsEnvFor(emulator().endpoint),
    });
    expect(step.exitCode).toBe(0);
    expect(step.stdout).toContain('mallory');
    const lines = step.stdout.split('\n');
    expect(lines.filter((line) => line.trimStart().startsWith('::error'))).toEqual([]);
    expect(lines.filter((line) => line.includes('::stop-commands::'))).toEqual([]);
    expect(step.stdout).not.toMatch(/\n\s*::/);
  });
});

describe('validate', () => {
  const FILE = '.github/maintenance.yml';

  it('checks every environment without AWS credentials, each problem an annotation on its line', async () => {
    const site = await createSite(emulator());
    const workspace = await writeWorkspace(
      site.config.replace(
        '    region: eu-west-1\n',
        '    region: eu-west-1\n    testers: [QA ofice]\n',
      ),
    );
    const step = await runAction({
      workspace,
      inputs: { command: 'validate' },
      env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
    });
    expect(step.exitCode).toBe(1);
    expect(annotations(step.stdout, 'error')[0]).toEqual({
      properties: { title: `maintenance config: ${FILE}`, file: FILE, line: '12', col: '15' },
      message: `environments.staging.testers[0]: unknown tester 'QA ofice'; did you mean 'QA office'? (value: "QA ofice")`,
    });
    expect(step.summary).toContain('| 12:15 |');
  });

  it('passes a valid file from the CLI', async () => {
    const site = await createSite(emulator());
    const result = await cli(site.workspace, hanging.url, 'validate');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `${FILE} is valid: 2 environments (staging, production), 2 testers.\n`,
    );
  });
});

describe('messages that used to send the user the wrong way', () => {
  it('exit records its reason in the closed window, and warns when the opening reason is cut again', async () => {
    const site = await createSite(emulator());
    const long = `db ${'x'.repeat(195)}`;
    expect(
      (await cli(site.workspace, emulator().endpoint, 'enter', '-e', 'staging', '-r', long)).code,
    ).toBe(0);
    const exit = await cli(
      site.workspace,
      emulator().endpoint,
      'exit',
      '-e',
      'staging',
      '-r',
      'upgrade done',
    );
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('closed because: upgrade done');
    expect(exit.stderr).toContain(
      "warning: The window's opening reason was cut to fit the closed record",
    );
    const status = await cli(site.workspace, emulator().endpoint, 'status', '-e', 'staging');
    expect(status.stdout).toContain('closed because: upgrade done');
  });

  it('says that -a and -r do not apply to enter/status', async () => {
    const site = await createSite(emulator());
    const enter = await cli(
      site.workspace,
      emulator().endpoint,
      'enter',
      '-e',
      'staging',
      '-a',
      '192.0.2.1',
    );
    expect(enter.stderr).toContain(
      'warning: --allowlist applies only to allowlist-on; ignored for enter.',
    );
    const status = await cli(
      site.workspace,
      emulator().endpoint,
      'status',
      '-e',
      'staging',
      '-r',
      'why',
    );
    expect(status.stderr).toContain(
      'warning: A reason is recorded only by enter and exit; ignored for status.',
    );
  });

  it('points at the over-indented line, and reports adjacent CIDRs merged', async () => {
    const site = await createSite(emulator());
    const indented = await writeWorkspace(
      site.config.replace('    region: eu-west-1\n', '      region: eu-west-1\n'),
    );
    const bad = await cli(indented, emulator().endpoint, 'validate');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      ".github/maintenance.yml:11:7: YAML: this line is indented deeper than 'scope: REGIONAL' on line 10",
    );
    const adjacent = await writeWorkspace(
      site.config.replace('cidrs: ["2001:db8:aaaa::1"]', 'cidrs: [10.0.0.0/32, 10.0.0.1/32]'),
    );
    const good = await cli(adjacent, emulator().endpoint, 'validate');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain("Tester 'Release manager': Merged 2 CIDRs into 1");
    expect(good.stdout).toContain('10.0.0.0/32 + 10.0.0.1/32 -> 10.0.0.0/31');
  });
});

describe('the job summary', () => {
  it('links the run, says how to exit, names the tester behind each address, and repeats warnings', async () => {
    const site = await createSite(emulator());
    const env = {
      ...awsEnvFor(emulator().endpoint),
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/maintenance.yml@refs/heads/main',
    };
    const enter = await runAction({
      workspace: site.workspace,
      inputs: { command: 'enter', environment: 'staging', reason: 'Schéma | migration' },
      env,
    });
    expect(enter.exitCode).toBe(0);
    expect(enter.summary).toContain(
      'Run: [acme/shop/actions/runs/4242](https://github.com/acme/shop/actions/runs/4242)',
    );
    expect(enter.summary).toContain(
      '| How to exit | maintenance-action exit --environment staging --config .github/maintenance.yml<br>or in GitHub: .github/workflows/maintenance.yml with command: exit, environment: staging |',
    );
    expect(enter.summary).toMatch(/\| Warnings \| The reason was stored as "Schema migration"/);
    const on = await runAction({
      workspace: site.workspace,
      inputs: { command: 'allowlist-on', environment: 'staging', allowlist: '192.0.2.7' },
      env,
    });
    expect(on.exitCode).toBe(0);
    expect(on.summary).toContain(
      '192.0.2.7/32 (input "allowlist"), 203.0.113.0/24 (QA office), 2001:db8:1234::/48 (QA office), 2001:db8:aaaa::1/128 (Release manager)',
    );
  });
});
