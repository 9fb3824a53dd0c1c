import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import {
  ACTION_PERMISSIONS,
  synthesizeMaintenanceWaf,
  type TerraformJson,
} from '../../terraform/src/index.js';
import { addressOf, blocksOf, onlyBlock, outputValue } from '../support/terraform-json.js';

interface PolicyStatement {
  sid: string;
  effect: string;
  actions: string[];
  resources: string[];
  condition?: { test: string; variable: string; values: string[] }[];
  principals?: { type: string; identifiers: string[] }[];
}

function policy(json: TerraformJson, sid: string): PolicyStatement {
  const statements = blocksOf(json, 'data', 'aws_iam_policy_document').flatMap(
    (doc) => doc.statement as PolicyStatement[],
  );
  return statements.find((s) => s.sid === sid)!;
}

const setArns = (json: TerraformJson) =>
  Object.keys(json['resource']!['aws_wafv2_ip_set']!).map(
    (address) => `\${aws_wafv2_ip_set.${address}.arn}`,
  );

/** `aws_wafv2_ip_set.<address>` of the set with that role. */
function setAddress(json: TerraformJson, role: string): string {
  const sets = json['resource']!['aws_wafv2_ip_set']! as Record<string, { name: string }>;
  const [address] = Object.entries(sets).find(([, set]) => set.name.endsWith(`-${role}`))!;
  return `aws_wafv2_ip_set.${address}`;
}

