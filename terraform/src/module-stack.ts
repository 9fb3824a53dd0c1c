// The plain-Terraform rendering of MaintenanceWaf: the construct fed with module variables. Its
// synthesized JSON is committed as terraform/module/main.tf.json by scripts/render.ts.

import { Fn, TerraformLocal, TerraformStack, Token, type TerraformElement } from 'cdktf';
import type { Construct, Node } from 'constructs';
import type { Scope } from '@maintenance-action/contract';
import { MaintenanceWaf } from './maintenance-waf.js';
import { bothOn, isNotNull, isNull } from './optional.js';
import { declareModuleVariables } from './module-variables.js';
import { defaultApiBody, defaultMaintenancePage } from './responses.js';
import { terraformLiteral } from './terraform-literal.js';
import { DEFAULT_ROLE_NAME_SUFFIX } from './rules/variable-rules.js';

export const MODULE_CONSTRUCT_ID = 'maintenance';
export const AWS_PROVIDER_CONSTRAINT = '>= 5.0, < 7.0';
export const TERRAFORM_CONSTRAINT = '>= 1.5';

export class MaintenanceModuleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const v = declareModuleVariables(this);
    const retryAfter = v.retryAfterSeconds.numberValue;
    const repository = v.githubRepository.stringValue;
    const oidcProviderArn = v.githubOidcProviderArn.stringValue;
    const withRole = isNotNull(repository);
    const defaultPage = new TerraformLocal(
      this,
      'default_maintenance_page',
      // Escaped like any literal body; the retry token stays an expression.
      terraformLiteral(defaultMaintenancePage(retryAfter)),
    );
    const defaultJson = new TerraformLocal(
      this,
      'default_api_response',
      terraformLiteral(defaultApiBody(retryAfter)),
    );

    new MaintenanceWaf(this, MODULE_CONSTRUCT_ID, {
      name: v.name.stringValue,
      scope: v.scope.stringValue as Scope,
      retryAfterSeconds: retryAfter,
      statusCode: v.statusCode.numberValue,
      maintenancePageHtml: Token.asString(
        Fn.coalesce([v.maintenancePageHtml.stringValue, defaultPage.asString]),
      ),
      apiResponseJson: Token.asString(
        Fn.coalesce([v.apiResponseJson.stringValue, defaultJson.asString]),
      ),
      reachablePathPrefixes: v.reachablePathPrefixes.listValue,
      createWebAcl: v.createWebAcl.booleanValue,
      associatedResourceArn: v.associatedResourceArn.stringValue,
      github: {
        repository,
        environments: v.githubEnvironments.listValue,
        oidcProviderArn,
        roleName: Token.asString(
          Fn.coalesce([
            v.githubRoleName.stringValue,
            `${v.name.stringValue}${DEFAULT_ROLE_NAME_SUFFIX}`,
          ]),
        ),
        create: withRole,
        createOidcProvider: bothOn(withRole, isNull(oidcProviderArn)),
      },
      configKey: Token.asString(
        Fn.coalesce([
          v.configKey.stringValue,
          Fn.conditional(
            withRole,
            Fn.element(v.githubEnvironments.listValue, 0),
            v.name.stringValue,
          ),
        ]),
      ),
      tags: Token.asStringMap(v.tags.value),
    });
    this.addOverride('terraform.required_version', TERRAFORM_CONSTRAINT);
    this.addOverride('terraform.required_providers', {
      aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_CONSTRAINT },
    });
  }

  /** Readable addresses (aws_wafv2_ip_set.maintenance_active_ipv4) instead of hashed ones. */
  protected override allocateLogicalId(element: TerraformElement | Node): string {
    const node = 'node' in element ? element.node : element;
    const path = node.scopes.slice(node.scopes.indexOf(this) + 1).map((c) => c.node.id);
    return path.join('_').replace(/-/g, '_');
  }
}
