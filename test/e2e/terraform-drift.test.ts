// "Never fights terraform apply", shown with Terraform itself: the plain module applied into the
// WAFv2 emulator by the real aws provider (5.100.0), the action (dist/) switching the sets, and
// `terraform plan -detailed-exitcode` finding nothing to change, in maintenance and after it.
// The IAM part (role, OIDC provider) is plan-only: the emulator answers WAFv2, not IAM or STS.
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import {
  applyModule,
  type TerraformWorkspace,
} from '@maintenance-action/sandbox/terraform-apply.js';
import {
  startWafEmulator,
  type WafEmulator,
} from '@maintenance-action/sandbox/waf-emulator/index.js';
import { runAction } from '../support/runner.js';
import { QA_V4, QA_V6, writeWorkspace } from '../support/workspace.js';

const installed = spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;
if (!installed)
  console.warn('terraform is not installed: SKIPPING the Terraform drift test (CI installs it).');
const describeWithTerraform = installed ? describe : describe.skip;

const ALB =
  'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188';
const MODULE = {
  name: 'shop-tf',
  scope: 'REGIONAL',
  reachable_path_prefixes: ['/status'],
  associated_resource_arn: ALB,
  tags: { service: 'shop' },
} as const;

describeWithTerraform('the module under Terraform, switched by the action', () => {
  let emulator: WafEmulator;
  let terraform: TerraformWorkspace;
  let workspace: string;

  beforeAll(async () => {
    emulator = await startWafEmulator();
    terraform = await applyModule({ endpoint: emulator.endpoint, region: 'eu-west-1' }, MODULE);
    // The config a user writes: testers, and the module's config_entry pasted as it is.
    const entry = (await terraform.outputs())['config_entry'] as string;
    workspace = await writeWorkspace(
      `testers:\n  - name: QA office\n    cidrs: ["${QA_V4}", "${QA_V6}"]\n${entry}`,
    );
  }, 240_000);

  afterAll(async () => {
    await terraform?.remove();
    await emulator?.close();
  });

  const step = (command: string, inputs: Record<string, string> = {}) =>
    runAction({
      workspace,
      inputs: { command, environment: 'shop-tf', ...inputs },
      env: awsEnvFor(emulator.endpoint),
    });

  it('creates the sets, the rule group, the web ACL and its association, with their tags', async () => {
    const stored = emulator.listStored();
    expect(stored.ipSets.map((s) => s.name).sort()).toEqual([
      'shop-tf-active-ipv4',
      'shop-tf-active-ipv6',
      'shop-tf-allow-ipv4',
      'shop-tf-allow-ipv6',
    ]);
    expect(stored.ipSets.every((s) => s.tags['service'] === 'shop')).toBe(true);
    expect(stored.ruleGroups).toHaveLength(1);
    expect(stored.webAcls).toHaveLength(1);
    const outputs = await terraform.outputs();
    expect(outputs['region']).toBe('eu-west-1');
    const entry = parse(outputs['config_entry'] as string) as {
      environments: Record<string, { 'set-ids': Record<string, string>; 'web-acl': object }>;
    };
    const ids = Object.fromEntries(
      stored.ipSets.map((s) => [s.name.slice('shop-tf-'.length), s.id]),
    );
    const [bypass] = stored.regexPatternSets;
    expect(bypass?.name).toBe('shop-tf-bypass');
    expect(entry.environments['shop-tf']!['set-ids']).toEqual({ ...ids, bypass: bypass!.id });
    expect(emulator.calls.some((c) => c.operation === 'AssociateWebACL' && c.status === 200)).toBe(
      true,
    );
  });

  it('plans no change after enter and allowlist-on, nor after exit; destroy removes everything', async () => {
    const enter = await step('enter');
    expect(enter.exitCode).toBe(0);
    expect(enter.outputs['state']).toBe('maintenance');
    // Testers from the config, and a bypass token in the N-bypass regex pattern set.
    const allow = await step('allowlist-on', { 'bypass-token': 'true' });
    expect(allow.exitCode).toBe(0);
    expect(allow.outputs['state']).toBe('maintenance-allowlisted');
    expect(allow.outputs['bypass-token']).toMatch(/^mb1-/);

    const inMaintenance = await terraform.plan();
    expect(inMaintenance.output).toContain('No changes.');
    expect(inMaintenance.exitCode).toBe(0);

    const exit = await step('exit');
    expect(exit.exitCode).toBe(0);
    expect(exit.outputs['state']).toBe('normal');
    const afterExit = await terraform.plan();
    expect(afterExit.output).toContain('No changes.');
    expect(afterExit.exitCode).toBe(0);

    // Plan-only: the GitHub role would be added, and nothing that exists would change.
    await terraform.configure({ ...MODULE, github_repository: 'acme/shop' });
    const withRole = await terraform.plan();
    expect(withRole.exitCode).toBe(2);
    expect(withRole.output).toContain('aws_iam_role.maintenance_github_role[0] will be created');
    expect(withRole.output).toContain(
      'aws_iam_openid_connect_provider.maintenance_github_github_oidc[0] will be created',
    );
    expect(withRole.output).toMatch(/Plan: 3 to add, 0 to change, 0 to destroy/);
    await terraform.configure(MODULE);

    await terraform.destroy();
    const left = emulator.listStored();
    expect([left.ipSets, left.regexPatternSets, left.ruleGroups, left.webAcls]).toEqual([
      [],
      [],
      [],
      [],
    ]);
  }, 360_000);
});
