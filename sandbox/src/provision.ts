// Provisions an environment into the WAFv2 emulator the way `terraform apply` would: the module's
// synthesized Terraform JSON, translated to API requests, sent through the real SDK, with each
// `${aws_wafv2_*.x.arn}` reference resolved to what the emulator created.
import {
  CreateIPSetCommand,
  CreateRegexPatternSetCommand,
  CreateRuleGroupCommand,
  CreateWebACLCommand,
  type WAFV2Client,
} from '@aws-sdk/client-wafv2';
import {
  toCreateIpSet,
  toCreateRegexPatternSet,
  toCreateRuleGroup,
  toCreateWebAcl,
  TerraformTranslationError,
  wafResources,
  type ReferenceResolver,
  type TerraformResource,
} from './edge/terraform-to-api.js';
import { wafClientFor } from './edge/waf-client.js';
import { errorMessage } from '@maintenance-action/contract';

export interface ProvisionedResource {
  readonly type: string;
  readonly logicalId: string;
  readonly name: string;
  readonly id: string;
  readonly arn: string;
}

export interface ProvisionedEnvironment {
  readonly region: string;
  readonly resources: readonly ProvisionedResource[];
  /** The rule group the module created (exactly one). */
  readonly ruleGroupArn: string;
  /** The module's web ACL, when it created one. */
  readonly webAclArn?: string;
}

export async function provisionSynthesized(
  synthesized: unknown,
  target: { readonly endpoint: string; readonly region: string },
): Promise<ProvisionedEnvironment> {
  const client = wafClientFor(target.endpoint, target.region);
  const created: ProvisionedResource[] = [];
  const resolve = (type: string, logicalId: string, attribute: string): string => {
    const found = created.find((r) => r.type === type && r.logicalId === logicalId);
    const value = found && { arn: found.arn, id: found.id, name: found.name }[attribute];
    if (value === undefined)
      throw new TerraformTranslationError(
        `${type}.${logicalId}.${attribute}`,
        'reference to a resource not created before it',
      );
    return value;
  };
  try {
    for (const resource of wafResources(synthesized))
      created.push(await create(client, resource, resolve));
  } finally {
    client.destroy();
  }
  const only = (type: string) => created.filter((r) => r.type === type);
  const [ruleGroup, ...more] = only('aws_wafv2_rule_group');
  if (!ruleGroup || more.length > 0)
    throw new Error(
      `expected one aws_wafv2_rule_group in the synthesized stack, found ${only('aws_wafv2_rule_group').length}`,
    );
  const webAcl = only('aws_wafv2_web_acl')[0];
  return {
    region: target.region,
    resources: created,
    ruleGroupArn: ruleGroup.arn,
    ...(webAcl ? { webAclArn: webAcl.arn } : {}),
  };
}

async function create(
  client: WAFV2Client,
  resource: TerraformResource,
  resolve: ReferenceResolver,
): Promise<ProvisionedResource> {
  const output = await send(client, resource, resolve).catch((error: unknown) => {
    const name = typeof resource.body['name'] === 'string' ? ` (${resource.body['name']})` : '';
    throw new Error(`${resource.type}.${resource.logicalId}${name}: ${errorMessage(error)}`, {
      cause: error,
    });
  });
  const { Name, Id, ARN } = output.Summary ?? {};
  if (!Name || !Id || !ARN)
    throw new Error(`${resource.type}.${resource.logicalId}: the create call returned no summary`);
  return { type: resource.type, logicalId: resource.logicalId, name: Name, id: Id, arn: ARN };
}

async function send(client: WAFV2Client, resource: TerraformResource, resolve: ReferenceResolver) {
  switch (resource.type) {
    case 'aws_wafv2_ip_set':
      return client.send(new CreateIPSetCommand(toCreateIpSet(resource, resolve)));
    case 'aws_wafv2_regex_pattern_set':
      return client.send(
        new CreateRegexPatternSetCommand(toCreateRegexPatternSet(resource, resolve)),
      );
    case 'aws_wafv2_rule_group':
      return client.send(new CreateRuleGroupCommand(toCreateRuleGroup(resource, resolve)));
    default:
      return client.send(new CreateWebACLCommand(toCreateWebAcl(resource, resolve)));
  }
}
