// Bypass tokens through the bundled action as a runner runs it (dist/index.js, then the post step
// dist/post/index.js) against the local WAFv2: issue, expiry, the post step ending only its own
// token, the set's limit of 10 under concurrency, and a job killed while its token is written.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { entryFor, formatToken } from '../../src/domain/bypass-token.js';
import { REPO_ROOT } from '../support/repo-root.js';
import { parseFileCommand, runAction, runPost, type StepResult } from '../support/runner.js';
import { createSite, errorAnnotations, writeWorkspace, type Site } from '../support/workspace.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const emulator = emulatorForSuite();

const TOKEN = /^mb1-\d{8}T\d{6}Z-[A-Za-z0-9_-]{32}$/;

function step(workspace: string, inputs: Record<string, string>): Promise<StepResult> {
  return runAction({
    workspace,
    inputs: { environment: 'staging', ...inputs },
    env: awsEnvFor(emulator().endpoint),
  });
}

function entries(site: Site): string[] {
  return emulator().getRegexPatternSet(`${site.staging}-bypass`, 'REGIONAL', 'eu-west-1')!
    .regularExpressions;
}

async function inMaintenance(): Promise<Site> {
  const site = await createSite(emulator());
  expect((await step(site.workspace, { command: 'enter' })).exitCode).toBe(0);
  return site;
}

