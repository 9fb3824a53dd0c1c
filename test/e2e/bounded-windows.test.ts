// Bounded windows (#11) through the bundles (dist/index.js as a runner runs it, dist/cli/index.js
// as a user does), against the WAFv2 emulator, with real short windows of a few seconds.
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { runAction, type RunActionOptions } from '../support/runner.js';
import { runCli } from '../support/cli.js';
import ICAL from 'ical.js';
import {
  createSite,
  errorAnnotations,
  writeWorkspace,
  writesSince,
  type Site,
} from '../support/workspace.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const emulator = emulatorForSuite();

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function step(site: Site | { workspace: string }, inputs: RunActionOptions['inputs']) {
  return runAction({ workspace: site.workspace, inputs, env: awsEnvFor(emulator().endpoint) });
}

function cli(workspace: string, ...args: string[]) {
  return runCli(emulator().endpoint, workspace, args);
}

/** The site's config with a calendar window on staging from `start` to `end` (ms). */
async function withCalendar(site: Site, start: number, end: number, autoExit: boolean) {
  return writeWorkspace(`${site.config}windows:
  - environments: [staging]
    start: ${new Date(start).toISOString()}
    end: ${new Date(end).toISOString()}
    reason: Database upgrade to 17
    auto-exit: ${autoExit}
`);
}

const sleepUntil = (ms: number) => sleep(Math.max(0, ms - Date.now()));

/** The `::warning::` annotations a step printed, decoded. */
function warnings(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::warning::'))
    .map((line) => line.slice('::warning::'.length).replace(/%0A/g, '\n').replace(/%25/g, '%'));
}

describe('a window planned to end a few seconds from now', () => {
  it('status reports overrun=false, then overrun=true with a warning annotation saying how to exit', async () => {
    const site = await createSite(emulator());
    const until = new Date(Date.now() + 3000).toISOString();
    const enter = await step(site, { command: 'enter', environment: 'staging', until });
    expect(enter.exitCode).toBe(0);
    expect(enter.outputs['planned-end']).toBe(`${until.slice(0, 19)}.000Z`);
    expect(enter.outputs.overrun).toBe('false');

    const before = await step(site, { command: 'status', environment: 'staging' });
    expect(before.exitCode).toBe(0);
    expect(before.outputs).toMatchObject({
      overrun: 'false',
      'planned-end': enter.outputs['planned-end'],
    });
    expect(warnings(before.stdout)).toEqual([]);
    expect(before.summary).toMatch(/\| Planned end \| .*: \d+s left \|/);

    await sleep(Math.max(0, Date.parse(enter.outputs['planned-end']!) - Date.now()) + 1200);
    const after = await step(site, { command: 'status', environment: 'staging' });
    expect(after.exitCode).toBe(0);
    expect(after.outputs).toMatchObject({ overrun: 'true', state: 'maintenance' });
    expect(after.summary).toMatch(/\| Planned end \| .*: OVERRUN by \d+s \|/);
    const [warning, ...more] = warnings(after.stdout);
    expect(more).toEqual([]);
    expect(warning).toContain('Maintenance on staging overran its planned end');
    expect(warning).toContain('Opened by octocat at ');
    expect(warning).toContain('https://github.com/acme/shop/actions/runs/4242');
    expect(warning).toContain(
      'To end it: maintenance-action exit --environment staging --config .github/maintenance.yml',
    );

    const exit = await step(site, { command: 'exit', environment: 'staging' });
    expect(exit.exitCode).toBe(0);
    expect(exit.outputs).toMatchObject({ overrun: 'false', 'planned-end': '', state: 'normal' });
    expect(exit.summary).toMatch(/\| Adherence \| overran by \d+s \(planned end /);
  }, 30_000);

  it('reconcile fails on the overrun, with one error annotation for it', async () => {
    const site = await createSite(emulator());
    const until = new Date(Date.now() + 2000).toISOString();
    expect((await step(site, { command: 'enter', environment: 'staging', until })).exitCode).toBe(
      0,
    );
    await sleepUntil(Date.parse(until) + 1200);
    const from = emulator().calls.length;
    const reconcile = await step(site, { command: 'reconcile' });
    expect(reconcile.exitCode).toBe(1);
    expect(writesSince(emulator(), from)).toBe(0);
    expect(reconcile.outputs).toMatchObject({ overrun: 'true', changed: 'false' });
    const errors = errorAnnotations(reconcile.stdout);
    expect(errors).toEqual([
      expect.stringMatching(
        /^staging: Maintenance on staging overran its planned end|^Maintenance on staging overran its planned end/,
      ),
      expect.stringMatching(/^reconcile: 1 environment needs a person/),
    ]);
    expect(reconcile.summary).toContain(
      '| Environment | State | Window (current or next) | Planned end | Did |',
    );
    expect(reconcile.summary).toMatch(
      /\| staging \| maintenance \| open since .* \(by octocat\) \| .* \(OVERRUN\) \| OVERRUN by \d+s/,
    );
    expect(reconcile.summary).toMatch(
      /\| production \| normal \| none planned \| - \| no calendar window now \|/,
    );
  }, 30_000);

  it('the CLI refuses duration and until together, writing nothing', async () => {
    const site = await createSite(emulator());
    const before = site.snapshot();
    const result = await cli(
      site.workspace,
      'enter',
      '-e',
      'staging',
      '--duration',
      '2h',
      '--until',
      '2030-01-01T00:00:00Z',
      '--json',
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      error: {
        problems: [{ field: '--duration and --until', message: expect.stringMatching(/not both/) }],
      },
    });
    expect(site.snapshot()).toBe(before);
  });
});

