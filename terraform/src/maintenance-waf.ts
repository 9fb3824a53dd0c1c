// MaintenanceWaf: everything one environment needs. Terraform owns this structure; the action only
// ever changes the contents (and the active-ipv4 description) of the four IP sets, and the
// regular expressions (bypass tokens) of the bypass regex pattern set.

import { Wafv2IpSet } from '@cdktf/provider-aws/lib/wafv2-ip-set/index.js';
import { Wafv2RegexPatternSet } from '@cdktf/provider-aws/lib/wafv2-regex-pattern-set/index.js';
import type { Wafv2RuleGroup } from '@cdktf/provider-aws/lib/wafv2-rule-group/index.js';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association/index.js';
import { Fn, Op, TerraformOutput, Token, type Precondition } from 'cdktf';
import { Construct } from 'constructs';
import {
  BYPASS_SET_ROLE,
  CLOUDFRONT_REGION,
  familyOf,
  SET_ROLES,
  setName,
  type SetRole,
} from '@maintenance-action/contract';
import { declarePermissionsPolicy, GithubActionRole } from './action-access.js';
import { configEntry } from './config-entry.js';
import { declareRuleGroup } from './maintenance-rule-group.js';
import { declareWebAcl } from './maintenance-web-acl.js';
import { bothOn, isNotNull, Optional } from './optional.js';
import type { MaintenanceWafProps, Switch } from './props.js';
import {
  DEFAULT_RETRY_AFTER_SECONDS,
  DEFAULT_STATUS_CODE,
  defaultApiBody,
  defaultMaintenancePage,
} from './responses.js';
import { terraformLiteral } from './terraform-literal.js';
import { DEFAULT_ROLE_NAME_SUFFIX } from './rules/variable-rules.js';
import { validateProps } from './validate-props.js';

/** The region field of an ARN (arn:partition:service:region:account:resource). */
function arnRegion(arn: string): string {
  return Token.asString(Fn.element(Fn.split(':', arn), 3));
}

/** Attributes of an IP set that the action writes, so `terraform apply` leaves them alone. */
const IGNORED_BY_TERRAFORM = ['addresses', 'description'];

export class MaintenanceWaf extends Construct {
  /** The four IP sets, by role. */
  readonly ipSets: Readonly<Record<SetRole, Wafv2IpSet>>;
  /** The regex pattern set `N-bypass`: one regular expression per live bypass token. */
  readonly bypassSet: Wafv2RegexPatternSet;
  readonly ruleGroup: Wafv2RuleGroup;
  /** ARN of the web ACL `N`; undefined when createWebAcl is false. */
  readonly webAclArn: string | undefined;
  /** ARN of the GitHub OIDC role; undefined without `github`. */
  readonly roleArn: string | undefined;
  /** The action's IAM permissions policy as JSON, to attach to a role of your own. */
  readonly actionPolicyJson: string;
  /** The region the action must call: us-east-1 for CLOUDFRONT, the provider's region otherwise. */
  readonly region: string;
  /** A ready-to-paste `environments:` entry for .github/maintenance.yml. */
  readonly configEntry: string;

