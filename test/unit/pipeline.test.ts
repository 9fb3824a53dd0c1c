// One pipeline: .ci/run (local) and .github/workflows/ci.yml (GitHub) run the same checks, each
// an npm script; the release workflow publishes only a dist/ rebuilt from the tagged sources.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/repo-root.js';

interface Step {
  id?: string;
  if?: string;
  name?: string;
  run?: string;
  uses?: string;
}
interface Workflow {
  jobs: Record<string, { if?: string; needs?: string; steps: Step[] }>;
}

const read = (file: string): string => readFileSync(join(REPO_ROOT, file), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

/** The checks .ci/run lists in its CHECKS array. */
function localChecks(): string[] {
  const block = /CHECKS=\(\n([\s\S]*?)\n\)/.exec(read('.ci/run'))?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/** The npm scripts ci.yml's steps run (`npm run X` and `npm test`). */
function githubChecks(): string[] {
  const workflow = parse(read('.github/workflows/ci.yml')) as Workflow;
  const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((s) => s.run ?? ''));
  return runs.flatMap((run) =>
    [...run.matchAll(/npm (?:run (?:--silent )?([\w:-]+)|(test)\b)/g)].map((m) => m[1] ?? m[2]!),
  );
}

test('.ci/run and ci.yml run the same checks', () => {
  expect(localChecks().length).toBeGreaterThanOrEqual(10);
  expect([...new Set(githubChecks())].sort()).toEqual([...new Set(localChecks())].sort());
});

test('every job that may run terraform (tests, demo, module) installs it first, as .ci/run has it', () => {
  const { jobs } = parse(read('.github/workflows/ci.yml')) as Workflow;
  const needsTerraform = /npm (test|run (demo|check:terraform))\b/;
  const missing = Object.entries(jobs)
    .filter(([, job]) => job.steps.some((s) => needsTerraform.test(s.run ?? '')))
    .filter(([, job]) => {
      const setup = job.steps.findIndex((s) => s.uses?.startsWith('hashicorp/setup-terraform@'));
      const first = job.steps.findIndex((s) => needsTerraform.test(s.run ?? ''));
      return setup === -1 || setup > first;
    })
    .map(([name]) => name);
  expect(missing).toEqual([]);
});

test('every check is an npm script', () => {
  for (const check of localChecks())
    expect({ check, defined: check in scripts }).toEqual({ check, defined: true });
});

describe('the release workflow', () => {
  const { jobs } = parse(read('.github/workflows/release.yml')) as Workflow;
  const publish = jobs['publish']!;
  const index = (pattern: RegExp): number =>
    publish.steps.findIndex((s) => pattern.test(s.run ?? ''));

  test('runs only after release-please created the (draft) release', () => {
    expect(publish.needs).toBe('release-please');
    expect(publish.if).toContain("needs.release-please.outputs.created == 'true'");
    const config = JSON.parse(read('release-please-config.json')) as {
      packages: Record<string, { draft?: boolean }>;
    };
    expect(config.packages['.']!.draft).toBe(true);
  });

  test('creates the tag with the draft, with a release-please that honours that (v5 or later)', () => {
    const config = JSON.parse(read('release-please-config.json')) as {
      packages: Record<string, Record<string, unknown>>;
    };
    expect(config.packages['.']).toMatchObject({ draft: true, 'force-tag-creation': true });
    const pin = /googleapis\/release-please-action@[0-9a-f]{40} # v(\d+)\.\d+\.\d+\n/.exec(
      read('.github/workflows/release.yml'),
    );
    expect(Number(pin?.[1])).toBeGreaterThanOrEqual(5);
  });

  test('the first release is 1.0.0, so the major tag it creates is v1', () => {
    // 0.0.0 is release-please's "never released"; any other manifest version is taken as the
    // last release and bumped (0.1.0 would give 0.2.0 and the major tag v0).
    expect(JSON.parse(read('.release-please-manifest.json'))).toEqual({ '.': '0.0.0' });
    const config = JSON.parse(read('release-please-config.json')) as {
      packages: Record<string, Record<string, unknown>>;
    };
    expect(config.packages['.']!['initial-version']).toBe('1.0.0');
  });

  test('publishes nothing while package.json names another repository', () => {
    const guard = publish.steps.find((s) => s.run?.includes('GITHUB_REPOSITORY') && !s.uses)!;
    expect(publish.steps.indexOf(guard)).toBeLessThan(index(/gh release edit/));
    const dir = mkdtempSync(join(tmpdir(), 'release-guard-'));
    const url = 'git+https://github.com/acme/waf-switch.git';
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ repository: { url } }));
    const exitCode = (repository: string): number => {
      try {
        execFileSync('bash', ['-e', '-c', guard.run!], {
          cwd: dir,
          env: { PATH: process.env.PATH ?? '', GITHUB_REPOSITORY: repository },
          stdio: 'pipe',
        });
        return 0;
      } catch (error) {
        return (error as { status: number }).status;
      }
    };
    expect(exitCode('acme/waf-switch')).toBe(0);
    expect(exitCode('acme/other')).toBe(1);
  });

  test('checks dist/ from the tagged sources, then publishes, then moves the major tag', () => {
    const checkout = publish.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout).toMatchObject({ with: { ref: '${{ needs.release-please.outputs.sha }}' } });
    const dist = index(/^npm run check:dist$/);
    const published = index(/gh release edit "\$TAG" .*--draft=false/);
    const moved = index(/git\/refs\/tags\/\$MAJOR/);
    expect(dist).toBeGreaterThan(0);
    expect(published).toBeGreaterThan(dist);
    expect(moved).toBeGreaterThan(published);
  });
});
