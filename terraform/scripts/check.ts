// `npm run terraform:check`: Terraform itself on the module and on every example, offline when the
// machine has the provider mirror: fmt -check, init, validate, and the module's own tests
// (terraform test, mocked provider). Examples are checked in a scratch copy whose module source
// points at this checkout (they reference the published module, as users do).

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULE_DIR, terraform, terraformInstalled } from './terraform-cli.js';

const TERRAFORM_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES_DIR = join(TERRAFORM_DIR, 'examples');
const PUBLISHED_SOURCE =
  /source\s*=\s*"github\.com\/org\/maintenance-action\/\/terraform\/module[^"]*"/;

function timed(label: string, run: () => void): void {
  const started = Date.now();
  console.log(`\n== ${label}`);
  run();
  console.log(`   (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function main(): void {
  if (!terraformInstalled()) {
    console.error('terraform is not installed: install Terraform >= 1.5 (CI has it).');
    process.exit(1);
  }
  timed('fmt -check (module tests, examples)', () =>
    terraform(TERRAFORM_DIR, ['fmt', '-check', '-recursive', '-diff', 'module', 'examples']),
  );
  timed('module: init, validate', () => {
    terraform(MODULE_DIR, ['init', '-backend=false', '-input=false', '-no-color']);
    terraform(MODULE_DIR, ['validate', '-no-color']);
  });
  const scratch = mkdtempSync(join(tmpdir(), 'maintenance-examples-'));
  try {
    for (const example of readdirSync(EXAMPLES_DIR)) {
      const main = join(EXAMPLES_DIR, example, 'main.tf');
      let hcl: string;
      try {
        hcl = readFileSync(main, 'utf8');
      } catch {
        continue; // the cdktf example is TypeScript
      }
      if (!PUBLISHED_SOURCE.test(hcl)) throw new Error(`${main}: no module source to check`);
      timed(`example ${example}: init, validate`, () => {
        const dir = join(scratch, example);
        cpSync(join(EXAMPLES_DIR, example), dir, { recursive: true });
        writeFileSync(
          join(dir, 'main.tf'),
          hcl.replace(PUBLISHED_SOURCE, `source = ${JSON.stringify(MODULE_DIR)}`),
        );
        terraform(dir, ['init', '-backend=false', '-input=false', '-no-color']);
        terraform(dir, ['validate', '-no-color']);
      });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  timed('module: terraform test (mock provider)', () =>
    terraform(MODULE_DIR, ['test', '-no-color']),
  );
}

main();