  constructor(scope: Construct, id: string, props: MaintenanceWafProps) {
    super(scope, id);
    validateProps(props, `MaintenanceWaf "${this.node.path}"`);
    const { name, tags } = props;
    const retryAfterSeconds = props.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;

    this.ipSets = Object.fromEntries(
      SET_ROLES.map((role) => [
        role,
        new Wafv2IpSet(this, role, {
          name: setName(name, role),
          description:
            'maintenance-action switch: contents are managed by the action, not Terraform',
          scope: props.scope,
          ipAddressVersion: familyOf(role),
          addresses: [],
          // The action owns the contents and writes window metadata into the description.
          lifecycle: { ignoreChanges: IGNORED_BY_TERRAFORM },
          ...(tags !== undefined ? { tags } : {}),
        }),
      ]),
    ) as Record<SetRole, Wafv2IpSet>;
    const setArns = Object.fromEntries(
      SET_ROLES.map((role) => [role, this.ipSets[role].arn]),
    ) as Record<SetRole, string>;
    this.setsRegion = arnRegion(setArns['active-ipv4']);
    this.region = this.actionRegion(props);
    this.bypassSet = new Wafv2RegexPatternSet(this, BYPASS_SET_ROLE, {
      name: setName(name, BYPASS_SET_ROLE),
      description: 'maintenance-action bypass tokens: contents are managed by the action',
      scope: props.scope,
      // Empty until allowlist-on issues a token; the action owns the entries, an apply keeps them.
      regularExpression: [],
      lifecycle: { ignoreChanges: ['regular_expression'] },
      ...(tags !== undefined ? { tags } : {}),
    });

    const prefixes = props.reachablePathPrefixes ?? [];
    this.ruleGroup = declareRuleGroup(this, {
      name,
      scope: props.scope,
      setArns,
      bypassSetArn: this.bypassSet.arn,
      reachablePathPrefixes: Token.isUnresolved(prefixes)
        ? { expression: prefixes }
        : prefixes.map(terraformLiteral),
      retryAfterSeconds,
      statusCode: props.statusCode ?? DEFAULT_STATUS_CODE,
      apiBody: terraformLiteral(props.apiResponseJson ?? defaultApiBody(retryAfterSeconds)),
      pageBody: terraformLiteral(
        props.maintenancePageHtml ?? defaultMaintenancePage(retryAfterSeconds),
      ),
      tags,
      preconditions: this.planTimeChecks(props),
    });

    const createWebAcl = props.createWebAcl ?? true;
    const webAcl = Optional.declare(createWebAcl, (count) =>
      declareWebAcl(this, {
        name,
        scope: props.scope,
        ruleGroupArn: this.ruleGroup.arn,
        tags,
        count,
      }),
    );
    this.webAclArn = webAcl.attribute('arn');
    const resourceArn = props.associatedResourceArn;
    Optional.declare(bothOn(createWebAcl, this.isSet(resourceArn)), (count) => {
      return new Wafv2WebAclAssociation(this, 'association', {
        resourceArn: resourceArn!,
        webAclArn: webAcl.attribute('arn')!,
        ...(count !== undefined ? { count } : {}),
      });
    });

    const permissions = declarePermissionsPolicy(this, {
      setArns: { ...setArns, [BYPASS_SET_ROLE]: this.bypassSet.arn },
      region: this.region,
      webAcl: this.webAclToRead(createWebAcl),
    });
    this.actionPolicyJson = permissions.json;
    this.roleArn =
      props.github === undefined
        ? undefined
        : new GithubActionRole(this, 'github', {
            ...props.github,
            repository: terraformLiteral(props.github.repository),
            environments: Token.isUnresolved(props.github.environments)
              ? props.github.environments
              : props.github.environments.map(terraformLiteral),
            roleName: props.github.roleName ?? `${name}${DEFAULT_ROLE_NAME_SUFFIX}`,
            permissionsJson: permissions.json,
            tags,
          }).roleArn;

    this.configEntry = configEntry({
      key: props.configKey ?? props.github?.environments[0] ?? name,
      name,
      scope: props.scope,
      region: this.region,
      setIds: Object.fromEntries(SET_ROLES.map((role) => [role, this.ipSets[role].id])) as Record<
        SetRole,
        string
      >,
      bypassSetId: this.bypassSet.id,
      webAcl: { create: createWebAcl, id: webAcl.attribute('id') },
    });
    this.declareOutputs(props.outputPrefix ?? '');
  }

  /**
   * The web ACL the action may read (GetWebACL): the module's own, or without it every web ACL
   * of the rule group's account, region and scope (`.../webacl/*\/*`, from the rule group's ARN).
   */
  private webAclToRead(createWebAcl: Switch): string {
    const anyInScope = Fn.replace(this.ruleGroup.arn, '//rulegroup/.*$/', '/webacl/*/*');
    if (createWebAcl === false) return anyInScope;
    if (createWebAcl === true) return this.webAclArn!;
    return Token.asString(Fn.conditional(createWebAcl, this.webAclArn!, anyInScope));
  }

  /**
   * The region Terraform created the sets in, read from an IP set's ARN: `data.aws_region` has no
   * attribute that works on both provider majors (`region` is 6.x only, `name` is deprecated in 6.x).
   */
  private readonly setsRegion: string;

