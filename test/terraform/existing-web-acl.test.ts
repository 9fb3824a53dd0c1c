import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Testing } from 'cdktf';
import type { TerraformJson } from '../../terraform/src/index.js';
import { ShopFirewallStack } from '../../terraform/examples/existing-web-acl-cdktf/main.js';
import { addressOf, blocksOf, onlyBlock } from '../support/terraform-json.js';

describe('keeping an existing web ACL (createWebAcl: false)', () => {
  it('cdktf: the team web ACL evaluates the maintenance rule group first, its own rules after', () => {
    const stack = new ShopFirewallStack(Testing.app(), 'shop');
    const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
    const acls = blocksOf(json, 'resource', 'aws_wafv2_web_acl');
    expect(acls.map((acl) => acl['name'])).toEqual(['shop-prod-firewall']);
    const rules = acls[0]!['rule'] as {
      name: string;
      priority: number;
      override_action: unknown;
      statement: Record<string, unknown>;
    }[];
    const first = rules.reduce((a, b) => (a.priority <= b.priority ? a : b));
    expect(first).toMatchObject({
      name: 'shop-prod-maintenance',
      priority: 0,
      override_action: { none: {} },
      statement: {
        rule_group_reference_statement: {
          arn: `\${${addressOf(json, 'resource', 'aws_wafv2_rule_group')}.arn}`,
        },
      },
    });
    expect(rules.filter((rule) => rule.priority === 0)).toHaveLength(1);
    expect(onlyBlock(json, 'resource', 'aws_wafv2_rule_group')['name']).toBe(
      'shop-prod-maintenance',
    );
    expect(blocksOf(json, 'resource', 'aws_wafv2_web_acl_association')).toEqual([]);
  });

  it('plain Terraform: the example references the module rule group at priority 0 with override none', () => {
    const hcl = readFileSync(
      join(process.cwd(), 'terraform/examples/existing-web-acl/main.tf'),
      'utf8',
    );
    expect(hcl).toMatch(/create_web_acl\s*=\s*false/);
    const firstRule = hcl.slice(
      hcl.indexOf('rule {'),
      hcl.indexOf('rule {', hcl.indexOf('rule {') + 1),
    );
    expect(firstRule).toMatch(/priority\s*=\s*0/);
    expect(firstRule).toMatch(/override_action\s*{\s*none\s*{}\s*}/);
    expect(firstRule).toMatch(
      /rule_group_reference_statement\s*{\s*arn\s*=\s*module\.maintenance\.rule_group_arn\s*}/,
    );
    // The module really has that output.
    const module = JSON.parse(
      readFileSync(join(process.cwd(), 'terraform/module/main.tf.json'), 'utf8'),
    ) as { output: Record<string, unknown> };
    expect(module.output['rule_group_arn']).toBeDefined();
  });
});
