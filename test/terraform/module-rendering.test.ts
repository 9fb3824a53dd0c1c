import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { renderModule } from '../../terraform/src/render-module.js';

const MODULE_FILE = join(process.cwd(), 'terraform', 'module', 'main.tf.json');
const rendered = renderModule();
const module = JSON.parse(rendered) as Record<string, unknown> & {
  terraform: Record<string, unknown>;
};

describe('plain-Terraform rendering (terraform/module)', () => {
  it('is committed exactly as the construct renders it', () => {
    expect(readFileSync(MODULE_FILE, 'utf8')).toBe(rendered);
  });

  it('is a reusable module: required_providers only, no provider block, no backend', () => {
    expect(module['provider']).toBeUndefined();
    expect(module.terraform).toEqual({
      required_version: '>= 1.5',
      required_providers: { aws: { source: 'hashicorp/aws', version: '>= 5.0, < 7.0' } },
    });
    expect(rendered).not.toContain('"//"');
  });

  // What the module does with its inputs (validations, counts, preconditions, outputs) is tested
  // by Terraform itself: terraform/module/tests/*.tftest.hcl, run by `npm run terraform:check`.

  it('render.ts --check passes on the rendering and fails with a hint on a stale file', async () => {
    const run = promisify(execFile);
    const dir = mkdtempSync(join(tmpdir(), 'module-check-'));
    const fresh = join(dir, 'fresh.tf.json');
    const stale = join(dir, 'stale.tf.json');
    writeFileSync(fresh, rendered);
    writeFileSync(stale, rendered.replace(/"capacity": \d+/, '"capacity": 50'));
    const script = ['tsx', 'terraform/scripts/render.ts', '--check', '--out'];
    await expect(run('npx', [...script, fresh])).resolves.toMatchObject({
      stdout: expect.stringContaining('up to date'),
    });
    const failure = await run('npx', [...script, stale]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/stale.*\n.*npx tsx terraform\/scripts\/render\.ts/);
  }, 60_000);
});

describe('Terraform template syntax in the rendered module', () => {
  it('has no template directive (%{) and interpolates only references it means to', () => {
    expect(rendered).not.toMatch(/(?<!%)%\{/);
    const interpolations = [...rendered.matchAll(/(?<!\$)\$\{([^}]*)\}/g)].map((m) => m[1]!);
    for (const expression of interpolations) {
      expect(expression).toMatch(
        /^[!(]*(var|local|aws_|data|one|coalesce|prefix|floor|length|can|contains|alltrue|element|formatlist)/,
      );
    }
  });
});
