// One pipeline: .ci/run (local) and .github/workflows/ci.yml (GitHub) run the same checks, each
// an npm script; the release workflow publishes only a dist/ rebuilt from the tagged sources.
import { readFileSync } from 'node:fs';
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
