// The README's CLI install (`npm install --global github:<repo>#vX.Y.Z`): npm packs the repository
// and installs the tarball with its `dependencies`. dist/ is self-contained, so the package must
// need nothing from a registry (a workspace package there is an E404), and the installed bin
// must run. Packed and installed offline here, with the registry pointed at a closed port.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../support/repo-root.js';

const run = promisify(execFile);
const OFFLINE = {
  ...process.env,
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

let prefix: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-install-'));
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', dir],
    {
      cwd: REPO_ROOT,
      env: OFFLINE,
    },
  );
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  prefix = join(dir, 'install');
  await run(
    'npm',
    ['install', '--offline', '--ignore-scripts', '--prefix', prefix, join(dir, filename)],
    {
      cwd: dir,
      env: OFFLINE,
    },
  );
}, 60_000);

test('installs from the packed repository with no dependency from a registry', () => {
  expect(readdirSync(join(prefix, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(
    ['maintenance-action'],
  );
});

test('the installed maintenance-action runs: --help, and validate on a config file', async () => {
  const bin = join(prefix, 'node_modules/.bin/maintenance-action');
  const help = await run(bin, ['--help'], { cwd: prefix });
  expect(help.stdout).toMatch(/^Usage: maintenance-action <command>/);
  const config = join(REPO_ROOT, 'test/fixtures/config/all-testers.yml');
  const valid = await run(bin, ['validate', '--config', config], { cwd: prefix });
  expect(valid.stdout).toMatch(/is valid: \d+ environments? /);
});