describe('a bypass token', () => {
  it('is issued masked, with the tester link, and shown nowhere but its outputs', async () => {
    const site = await createSite(emulator());
    const workspace = await writeWorkspace(
      site.config.replace(
        '    region: eu-west-1\n',
        '    region: eu-west-1\n    url: https://staging.example.com/shop\n',
      ),
    );
    // No probe: the url is not served here.
    const noProbe = { probe: 'false' };
    expect((await step(workspace, { command: 'enter', ...noProbe })).exitCode).toBe(0);
    const on = await step(workspace, {
      command: 'allowlist-on',
      'bypass-token': 'true',
      ...noProbe,
    });
    expect(errorAnnotations(on.stdout)).toEqual([]);
    const token = on.outputs['bypass-token']!;
    expect(token).toMatch(TOKEN);
    expect(on.outputs['bypass-url']).toBe(
      `https://staging.example.com/shop?maintenance-bypass=${token}`,
    );
    expect(entries(site)).toEqual([entryFor(token)]);
    // Masked before anything else could print it; never in the log or the summary.
    const mask = on.stdout.indexOf(`::add-mask::${token}`);
    expect(mask).toBeGreaterThanOrEqual(0);
    expect(on.stdout.slice(mask + token.length + 13)).not.toContain(token);
    expect(on.summary).not.toContain(token);

    // status and its summary: how many tokens, until when; never the token.
    const status = await step(workspace, { command: 'status', ...noProbe });
    expect(status.summary).toMatch(/\| Bypass \| 1 live token<br>expires \d{4}-\d\d-\d\dT/);
    expect(status.summary + status.stdout).not.toContain(token);
  });

  it('alone makes the environment maintenance-allowlisted, and allowlist-off ends it', async () => {
    const site = await createSite(emulator());
    const config = site.config.replace('  staging:\n', '  staging:\n    testers: []\n');
    const workspace = await writeWorkspace(config);
    await step(workspace, { command: 'enter' });
    const on = await step(workspace, { command: 'allowlist-on', 'bypass-token': 'true' });
    expect(on.outputs).toMatchObject({ state: 'maintenance-allowlisted', allowlist: '' });
    const off = await step(workspace, { command: 'allowlist-off' });
    expect(off.outputs).toMatchObject({ state: 'maintenance', changed: 'true' });
    expect(entries(site)).toEqual([]);
  });

  it('expires: an expired entry lets nobody in, and the next writing command drops it', async () => {
    const site = await inMaintenance();
    const expired = entryFor(formatToken(new Date(Date.now() - 60_000), Buffer.alloc(24, 1)));
    const live = entryFor(formatToken(new Date(Date.now() + 3_600_000), Buffer.alloc(24, 2)));
    emulator().setRegularExpressions(`${site.staging}-bypass`, 'REGIONAL', 'eu-west-1', [
      expired,
      live,
    ]);
    const status = await step(site.workspace, { command: 'status' });
    expect(status.outputs.state).toBe('maintenance-allowlisted');
    expect(status.summary).toContain('| Bypass | 1 live token<br>');
    expect(entries(site)).toEqual([expired, live]); // status writes nothing

    const enter = await step(site.workspace, { command: 'enter' });
    expect(enter.outputs.changed).toBe('true');
    expect(enter.summary).toContain('1 removed (1 expired)');
    expect(entries(site)).toEqual([live]);
  });

  it('ends with its job: the post step removes its own token and leaves another job’s', async () => {
    const site = await inMaintenance();
    const first = await step(site.workspace, { command: 'allowlist-on', 'bypass-token': 'true' });
    const second = await step(site.workspace, { command: 'allowlist-on', 'bypass-token': 'true' });
    const [a, b] = [first, second].map((s) => s.outputs['bypass-token']!);
    expect(entries(site).sort()).toEqual([entryFor(a!), entryFor(b!)].sort());

    const post = await runPost(first);
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain('Bypass token ended');
    expect(post.stdout).toContain('(1 other token stays)');
    // Masked first (the runner then hides it), and printed nowhere else.
    expect(post.stdout.replace(`::add-mask::${a}`, '')).not.toContain(a!);
    expect(entries(site)).toEqual([entryFor(b!)]);
    // Ending it twice is harmless.
    expect((await runPost(first)).stdout).toContain('already gone');
  });

  it('10 concurrent jobs fill the set, an 11th gets the clear "full" message, and their post steps leave nothing', async () => {
    const site = await inMaintenance();
    const jobs = await Promise.all(
      Array.from({ length: 11 }, () =>
        step(site.workspace, { command: 'allowlist-on', 'bypass-token': 'true' }),
      ),
    );
    const ok = jobs.filter((j) => j.exitCode === 0);
    const failed = jobs.filter((j) => j.exitCode !== 0);
    expect(ok).toHaveLength(10);
    expect(failed).toHaveLength(1);
    expect(errorAnnotations(failed[0]!.stdout).join('\n')).toMatch(/bypass set .*is full/);
    // No lost entry: every job that succeeded holds its token in the set.
    expect(entries(site).sort()).toEqual(
      ok.map((j) => entryFor(j.outputs['bypass-token']!)).sort(),
    );

    const posts = await Promise.all(jobs.map((job) => runPost(job)));
    expect(posts.map((p) => p.exitCode)).toEqual(jobs.map(() => 0));
    // No leftover.
    expect(entries(site)).toEqual([]);
  });

  it('of a job killed while its token is being written is still ended by the post step', async () => {
    const site = await inMaintenance();
    emulator().setLatency(300);
    try {
      const killed = await runKilledOnWrite(site.workspace);
      expect(killed.state['bypass-token']).toBeDefined();
      // The server applied the write the dead job sent.
      await waitFor(() => entries(site).length === 1);
      const post = await runPost(killed);
      expect(post.exitCode).toBe(0);
      expect(entries(site)).toEqual([]);
    } finally {
      emulator().setLatency(0);
    }
  });
});

/** Main step with bypass-token, SIGKILLed the moment its UpdateRegexPatternSet reaches the server. */
async function runKilledOnWrite(workspace: string): Promise<StepResult> {
  const from = emulator().calls.length;
  // The runner helper's environment (from a status step), with fresh files and this child kept.
  const probe = await step(workspace, { command: 'status' });
  const env: Record<string, string> = {
    ...probe.env,
    INPUT_COMMAND: 'allowlist-on',
    'INPUT_BYPASS-TOKEN': 'true',
  };
  await Promise.all(
    ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'].map((name) =>
      writeFile(env[name]!, ''),
    ),
  );
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/index.js')], {
    env,
    cwd: workspace,
    stdio: 'ignore',
  });
  await waitFor(() =>
    emulator()
      .calls.slice(from)
      .some((call) => call.operation === 'UpdateRegexPatternSet'),
  );
  child.kill('SIGKILL');
  await new Promise((done) => child.on('close', done));
  return {
    ...probe,
    exitCode: 137,
    env,
    state: parseFileCommand(await readFile(env.GITHUB_STATE!, 'utf8')),
  };
}

async function waitFor(condition: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