  private actionRegion(props: MaintenanceWafProps): string {
    if (props.scope === 'CLOUDFRONT') return CLOUDFRONT_REGION;
    if (!Token.isUnresolved(props.scope)) return this.setsRegion;
    return Token.asString(
      Fn.conditional(Op.eq(props.scope, 'CLOUDFRONT'), CLOUDFRONT_REGION, this.setsRegion),
    );
  }

  /** A literal says whether an optional value is there; an expression is tested against null. */
  private isSet(value: string | undefined): Switch {
    if (value === undefined) return false;
    return Token.isUnresolved(value) ? isNotNull(value) : true;
  }

  /** What validateProps cannot see: the sets' region, and combinations of Terraform variables. */
  private planTimeChecks(props: MaintenanceWafProps): Precondition[] {
    return [...this.cloudfrontRegionCheck(props), ...this.associationChecks(props)];
  }

  /** WAF for CloudFront exists only in us-east-1: a provider elsewhere would fail mid-apply. */
  private cloudfrontRegionCheck(props: MaintenanceWafProps): Precondition[] {
    if (props.scope === 'REGIONAL') return [];
    const inUsEast1 = Op.eq(this.setsRegion, CLOUDFRONT_REGION);
    return [
      {
        condition:
          props.scope === 'CLOUDFRONT'
            ? inUsEast1
            : Op.or(Op.neq(props.scope, 'CLOUDFRONT'), inUsEast1),
        errorMessage:
          'Scope CLOUDFRONT needs the aws provider in us-east-1: WAF keeps CloudFront web ACLs, rule groups and IP sets there.',
      },
    ];
  }

  /** Combinations validateProps cannot see because they depend on Terraform variables. */
  private associationChecks(props: MaintenanceWafProps): Precondition[] {
    const arn = props.associatedResourceArn;
    if (arn === undefined || !Token.isUnresolved(arn)) return [];
    return [
      {
        condition: Op.not(Op.and(Op.eq(props.scope, 'CLOUDFRONT'), isNotNull(arn))),
        errorMessage:
          "associated_resource_arn cannot be used with scope CLOUDFRONT: set the distribution's web_acl_id to the web_acl_arn output instead.",
      },
      {
        condition: Op.not(Op.and(isNotNull(arn), Op.not(props.createWebAcl ?? true))),
        errorMessage:
          'associated_resource_arn needs the web ACL: it cannot be set with create_web_acl = false.',
      },
    ];
  }

  private declareOutputs(prefix: string): void {
    const outputs: Record<string, [string | undefined, string]> = {};
    for (const role of SET_ROLES) {
      const key = role.replace('-', '_');
      const set = this.ipSets[role];
      outputs[`${key}_name`] = [set.name, `Name of the ${role} IP set`];
      outputs[`${key}_id`] = [set.id, `Id of the ${role} IP set`];
      outputs[`${key}_arn`] = [set.arn, `ARN of the ${role} IP set`];
    }
    outputs['bypass_name'] = [this.bypassSet.name, 'Name of the bypass regex pattern set'];
    outputs['bypass_id'] = [this.bypassSet.id, 'Id of the bypass regex pattern set'];
    outputs['bypass_arn'] = [this.bypassSet.arn, 'ARN of the bypass regex pattern set'];
    outputs['rule_group_arn'] = [
      this.ruleGroup.arn,
      'ARN of the maintenance rule group, to reference at priority 0 from your own web ACL',
    ];
    outputs['web_acl_arn'] = [
      this.webAclArn,
      'ARN of the web ACL (null without it); a CloudFront distribution takes it as web_acl_id',
    ];
    outputs['role_arn'] = [
      this.roleArn,
      'ARN of the role for aws-actions/configure-aws-credentials (null without it)',
    ];
    outputs['action_policy_json'] = [
      this.actionPolicyJson,
      'IAM policy with exactly the permissions the action needs',
    ];
    outputs['region'] = [this.region, 'Region the action calls'];
    outputs['config_entry'] = [
      this.configEntry,
      'Entry to paste under environments: in .github/maintenance.yml',
    ];
    for (const [key, [value, description]] of Object.entries(outputs)) {
      if (value === undefined) continue;
      new TerraformOutput(this, `output-${key}`, { value, description }).overrideLogicalId(
        `${prefix}${key}`,
      );
    }
  }
}
