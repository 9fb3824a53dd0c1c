import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { renderModule } from '../../terraform/src/render-module.js';
import type { TerraformJson } from '../../terraform/src/index.js';
import { onlyBlock } from './terraform-json.js';

const MODULE_FILE = join(process.cwd(), 'terraform', 'module', 'main.tf.json');
const rendered = renderModule();
const module = JSON.parse(rendered) as TerraformJson & {
  terraform: Record<string, unknown>;
  variable: Record<
    string,
    {
      type: string;
      description: string;
      default?: unknown;
      validation?: { condition: string; error_message: string }[];
    }
  >;
  output: Record<string, { value: string; description: string }>;
  locals: Record<string, string>;
};

describe('plain-Terraform rendering (terraform/module)', () => {
  it('is committed exactly as the construct renders it', () => {
    expect(readFileSync(MODULE_FILE, 'utf8')).toBe(rendered);
  });

  it('is a reusable module: required_providers only, no provider block, no backend', () => {
    expect(module['provider']).toBeUndefined();
    expect(module.terraform).toEqual({
      required_version: '>= 1.5',
      required_providers: { aws: { source: 'hashicorp/aws', version: '>= 6.0, < 7.0' } },
    });
    expect(rendered).not.toContain('"//"');
  });

  it('has one described, typed variable per prop, optional ones defaulting to null', () => {
    expect(Object.keys(module.variable).sort()).toEqual(
      [
        'api_response_json',
        'associated_resource_arn',
        'config_key',
        'create_web_acl',
        'github_environment',
        'github_oidc_provider_arn',
        'github_repository',
        'github_role_name',
        'maintenance_page_html',
        'name',
        'reachable_path_prefixes',
        'retry_after_seconds',
        'scope',
        'status_code',
        'tags',
      ].sort(),
    );
    for (const variable of Object.values(module.variable)) {
      expect(variable.description.length).toBeGreaterThan(20);
      expect(variable.type).toBeTruthy();
    }
    expect(module.variable['name']!.default).toBeUndefined();
    for (const optional of [
      'api_response_json',
      'maintenance_page_html',
      'associated_resource_arn',
      'github_repository',
      'github_oidc_provider_arn',
    ]) {
      expect(module.variable[optional]!.default).toBeNull();
    }
    expect(module.variable['create_web_acl']!.default).toBe(true);
    expect(module.variable['retry_after_seconds']!.default).toBe(300);
  });

  it('validates inputs with the same limits as the construct, null-safe', () => {
    const conditions = (name: string) =>
      module.variable[name]!.validation!.map((v) => v.condition).join(' ');
    expect(conditions('name')).toContain('length(var.name) <= 116');
    expect(conditions('name')).toContain('can(regex("^[A-Za-z0-9_-]+$", var.name))');
    expect(conditions('scope')).toBe('${contains(["REGIONAL","CLOUDFRONT"], var.scope)}');
    expect(conditions('maintenance_page_html')).toContain(
      'var.maintenance_page_html == null ? true : (',
    );
    expect(conditions('maintenance_page_html')).toContain('<= 4096');
    expect(conditions('api_response_json')).toContain('can(jsondecode(var.api_response_json))');
    expect(conditions('reachable_path_prefixes')).toContain(
      'length(var.reachable_path_prefixes) <= 10',
    );
    expect(conditions('status_code')).toContain('var.status_code >= 200 && var.status_code <= 599');
    for (const variable of Object.values(module.variable)) {
      for (const validation of variable.validation ?? [])
        expect(validation.error_message).toMatch(/\.$/);
    }
  });

  it('declares optional resources with count on their variables and reads them through one()', () => {
    const resource = (type: string) => onlyBlock(module, 'resource', type);
    expect(resource('aws_wafv2_web_acl')['count']).toBe('${var.create_web_acl ? 1 : 0}');
    expect(resource('aws_wafv2_web_acl_association')['count']).toBe(
      '${(var.create_web_acl && (var.associated_resource_arn != null)) ? 1 : 0}',
    );
    expect(resource('aws_wafv2_web_acl_association')['web_acl_arn']).toBe(
      '${one(aws_wafv2_web_acl.maintenance_web_acl[*].arn)}',
    );
    expect(resource('aws_iam_role')['count']).toBe('${(var.github_repository != null) ? 1 : 0}');
    expect(resource('aws_iam_openid_connect_provider')['count']).toContain(
      '(var.github_oidc_provider_arn == null)',
    );
    expect(module.output['web_acl_arn']!.value).toBe(
      '${one(aws_wafv2_web_acl.maintenance_web_acl[*].arn)}',
    );
    expect(module.output['role_arn']!.value).toBe(
      '${one(aws_iam_role.maintenance_github_role[*].arn)}',
    );
  });

  it('checks at plan time the provider region for CLOUDFRONT and the scope/association combinations', () => {
    const lifecycle = onlyBlock(module, 'resource', 'aws_wafv2_rule_group').lifecycle as {
      precondition: { condition: string; error_message: string }[];
    };
    expect(lifecycle.precondition.map((p) => p.condition)).toEqual([
      '${((var.scope != "CLOUDFRONT") || (data.aws_region.maintenance_region.region == "us-east-1"))}',
      '${!((var.scope == "CLOUDFRONT") && (var.associated_resource_arn != null))}',
      '${!((var.associated_resource_arn != null) && !var.create_web_acl)}',
    ]);
    expect(lifecycle.precondition[0]!.error_message).toContain('us-east-1');
    expect(lifecycle.precondition[1]!.error_message).toContain('web_acl_id');
  });

  it('expands reachable path prefixes with a dynamic block, one NOT per prefix', () => {
    const group = onlyBlock(module, 'resource', 'aws_wafv2_rule_group') as {
      rule: { statement: { and_statement: Record<string, unknown> } }[];
    };
    for (const rule of group.rule) {
      expect(rule.statement.and_statement['dynamic']).toEqual({
        statement: {
          for_each: '${var.reachable_path_prefixes}',
          iterator: 'prefix',
          content: {
            not_statement: {
              statement: [
                {
                  byte_match_statement: {
                    field_to_match: { uri_path: {} },
                    positional_constraint: 'STARTS_WITH',
                    search_string: '${prefix.value}',
                    text_transformation: [{ priority: 0, type: 'NONE' }],
                  },
                },
              ],
            },
          },
        },
      });
    }
  });

  it('falls back to the built-in bodies, which follow retry_after_seconds', () => {
    expect(module.locals['default_api_response']).toBe(
      '{"error":"maintenance","retryAfter":${var.retry_after_seconds}}',
    );
    expect(module.locals['default_maintenance_page']).toContain(
      '<meta http-equiv="refresh" content="${var.retry_after_seconds}">',
    );
    const bodies = (
      onlyBlock(module, 'resource', 'aws_wafv2_rule_group')['custom_response_body'] as {
        content: string;
      }[]
    ).map((b) => b.content);
    expect(bodies).toEqual([
      '${coalesce(var.api_response_json, local.default_api_response)}',
      '${coalesce(var.maintenance_page_html, local.default_maintenance_page)}',
    ]);
  });

  it('describes every output', () => {
    expect(Object.keys(module.output)).toEqual(
      expect.arrayContaining([
        'active_ipv4_arn',
        'allow_ipv6_id',
        'rule_group_arn',
        'web_acl_arn',
        'role_arn',
        'action_policy_json',
        'config_entry',
      ]),
    );
    for (const output of Object.values(module.output))
      expect(output.description.length).toBeGreaterThan(10);
  });

  it('render.ts --check passes on the rendering and fails with a hint on a stale file', async () => {
    const run = promisify(execFile);
    const dir = mkdtempSync(join(tmpdir(), 'module-check-'));
    const fresh = join(dir, 'fresh.tf.json');
    const stale = join(dir, 'stale.tf.json');
    writeFileSync(fresh, rendered);
    writeFileSync(stale, rendered.replace('"capacity": 100', '"capacity": 50'));
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
        /^[!(]*(var|local|aws_|data|one|coalesce|prefix|floor|length|can|contains|alltrue)/,
      );
    }
  });
});
