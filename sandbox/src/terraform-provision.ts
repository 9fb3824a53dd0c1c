// The sandbox's Terraform path: an environment provisioned by `terraform apply` of the plain module
// into the emulator (terraform-apply.ts), described in the same shape as the synthesized path
// (provision.ts), which stays the fallback where Terraform is not installed.

import type { MaintenanceWafProps } from '@maintenance-action/terraform';
import type { ProvisionedEnvironment, ProvisionedResource } from './provision.js';
import { applyModule, type ModuleVariables, type TerraformWorkspace } from './terraform-apply.js';
import type { WafEmulator } from './waf-emulator/index.js';

export type Provisioner = 'terraform' | 'synthesized';

/** The construct's props as the module's variables (the two take the same inputs). */
export function moduleVariables(props: MaintenanceWafProps): ModuleVariables {
  const optional: Record<string, unknown> = {
    retry_after_seconds: props.retryAfterSeconds,
    status_code: props.statusCode,
    maintenance_page_html: props.maintenancePageHtml,
    api_response_json: props.apiResponseJson,
    reachable_path_prefixes: props.reachablePathPrefixes,
    create_web_acl: props.createWebAcl,
    associated_resource_arn: props.associatedResourceArn,
    tags: props.tags,
  };
  return {
    name: props.name,
    scope: props.scope,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

export async function provisionWithTerraform(
  emulator: WafEmulator,
  props: MaintenanceWafProps,
  region: string,
): Promise<{ provisioned: ProvisionedEnvironment; workspace: TerraformWorkspace }> {
  const workspace = await applyModule(
    { endpoint: emulator.endpoint, region },
    moduleVariables(props),
  );
  const ownedBy = (name: string) => name === props.name || name.startsWith(`${props.name}-`);
  const stored = emulator.listStored();
  const documents = (type: string, list: unknown[]): ProvisionedResource[] =>
    (list as { Name: string; Id: string; ARN: string }[])
      .filter((d) => ownedBy(d.Name))
      .map((d) => ({ type, logicalId: d.Name, name: d.Name, id: d.Id, arn: d.ARN }));
  const resources: ProvisionedResource[] = [
    ...stored.ipSets
      .filter((s) => ownedBy(s.name))
      .map((s) => ({
        type: 'aws_wafv2_ip_set',
        logicalId: s.name,
        name: s.name,
        id: s.id,
        arn: s.arn,
      })),
    ...documents('aws_wafv2_rule_group', stored.ruleGroups),
    ...documents('aws_wafv2_web_acl', stored.webAcls),
  ];
  const ruleGroup = resources.find((r) => r.type === 'aws_wafv2_rule_group');
  if (!ruleGroup) throw new Error(`terraform apply created no rule group for ${props.name}`);
  const webAcl = resources.find((r) => r.type === 'aws_wafv2_web_acl');
  return {
    provisioned: {
      region,
      resources,
      ruleGroupArn: ruleGroup.arn,
      ...(webAcl ? { webAclArn: webAcl.arn } : {}),
    },
    workspace,
  };
}

/**
 * What `npm run demo` and `npm run sandbox` use: Terraform when it is installed, so that what a
 * newcomer sees is what Terraform built; MAINTENANCE_SANDBOX_PROVISIONER=synthesized forces the
 * fallback.
 */
export function defaultProvisioner(installed: () => boolean): Provisioner {
  const forced = process.env['MAINTENANCE_SANDBOX_PROVISIONER'];
  if (forced === 'terraform' || forced === 'synthesized') return forced;
  return installed() ? 'terraform' : 'synthesized';
}
