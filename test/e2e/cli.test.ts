// The bundled CLI (dist/cli/index.js) run as a user runs it, against the local WAFv2 emulator.
import { expect } from '@jest/globals';
import type { CommandReport } from '../../src/engine/report.js';
import { QA_V4, createSite, writesSince, type Site } from '../support/workspace.js';
import { runCli, type CliResult } from '../support/cli.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const emulator = emulatorForSuite();

/** The CLI in the site's checkout, against the emulator. */
function cli(site: Site, ...args: string[]): Promise<CliResult> {
  return runCli(emulator().endpoint, site.workspace, args);
}

describe('reasons the window cannot keep as given', () => {
  it('warns how an altered reason was stored, then that a second enter keeps the first one', async () => {
    const site = await createSite(emulator());
    const first = await cli(site, 'enter', '-e', 'staging', '-r', 'Schéma | migration "0042"');
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(
      'warning: The reason was stored as "Schema migration 0042" (other characters replaced;',
    );
    expect(first.stdout).toContain('reason: Schema migration 0042');
    const again = await cli(site, 'enter', '-e', 'staging', '-r', 'second try');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(
      'warning: The reason "second try" was not recorded: staging was already in maintenance',
    );
    expect(again.stderr).toContain('keeps its original reason "Schema migration 0042"');
  });
});

describe('--json failures', () => {
  it('prints the problems as JSON on stdout, exits 1 and writes nothing', async () => {
    const site = await createSite(emulator());
    const before = site.snapshot();
    const result = await cli(site, 'allowlist-on', '-e', 'staging', '-a', '10.1.2.3/33', '--json');
    expect(result.code).toBe(1);
    const printed = JSON.parse(result.stdout) as {
      error: { message: string; problems: { field?: string; value?: unknown }[] };
    };
    expect(printed.error.problems).toMatchObject([
      { field: '--allowlist entry 1', value: '10.1.2.3/33' },
    ]);
    expect(result.stderr).toContain('--allowlist entry 1');
    expect(site.snapshot()).toBe(before);
  });
});

describe('maintenance-action CLI', () => {
  let site: Site;
  beforeAll(async () => {
    site = await createSite(emulator());
  });

  it('shows the status as a table (exit 0)', async () => {
    const result = await cli(site, 'status', '--environment', 'staging');
    expect(result.code).toBe(0);
    // stderr may carry Node's own warnings (the SDK warns on Node 20); no error of ours.
    expect(result.stderr).not.toContain('maintenance-action:');
    expect(result.stdout).toContain('status staging: normal');
    expect(result.stdout).toContain(
      `Environment  staging (prefix ${site.staging}, REGIONAL, eu-west-1)`,
    );
  });

  it('enters maintenance and prints the report as JSON with --json', async () => {
    const result = await cli(site, 'enter', '-e', 'staging', '--reason', 'upgrade', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as CommandReport;
    expect(report).toMatchObject({
      command: 'enter',
      previousState: 'normal',
      state: 'maintenance',
      changed: true,
      window: { reason: 'upgrade', run: expect.stringMatching(/^cli@/) },
    });
    expect(site.addresses(site.staging, 'active-ipv4')).toEqual(['0.0.0.0/1', '128.0.0.0/1']);
  });

  it('plans allowlist-on with --dry-run and writes nothing', async () => {
    const from = emulator().calls.length;
    const result = await cli(
      site,
      'allowlist-on',
      '-e',
      'staging',
      '--dry-run',
      '-a',
      '198.51.100.7',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'dry run: allowlist-on staging: maintenance -> maintenance-allowlisted (planned), 2 sets would be written',
    );
    expect(result.stdout).toContain(
      `Plan (nothing written)  ${site.staging}-allow-ipv4: (empty) -> 198.51.100.7/32, ${QA_V4}`,
    );
    expect(writesSince(emulator(), from)).toBe(0);
    expect(site.addresses(site.staging, 'allow-ipv4')).toEqual([]);
  });

  it('exits 2 with the usage for an unknown command, a missing command or an unknown flag', async () => {
    for (const args of [['pause'], [], ['status', '--verbose']]) {
      const result = await cli(site, ...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('Usage: maintenance-action <command> [options]');
    }
  });

  it('exits 1 with the problem on stderr for bad input, and writes nothing', async () => {
    const before = site.snapshot();
    const from = emulator().calls.length;
    // status without an environment lists the calendar instead (#11); enter needs one.
    const calendar = await cli(site, 'status');
    expect(calendar.code).toBe(0);
    expect(calendar.stdout).toContain('calendar (.github/maintenance.yml): no planned window');
    const several = await cli(site, 'enter');
    expect(several.code).toBe(1);
    expect(several.stderr).toContain('.github/maintenance.yml');
    expect(several.stderr).toContain('staging');
    const badCidr = await cli(site, 'allowlist-on', '-e', 'staging', '-a', '10.1.2.3/33');
    expect(badCidr.code).toBe(1);
    expect(badCidr.stderr).toContain('--allowlist');
    expect(badCidr.stderr).toContain('"10.1.2.3/33"');
    expect(writesSince(emulator(), from)).toBe(0);
    expect(site.snapshot()).toBe(before);
  });

  it('exits 1 with what to fix when AWS refuses', async () => {
    emulator().denyAccess('UpdateIPSet');
    const result = await cli(site, 'exit', '-e', 'staging');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('UpdateIPSet');
    expect(result.stdout).toBe('');
  });
});
