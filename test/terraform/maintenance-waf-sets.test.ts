import { describe, expect, it } from '@jest/globals';
import { synthesizeMaintenanceWaf } from '../../terraform/src/index.js';
import { addressOf, blocksOf, outputValue } from '../support/terraform-json.js';

describe('MaintenanceWaf IP sets', () => {
  it.each(['REGIONAL', 'CLOUDFRONT'] as const)(
    'creates the four empty sets in scope %s, one per family and role',
    (scope) => {
      const json = synthesizeMaintenanceWaf({ name: 'shop-prod', scope });
      const sets = blocksOf(json, 'resource', 'aws_wafv2_ip_set');
      expect(
        sets.map((s) => [s['name'], s['ip_address_version'], s['scope'], s['addresses']]).sort(),
      ).toEqual([
        ['shop-prod-active-ipv4', 'IPV4', scope, []],
        ['shop-prod-active-ipv6', 'IPV6', scope, []],
        ['shop-prod-allow-ipv4', 'IPV4', scope, []],
        ['shop-prod-allow-ipv6', 'IPV6', scope, []],
      ]);
    },
  );

  it('ignores changes to addresses and description so terraform apply never undoes maintenance mode', () => {
    const json = synthesizeMaintenanceWaf({
      name: 'shop',
      scope: 'REGIONAL',
      tags: { team: 'web' },
    });
    const ignored = Object.fromEntries(
      blocksOf(json, 'resource', 'aws_wafv2_ip_set').map((set) => [
        String(set['name']),
        (set.lifecycle as { ignore_changes: string[] }).ignore_changes,
      ]),
    );
    expect(ignored).toEqual({
      'shop-active-ipv4': ['addresses', 'description'],
      'shop-active-ipv6': ['addresses', 'description'],
      'shop-allow-ipv4': ['addresses', 'description'],
      'shop-allow-ipv6': ['addresses', 'description'],
    });
  });

  it('creates the bypass regex pattern set empty, and an apply never undoes its tokens', () => {
    const json = synthesizeMaintenanceWaf({ name: 'shop', scope: 'CLOUDFRONT' });
    const [bypass, ...more] = blocksOf(json, 'resource', 'aws_wafv2_regex_pattern_set');
    expect(more).toEqual([]);
    expect(bypass).toMatchObject({
      name: 'shop-bypass',
      scope: 'CLOUDFRONT',
      regular_expression: [],
      lifecycle: { ignore_changes: ['regular_expression'] },
    });
  });

  it('outputs every set name, id and ARN as references to the sets', () => {
    const json = synthesizeMaintenanceWaf({ name: 'shop', scope: 'REGIONAL' });
    const sets = Object.entries(json['resource']!['aws_wafv2_ip_set']!);
    for (const role of ['active_ipv4', 'active_ipv6', 'allow_ipv4', 'allow_ipv6']) {
      const [address] = sets.find(
        ([, set]) => (set as { name: string }).name === `shop-${role.replace('_', '-')}`,
      )!;
      for (const attribute of ['name', 'id', 'arn']) {
        expect(outputValue(json, `${role}_${attribute}`)).toBe(
          `\${aws_wafv2_ip_set.${address}.${attribute}}`,
        );
      }
    }
  });

  it('tags every taggable resource', () => {
    const json = synthesizeMaintenanceWaf({
      name: 'shop',
      scope: 'REGIONAL',
      tags: { team: 'web' },
      github: { repository: 'org/shop', environments: ['production'] },
    });
    for (const type of [
      'aws_wafv2_ip_set',
      'aws_wafv2_regex_pattern_set',
      'aws_wafv2_rule_group',
      'aws_wafv2_web_acl',
      'aws_iam_role',
      'aws_iam_openid_connect_provider',
    ]) {
      for (const block of blocksOf(json, 'resource', type))
        expect(block['tags']).toEqual({ team: 'web' });
    }
    expect(addressOf(json, 'resource', 'aws_iam_role')).toMatch(/^aws_iam_role\./);
  });
});

describe('MaintenanceWaf bypass set', () => {
  it.each(['REGIONAL', 'CLOUDFRONT'] as const)(
    'creates the empty regex pattern set N-bypass in scope %s, its tokens left to the action',
    (scope) => {
      const json = synthesizeMaintenanceWaf({ name: 'shop-prod', scope });
      const [set, ...more] = blocksOf(json, 'resource', 'aws_wafv2_regex_pattern_set');
      expect(more).toEqual([]);
      expect([set!['name'], set!['scope'], set!['regular_expression']]).toEqual([
        'shop-prod-bypass',
        scope,
        [],
      ]);
      expect((set!.lifecycle as { ignore_changes: string[] }).ignore_changes).toEqual([
        'regular_expression',
      ]);
    },
  );
});

describe('MaintenanceWaf descriptions', () => {
  it('use only the characters WAF accepts in a description', () => {
    // Description pattern of the WAFv2 API (CreateIPSet, CreateRuleGroup, CreateWebACL).
    const wafDescription = /^[\w+=:#@/\-,.][\w+=:#@/\-,.\s]+[\w+=:#@/\-,.]$/;
    const json = synthesizeMaintenanceWaf({ name: 'shop', scope: 'REGIONAL' });
    for (const type of [
      'aws_wafv2_ip_set',
      'aws_wafv2_regex_pattern_set',
      'aws_wafv2_rule_group',
      'aws_wafv2_web_acl',
    ]) {
      for (const block of blocksOf(json, 'resource', type)) {
        expect(block['description']).toMatch(wafDescription);
        expect((block['description'] as string).length).toBeLessThanOrEqual(256);
      }
    }
  });
});
