import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { repositorySlug } from '../../scripts/generate/repository.js';
import { REPO_ROOT } from '../support/repo-root.js';

const EXAMPLES = join(process.cwd(), 'terraform', 'examples');
const module = JSON.parse(
  readFileSync(join(process.cwd(), 'terraform/module/main.tf.json'), 'utf8'),
) as {
  variable: Record<string, unknown>;
  output: Record<string, unknown>;
};
const hclExamples = readdirSync(EXAMPLES)
  .filter((dir) => readdirSync(join(EXAMPLES, dir)).includes('main.tf'))
  .map((dir) => [dir, readFileSync(join(EXAMPLES, dir, 'main.tf'), 'utf8')] as const);

function hasTerraform(): boolean {
  try {
    execFileSync('terraform', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('plain-Terraform examples', () => {
  it('cover a REGIONAL environment with an ALB, a CLOUDFRONT one and an existing web ACL', () => {
    expect(hclExamples.map(([dir]) => dir).sort()).toEqual([
      'cloudfront',
      'existing-web-acl',
      'regional-alb',
    ]);
  });

  it.each(hclExamples)(
    '%s passes only variables the module declares and reads only outputs it has',
    (_, hcl) => {
      const block = hcl.slice(
        hcl.indexOf('module "maintenance" {'),
        hcl.indexOf('\n}\n', hcl.indexOf('module "maintenance" {')),
      );
      const argumentsPassed = [...block.matchAll(/^ {2}([a-z_]+)\s*=/gm)]
        .map((m) => m[1]!)
        .filter((a) => a !== 'source');
      expect(argumentsPassed.length).toBeGreaterThan(1);
      for (const argument of argumentsPassed)
        expect(Object.keys(module.variable)).toContain(argument);
      for (const [, output] of hcl.matchAll(/module\.maintenance\.([a-z0-9_]+)/g))
        expect(Object.keys(module.output)).toContain(output);
      expect(block).toContain(
        `source = "github.com/${repositorySlug(REPO_ROOT)}//terraform/module`,
      );
    },
  );

  it.each(hclExamples)('%s pins the aws provider version exactly', (_, hcl) => {
    expect(hcl).toMatch(/source\s*=\s*"hashicorp\/aws"\s*\n\s*version\s*=\s*"\d+\.\d+\.\d+"/);
  });

  const itWithTerraform = hasTerraform() ? it : it.skip;
  itWithTerraform('are terraform fmt clean', () => {
    expect(() =>
      execFileSync('terraform', ['fmt', '-check', '-recursive', EXAMPLES], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