describe('MaintenanceWaf least-privilege access', () => {
  const regional = synthesizeMaintenanceWaf({ name: 'shop', scope: 'REGIONAL' });

  it('grants exactly the calls the action makes, nothing else', () => {
    const all = blocksOf(regional, 'data', 'aws_iam_policy_document').flatMap(
      (doc) => doc.statement as PolicyStatement[],
    );
    expect(all.flatMap((s) => s.actions).sort()).toEqual([
      'cloudwatch:GetMetricData',
      'wafv2:GetIPSet',
      'wafv2:GetRegexPatternSet',
      'wafv2:GetWebACL',
      'wafv2:ListIPSets',
      'wafv2:ListRegexPatternSets',
      'wafv2:UpdateIPSet',
      'wafv2:UpdateRegexPatternSet',
    ]);
    expect(ACTION_PERMISSIONS.flatMap((p) => p.actions)).toEqual([
      'wafv2:ListIPSets',
      'wafv2:ListRegexPatternSets',
      'wafv2:GetIPSet',
      'wafv2:UpdateIPSet',
      'wafv2:GetRegexPatternSet',
      'wafv2:UpdateRegexPatternSet',
      'wafv2:GetWebACL',
      'cloudwatch:GetMetricData',
    ]);
    // No tag actions: bypass tokens carry their expiry in the set entry.
    expect(all.flatMap((s) => s.actions).some((a) => /Tag/.test(a))).toBe(false);
    expect(all.every((s) => s.effect === 'Allow')).toBe(true);
  });

  it('scopes the bypass-token calls to the one bypass regex pattern set', () => {
    const bypass = policy(regional, 'BypassTokens');
    expect(bypass.actions).toEqual(['wafv2:GetRegexPatternSet', 'wafv2:UpdateRegexPatternSet']);
    expect(Object.keys(regional['resource']!['aws_wafv2_regex_pattern_set']!)).toHaveLength(1);
    const [address] = Object.keys(regional['resource']!['aws_wafv2_regex_pattern_set']!);
    expect(bypass.resources).toEqual([`\${aws_wafv2_regex_pattern_set.${address}.arn}`]);
    expect(bypass.condition).toBeUndefined();
  });

  it('lets the action read only the web ACL (its own, or without it those of its region and scope)', () => {
    const reading = policy(regional, 'CheckWebAclReferencesRuleGroup');
    expect(reading.actions).toEqual(['wafv2:GetWebACL']);
    expect(reading.resources).toEqual([
      `\${${addressOf(regional, 'resource', 'aws_wafv2_web_acl')}.arn}`,
    ]);
    const own = synthesizeMaintenanceWaf({ name: 'shop', scope: 'REGIONAL', createWebAcl: false });
    const ruleGroup = addressOf(own, 'resource', 'aws_wafv2_rule_group');
    expect(policy(own, 'CheckWebAclReferencesRuleGroup').resources).toEqual([
      `\${replace(${ruleGroup}.arn, "//rulegroup/.*$/", "/webacl/*/*")}`,
    ]);
  });

  it('grants GetMetricData on "*" (IAM cannot scope it to a resource), in the environment region only', () => {
    const metrics = policy(regional, 'ReadWindowMetrics');
    expect(metrics.actions).toEqual(['cloudwatch:GetMetricData']);
    expect(metrics.resources).toEqual(['*']);
    // The same region condition as ListIPSets: the region the sets (and their metrics) live in.
    expect(metrics.condition).toEqual(policy(regional, 'ResolveSetsByName').condition);
  });

  it('scopes GetIPSet and UpdateIPSet to the four set ARNs', () => {
    const switching = policy(regional, 'SwitchMaintenanceSets');
    expect(switching.actions).toEqual(['wafv2:GetIPSet', 'wafv2:UpdateIPSet']);
    expect([...switching.resources].sort()).toEqual(setArns(regional).sort());
    expect(switching.condition).toBeUndefined();
  });

  it('grants ListIPSets on "*" (it has no resource type) but only in the environment region', () => {
    const listing = policy(regional, 'ResolveSetsByName');
    expect(listing.resources).toEqual(['*']);
    expect(listing.condition).toEqual([
      {
        test: 'StringEquals',
        variable: 'aws:RequestedRegion',
        // The region the sets were created in, from an IP set's ARN (works on provider 5.x and 6.x).
        values: [`\${element(split(":", ${setAddress(regional, 'active-ipv4')}.arn), 3)}`],
      },
    ]);
    expect(blocksOf(regional, 'data', 'aws_region')).toEqual([]);
    const cloudfront = synthesizeMaintenanceWaf({ name: 'shop', scope: 'CLOUDFRONT' });
    expect(policy(cloudfront, 'ResolveSetsByName').condition![0]!.values).toEqual(['us-east-1']);
    // The sets' region is only checked: a CLOUDFRONT environment must be applied in us-east-1.
    expect(onlyBlock(cloudfront, 'resource', 'aws_wafv2_rule_group').lifecycle).toEqual({
      precondition: [
        {
          condition: `\${(element(split(":", ${setAddress(cloudfront, 'active-ipv4')}.arn), 3) == "us-east-1")}`,
          error_message: expect.stringContaining('needs the aws provider in us-east-1'),
        },
      ],
    });
    expect(onlyBlock(regional, 'resource', 'aws_wafv2_rule_group').lifecycle).toBeUndefined();
  });

  it('creates no role without github and still outputs the policy JSON for a role of your own', () => {
    expect(blocksOf(regional, 'resource', 'aws_iam_role')).toEqual([]);
    expect(outputValue(regional, 'role_arn')).toBeUndefined();
    expect(outputValue(regional, 'action_policy_json')).toMatch(
      /^\$\{data\.aws_iam_policy_document\..+\.json\}$/,
    );
  });

  describe('with a GitHub role', () => {
    const json = synthesizeMaintenanceWaf({
      name: 'shop-prod',
      scope: 'REGIONAL',
      github: { repository: 'acme/shop', environments: ['production'] },
    });

    it('trusts only jobs of that repository running in that environment, with the STS audience', () => {
      const trust = policy(json, 'GithubEnvironmentsOnly');
      expect(trust.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
      expect(trust.principals).toEqual([
        {
          type: 'Federated',
          identifiers: [
            `\${${addressOf(json, 'resource', 'aws_iam_openid_connect_provider')}.arn}`,
          ],
        },
      ]);
      expect(trust.condition).toEqual([
        {
          test: 'StringEquals',
          variable: 'token.actions.githubusercontent.com:aud',
          values: ['sts.amazonaws.com'],
        },
        {
          test: 'StringEquals',
          variable: 'token.actions.githubusercontent.com:sub',
          values: ['repo:acme/shop:environment:production'],
        },
      ]);
    });

    it('trusts each of several environments, each pinned with StringEquals on sub', () => {
      const two = synthesizeMaintenanceWaf({
        name: 'shop-prod',
        scope: 'REGIONAL',
        github: { repository: 'acme/shop', environments: ['production', 'production-schedule'] },
      });
      const sub = policy(two, 'GithubEnvironmentsOnly').condition!.find((c) =>
        c.variable.endsWith(':sub'),
      )!;
      expect(sub).toEqual({
        test: 'StringEquals',
        variable: 'token.actions.githubusercontent.com:sub',
        values: [
          'repo:acme/shop:environment:production',
          'repo:acme/shop:environment:production-schedule',
        ],
      });
    });

    it('creates the GitHub OIDC provider when no existing one is given', () => {
      expect(onlyBlock(json, 'resource', 'aws_iam_openid_connect_provider')).toMatchObject({
        url: 'https://token.actions.githubusercontent.com',
        client_id_list: ['sts.amazonaws.com'],
      });
    });

    it('attaches exactly the action policy to the role, named N-maintenance-action', () => {
      const role = onlyBlock(json, 'resource', 'aws_iam_role');
      expect(role['name']).toBe('shop-prod-maintenance-action');
      const trustAddress = Object.entries(json['data']!['aws_iam_policy_document']!).find(
        ([, doc]) => JSON.stringify(doc).includes('GithubEnvironmentsOnly'),
      )![0];
      expect(role['assume_role_policy']).toBe(
        `\${data.aws_iam_policy_document.${trustAddress}.json}`,
      );
      const attached = onlyBlock(json, 'resource', 'aws_iam_role_policy');
      expect(attached['policy']).toBe(outputValue(json, 'action_policy_json'));
      expect(attached['role']).toBe(`\${${addressOf(json, 'resource', 'aws_iam_role')}.id}`);
      expect(outputValue(json, 'role_arn')).toBe(
        `\${${addressOf(json, 'resource', 'aws_iam_role')}.arn}`,
      );
    });

    it('uses an existing OIDC provider instead of creating a second one', () => {
      const existing =
        'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
      const withExisting = synthesizeMaintenanceWaf({
        name: 'shop-prod',
        scope: 'REGIONAL',
        github: {
          repository: 'acme/shop',
          environments: ['production'],
          oidcProviderArn: existing,
        },
      });
      expect(blocksOf(withExisting, 'resource', 'aws_iam_openid_connect_provider')).toEqual([]);
      expect(policy(withExisting, 'GithubEnvironmentsOnly').principals![0]!.identifiers).toEqual([
        existing,
      ]);
    });

    it('outputs a config entry that parses as the environments: block of .github/maintenance.yml', () => {
      const ipSet = (role: string) => setAddress(json, role);
      expect(parse(outputValue(json, 'config_entry') as string)).toEqual({
        environments: {
          production: {
            name: 'shop-prod',
            scope: 'REGIONAL',
            region: `\${element(split(":", ${ipSet('active-ipv4')}.arn), 3)}`,
            'web-acl': {
              name: 'shop-prod',
              id: `\${${addressOf(json, 'resource', 'aws_wafv2_web_acl')}.id}`,
            },
            'set-ids': {
              'active-ipv4': `\${${ipSet('active-ipv4')}.id}`,
              'active-ipv6': `\${${ipSet('active-ipv6')}.id}`,
              'allow-ipv4': `\${${ipSet('allow-ipv4')}.id}`,
              'allow-ipv6': `\${${ipSet('allow-ipv6')}.id}`,
              bypass: `\${${addressOf(json, 'resource', 'aws_wafv2_regex_pattern_set')}.id}`,
            },
          },
        },
      });
      const cloudfront = synthesizeMaintenanceWaf({
        name: 'shop-cdn',
        scope: 'CLOUDFRONT',
        configKey: 'cdn',
      });
      const cdn = (
        parse(outputValue(cloudfront, 'config_entry') as string) as {
          environments: { cdn: Record<string, unknown> };
        }
      ).environments.cdn;
      expect(cdn).toMatchObject({ name: 'shop-cdn', scope: 'CLOUDFRONT', region: 'us-east-1' });
      const withoutWebAcl = synthesizeMaintenanceWaf({
        name: 'shop-cdn',
        scope: 'CLOUDFRONT',
        createWebAcl: false,
      });
      expect(outputValue(withoutWebAcl, 'config_entry')).not.toContain('web-acl');
    });
  });
});
