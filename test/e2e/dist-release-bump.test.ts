// dist/ is committed and CI (check:dist) and the release's publish job rebuild it and compare.
// So it may depend only on what the code runs: release-please's version bump and a Dependabot
// bump of a dev-only package change package.json but must leave every bundle byte-identical,
// or the release PR and each such PR fail check:dist and the draft release is never published.
import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../support/repo-root.js';

const run = promisify(execFile);

interface PackageJson {
  version: string;
  devDependencies: Record<string, string>;
}

/** What `npm run package` reads, copied to a directory of its own, with package.json edited. */
function copyForPackaging(edit: (pkg: PackageJson) => PackageJson): string {
  const root = mkdtempSync(join(tmpdir(), 'dist-bump-'));
  for (const path of ['src', 'schema', 'scripts/package.ts', 'tsconfig.json'])
    cpSync(join(REPO_ROOT, path), join(root, path), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
  writeFileSync(join(root, 'package.json'), `${JSON.stringify(edit(pkg), null, 2)}\n`);
  return root;
}

/** `npm run package` in `root`: every file of its dist/, by path. */
async function packageIn(root: string): Promise<Map<string, string>> {
  await run(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['scripts/package.ts'], { cwd: root });
  const dist = join(root, 'dist');
  return new Map(
    readdirSync(dist, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(dist, path), readFileSync(path, 'utf8')];
      }),
  );
}

test('a version bump and a dev-only dependency bump leave every bundle byte-identical', async () => {
  const [before, after] = await Promise.all([
    packageIn(copyForPackaging((pkg) => pkg)),
    packageIn(
      copyForPackaging((pkg) => ({
        ...pkg,
        version: '1.0.0',
        devDependencies: { ...pkg.devDependencies, prettier: '99.0.0' },
      })),
    ),
  ]);
  expect(before.size).toBeGreaterThan(3);
  expect([...before.keys()].sort()).toEqual([...after.keys()].sort());
  const changed = [...before].filter(([path, text]) => after.get(path) !== text).map(([p]) => p);
  expect(changed).toEqual([]);
}, 60_000);
