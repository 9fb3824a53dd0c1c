// cdktf: keep your own web ACL and put the maintenance rule group first in it.
//   npx tsx terraform/examples/existing-web-acl-cdktf/main.ts   (writes cdktf.out/)

import { pathToFileURL } from 'node:url';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl/index.js';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { MaintenanceWaf, maintenanceRuleReference } from '../../src/index.js';

export class ShopFirewallStack extends TerraformStack {
  readonly firewall: Wafv2WebAcl;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });

    const maintenance = new MaintenanceWaf(this, 'maintenance', {
      name: 'shop-prod',
      scope: 'REGIONAL',
      createWebAcl: false,
      github: { repository: 'org/shop', environments: ['production'] },
    });

    this.firewall = new Wafv2WebAcl(this, 'firewall', {
      name: 'shop-prod-firewall',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: [
        // Priority 0: maintenance first. It never Allows, so the rules below still see testers.
        maintenanceRuleReference('shop-prod', maintenance.ruleGroup.arn),
        {
          name: 'aws-common-rules',
          priority: 10,
          overrideAction: { none: {} },
          statement: {
            managed_rule_group_statement: {
              name: 'AWSManagedRulesCommonRuleSet',
              vendor_name: 'AWS',
            },
          },
          visibilityConfig: {
            cloudwatchMetricsEnabled: true,
            metricName: 'aws-common-rules',
            sampledRequestsEnabled: true,
          },
        },
      ],
      visibilityConfig: {
        cloudwatchMetricsEnabled: true,
        metricName: 'shop-prod-firewall',
        sampledRequestsEnabled: true,
      },
    });
    new TerraformOutput(this, 'firewall_arn', { value: this.firewall.arn });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const app = new App();
  new ShopFirewallStack(app, 'shop-firewall');
  app.synth();
}
