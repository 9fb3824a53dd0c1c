// The README's "how many environments fit in one region" follows from what the Terraform module
// creates per environment and from AWS WAF's default quotas (AWS WAF Developer Guide, "AWS WAF
// quotas": 100 IP sets and 10 regex pattern sets per account per Region). If the module grows a
// set, the documented limit must change with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/repo-root.js';

const read = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');
const DEFAULT_IP_SETS = 100;
const DEFAULT_REGEX_SETS = 10;

const module = JSON.parse(read('terraform/module/main.tf.json')) as {
  resource: Record<string, Record<string, unknown>>;
};
const ipSets = Object.keys(module.resource['aws_wafv2_ip_set'] ?? {}).length;
const regexSets = Object.keys(module.resource['aws_wafv2_regex_pattern_set'] ?? {}).length;
const perRegion = Math.min(
  Math.floor(DEFAULT_IP_SETS / ipSets),
  Math.floor(DEFAULT_REGEX_SETS / regexSets),
);

test('the README says how many environments fit in one region on default quotas, and how to raise it', () => {
  expect([ipSets, regexSets, perRegion]).toEqual([4, 1, 10]);
  const readme = read('README.md').replace(/\s+/g, ' ');
  expect(readme).toContain(`holds ${ipSets} IP sets, ${regexSets} regex pattern set`);
  expect(readme).toContain(`${DEFAULT_IP_SETS} IP sets, ${DEFAULT_REGEX_SETS} regex pattern sets`);
  expect(readme).toContain(`at most ${perRegion} environments per region on default quotas`);
  expect(readme).toContain('Service Quotas');
  expect(readme).toContain('Only writes are paced');
});

test("the bench's 16 environments in one region say they need more than default quotas", () => {
  const bench = read('docs/bench.md').replace(/\s+/g, ' ');
  expect(bench).toContain('| 16 | 1 |');
  expect(bench).toContain(`on default quotas at most ${perRegion} environments fit in one region`);
});
