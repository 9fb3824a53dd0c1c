// Bounded windows (#11) through the bundles (dist/index.js as a runner runs it, dist/cli/index.js
// as a user does), against the WAFv2 emulator, with real short windows of a few seconds.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { awsEnvFor } from '../../sandbox/src/aws-env.js';
import { startWafEmulator, type WafEmulator } from '../../sandbox/src/waf-emulator/index.js';
import { runAction, type RunActionOptions } from '../support/runner.js';
import { REPO_ROOT } from '../support/repo-root.js';
import { createSite, type Site } from './workspace.js';

let emulator: WafEmulator;
beforeAll(async () => {
  emulator = await startWafEmulator();
});
afterAll(() => emulator.close());

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function step(site: Site, inputs: RunActionOptions['inputs']) {
  return runAction({ workspace: site.workspace, inputs, env: awsEnvFor(emulator.endpoint) });
}

/** The `::warning::` annotations a step printed, decoded. */
function warnings(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::warning::'))
    .map((line) => line.slice('::warning::'.length).replace(/%0A/g, '\n').replace(/%25/g, '%'));
}

describe('a window planned to end a few seconds from now', () => {
  it('status reports overrun=false, then overrun=true with a warning annotation saying how to exit', async () => {
    const site = await createSite(emulator);
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

  it('the CLI refuses duration and until together, writing nothing', async () => {
    const site = await createSite(emulator);
    const before = site.snapshot();
    const cli = await promisify(execFile)(
      process.execPath,
      [
        join(REPO_ROOT, 'dist/cli/index.js'),
        'enter',
        '-e',
        'staging',
        '--duration',
        '2h',
        '--until',
        '2030-01-01T00:00:00Z',
        '--json',
      ],
      { cwd: site.workspace, env: { PATH: process.env.PATH, ...awsEnvFor(emulator.endpoint) } },
    ).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout)).toMatchObject({
      error: {
        problems: [{ field: '--duration and --until', message: expect.stringMatching(/not both/) }],
      },
    });
    expect(site.snapshot()).toBe(before);
  });
});