describe('the calendar, driven by reconcile', () => {
  it('enters an auto-exit window at its start and exits it at its end; each second run writes nothing', async () => {
    const site = await createSite(emulator());
    const start = Date.now() + 3000;
    const end = start + 8000;
    const workspace = await withCalendar(site, start, end, true);
    const description = () =>
      emulator().getIpSet(`${site.staging}-active-ipv4`, 'REGIONAL', 'eu-west-1')?.description;

    let from = emulator().calls.length;
    const early = await step({ workspace }, { command: 'reconcile' });
    expect(early.exitCode).toBe(0);
    expect(writesSince(emulator(), from)).toBe(0);
    expect(early.summary).toMatch(
      /\| staging \| normal \| next: .* \(auto-exit\): Database upgrade to 17 \|/,
    );

    await sleepUntil(start + 300);
    from = emulator().calls.length;
    const entered = await step({ workspace }, { command: 'reconcile' });
    expect(entered.exitCode).toBe(0);
    expect(entered.outputs).toMatchObject({ changed: 'true', overrun: 'false' });
    expect(writesSince(emulator(), from)).toBe(2); // active-ipv4 (with the window) and active-ipv6
    expect(site.addresses(site.staging, 'active-ipv4')).toEqual(['0.0.0.0/1', '128.0.0.0/1']);
    expect(description()).toMatch(/ c=[0-9a-f]{12} /);
    expect(description()).toContain(
      ` e=${new Date(end).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z `,
    );
    expect(entered.summary).toMatch(
      /\| staging \| maintenance \| open since .* \(calendar\): Database upgrade to 17 \| .* \| entered calendar window/,
    );

    from = emulator().calls.length;
    const again = await step({ workspace }, { command: 'reconcile' });
    expect(again.exitCode).toBe(0);
    expect(again.outputs.changed).toBe('false');
    expect(writesSince(emulator(), from)).toBe(0);

    await sleepUntil(end + 1200);
    const exited = await step({ workspace }, { command: 'reconcile' });
    expect(exited.exitCode).toBe(0);
    expect(exited.outputs).toMatchObject({ changed: 'true', overrun: 'false' });
    expect(site.addresses(site.staging, 'active-ipv4')).toEqual([]);
    expect(exited.summary).toContain('exited at the end of calendar window');

    from = emulator().calls.length;
    const after = await step({ workspace }, { command: 'reconcile' });
    expect(after.exitCode).toBe(0);
    expect(writesSince(emulator(), from)).toBe(0);
  }, 60_000);

  it('does not enter again a window that was exited by hand before its end', async () => {
    const site = await createSite(emulator());
    const workspace = await withCalendar(site, Date.now() - 1000, Date.now() + 60_000, false);
    expect((await step({ workspace }, { command: 'reconcile' })).outputs.changed).toBe('true');
    const exit = await step({ workspace }, { command: 'exit', environment: 'staging' });
    expect(exit.exitCode).toBe(0);
    expect(exit.summary).toMatch(/\| Adherence \| on time/);

    const from = emulator().calls.length;
    const reconcile = await step({ workspace }, { command: 'reconcile' });
    expect(reconcile.exitCode).toBe(0);
    expect(writesSince(emulator(), from)).toBe(0);
    expect(site.addresses(site.staging, 'active-ipv4')).toEqual([]);
    expect(reconcile.summary).toMatch(
      /\| staging \| normal \| .* was exited at .*; not entered again \|/,
    );
  }, 30_000);

  it('status without an environment lists the upcoming windows; calendar --ics parses with ical.js', async () => {
    const site = await createSite(emulator());
    const start = Date.parse('2030-06-01T02:00:00Z');
    const workspace = await withCalendar(site, start, start + 7_200_000, true);
    const status = await step({ workspace }, { command: 'status' });
    expect(status.exitCode).toBe(0);
    expect(status.summary).toContain(
      '| staging | 2030-06-01T02:00:00.000Z | 2030-06-01T04:00:00.000Z | yes | Database upgrade to 17 |',
    );

    const ics = await cli(workspace, 'calendar', '--ics');
    expect(ics.code).toBe(0);
    const events = new ICAL.Component(ICAL.parse(ics.stdout))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.summary, e.startDate.toJSDate().toISOString()])).toEqual([
      ['Maintenance: staging (Database upgrade to 17)', '2030-06-01T02:00:00.000Z'],
    ]);
    const again = await cli(workspace, 'calendar', '--ics');
    expect(again.stdout.match(/^UID:.*$/m)?.[0]).toBe(ics.stdout.match(/^UID:.*$/m)?.[0]);
  }, 30_000);
});
