// Terraform JSON -> WAFv2 API shape: what `terraform apply` would send for the module's resources.
import {
  toCreateRegexPatternSet,
  toCreateRuleGroup,
  toCreateWebAcl,
  wafResources,
  type TerraformResource,
} from '@maintenance-action/sandbox/edge/terraform-to-api.js';

const ARNS: Record<string, string> = {
  'aws_wafv2_ip_set.active.arn':
    'arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/n-active-ipv4/1',
  'aws_wafv2_regex_pattern_set.bypass.arn':
    'arn:aws:wafv2:eu-west-1:123456789012:regional/regexpatternset/n-bypass/3',
  'aws_wafv2_rule_group.group.arn':
    'arn:aws:wafv2:eu-west-1:123456789012:regional/rulegroup/n-maintenance/2',
};
const resolve = (type: string, id: string, attribute: string) => {
  const value = ARNS[`${type}.${id}.${attribute}`];
  if (!value) throw new Error(`unresolved ${type}.${id}.${attribute}`);
  return value;
};

const ruleGroup = (rule: unknown, extra: Record<string, unknown> = {}): TerraformResource => ({
  type: 'aws_wafv2_rule_group',
  logicalId: 'group',
  body: {
    name: 'n-maintenance',
    scope: 'REGIONAL',
    capacity: 10,
    lifecycle: { create_before_destroy: true },
    visibility_config: {
      cloudwatch_metrics_enabled: true,
      metric_name: 'n',
      sampled_requests_enabled: true,
    },
    rule: [rule],
    ...extra,
  },
});

const blockRule = (statement: unknown) => ({
  name: 'n-page',
  priority: 1,
  action: {
    block: {
      custom_response: {
        response_code: 503,
        custom_response_body_key: 'page',
        response_header: [{ name: 'x-maintenance-mode', value: 'on' }],
      },
    },
  },
  statement,
  visibility_config: {
    cloudwatch_metrics_enabled: false,
    metric_name: 'n-page',
    sampled_requests_enabled: false,
  },
});

describe('rule group translation', () => {
  const statement = {
    and_statement: {
      statement: [
        { ip_set_reference_statement: { arn: '${aws_wafv2_ip_set.active.arn}' } },
        {
          not_statement: {
            statement: [
              {
                byte_match_statement: {
                  field_to_match: { single_header: { name: 'accept' } },
                  positional_constraint: 'CONTAINS',
                  search_string: 'text/html',
                  text_transformation: [{ priority: 0, type: 'LOWERCASE' }],
                },
              },
            ],
          },
        },
      ],
    },
  };
  const input = toCreateRuleGroup(
    ruleGroup(blockRule(statement), {
      custom_response_body: [
        { key: 'page', content_type: 'TEXT_HTML', content: '<p>$${x} 100%%{y}</p>' },
      ],
    }),
    resolve,
  );

  it('renames to the API members, lists where the API has lists, and resolves ARNs', () => {
    const rule = input.Rules?.[0];
    expect(rule?.Name).toBe('n-page');
    expect(rule?.VisibilityConfig).toEqual({
      CloudWatchMetricsEnabled: false,
      MetricName: 'n-page',
      SampledRequestsEnabled: false,
    });
    expect(rule?.Action).toEqual({
      Block: {
        CustomResponse: {
          ResponseCode: 503,
          CustomResponseBodyKey: 'page',
          ResponseHeaders: [{ Name: 'x-maintenance-mode', Value: 'on' }],
        },
      },
    });
    const [ipSet, not] = rule?.Statement?.AndStatement?.Statements ?? [];
    expect(ipSet).toEqual({
      IPSetReferenceStatement: { ARN: ARNS['aws_wafv2_ip_set.active.arn'] },
    });
    const byteMatch = not?.NotStatement?.Statement?.ByteMatchStatement;
    expect(byteMatch?.FieldToMatch).toEqual({ SingleHeader: { Name: 'accept' } });
    expect(byteMatch?.TextTransformations).toEqual([{ Priority: 0, Type: 'LOWERCASE' }]);
    expect(Buffer.from(byteMatch?.SearchString ?? new Uint8Array()).toString()).toBe('text/html');
  });

  it('keys custom response bodies by key and undoes Terraform’s template escapes', () => {
    expect(input.CustomResponseBodies).toEqual({
      page: { ContentType: 'TEXT_HTML', Content: '<p>${x} 100%{y}</p>' },
    });
  });

  it('leaves Terraform meta-arguments out of the request', () => {
    expect(input).not.toHaveProperty('Lifecycle');
    expect(input.Capacity).toBe(10);
  });

  it('refuses an expression it cannot evaluate', () => {
    const templated = ruleGroup(
      blockRule({ ip_set_reference_statement: { arn: '${var.set_arn}' } }),
    );
    expect(() => toCreateRuleGroup(templated, resolve)).toThrow(
      /aws_wafv2_rule_group\.group\.rule\[0\]\.statement\.ip_set_reference_statement\.arn: cannot evaluate/,
    );
  });

  it('refuses dynamic blocks', () => {
    const dynamic = ruleGroup(
      blockRule({ and_statement: { statement: [], dynamic: { statement: {} } } }),
    );
    expect(() => toCreateRuleGroup(dynamic, resolve)).toThrow(/dynamic blocks/);
  });
});

describe('bypass translation', () => {
  it('turns the regex pattern set’s regular_expression blocks into RegularExpressionList', () => {
    const set: TerraformResource = {
      type: 'aws_wafv2_regex_pattern_set',
      logicalId: 'bypass',
      body: {
        name: 'n-bypass',
        scope: 'REGIONAL',
        regular_expression: [{ regex_string: '^mb1-x$' }],
        lifecycle: { ignore_changes: ['regular_expression'] },
      },
    };
    expect(toCreateRegexPatternSet(set, resolve)).toEqual({
      Name: 'n-bypass',
      Scope: 'REGIONAL',
      RegularExpressionList: [{ RegexString: '^mb1-x$' }],
    });
    const empty = { ...set, body: { ...set.body, regular_expression: [] } };
    expect(toCreateRegexPatternSet(empty, resolve).RegularExpressionList).toEqual([]);
  });

  it('translates a Count rule with a label, a cookie regex reference and a label match', () => {
    const rule = {
      name: 'n-bypass',
      priority: 0,
      action: { count: {} },
      rule_label: [{ name: 'maintenance:bypass' }],
      statement: {
        or_statement: {
          statement: [
            {
              regex_pattern_set_reference_statement: {
                arn: '${aws_wafv2_regex_pattern_set.bypass.arn}',
                field_to_match: {
                  cookies: {
                    match_pattern: { included_cookies: ['maintenance_bypass'] },
                    match_scope: 'VALUE',
                    oversize_handling: 'CONTINUE',
                  },
                },
                text_transformation: [{ priority: 0, type: 'NONE' }],
              },
            },
            { label_match_statement: { scope: 'LABEL', key: 'maintenance:bypass' } },
          ],
        },
      },
      visibility_config: {
        cloudwatch_metrics_enabled: true,
        metric_name: 'n-bypass',
        sampled_requests_enabled: true,
      },
    };
    const [translated] = toCreateRuleGroup(ruleGroup(rule), resolve).Rules!;
    expect(translated!.Action).toEqual({ Count: {} });
    expect(translated!.RuleLabels).toEqual([{ Name: 'maintenance:bypass' }]);
    expect(translated!.Statement).toEqual({
      OrStatement: {
        Statements: [
          {
            RegexPatternSetReferenceStatement: {
              ARN: 'arn:aws:wafv2:eu-west-1:123456789012:regional/regexpatternset/n-bypass/3',
              FieldToMatch: {
                Cookies: {
                  MatchPattern: { IncludedCookies: ['maintenance_bypass'] },
                  MatchScope: 'VALUE',
                  OversizeHandling: 'CONTINUE',
                },
              },
              TextTransformations: [{ Priority: 0, Type: 'NONE' }],
            },
          },
          { LabelMatchStatement: { Scope: 'LABEL', Key: 'maintenance:bypass' } },
        ],
      },
    });
  });
});

describe('web ACL translation', () => {
  it('translates the rule group reference, override action and default action', () => {
    const input = toCreateWebAcl(
      {
        type: 'aws_wafv2_web_acl',
        logicalId: 'acl',
        body: {
          name: 'n',
          scope: 'REGIONAL',
          default_action: { allow: {} },
          rule: [
            {
              name: 'n-maintenance',
              priority: 0,
              override_action: { none: {} },
              statement: {
                rule_group_reference_statement: { arn: '${aws_wafv2_rule_group.group.arn}' },
              },
            },
          ],
        },
      },
      resolve,
    );
    expect(input.DefaultAction).toEqual({ Allow: {} });
    expect(input.Rules?.[0]?.OverrideAction).toEqual({ None: {} });
    expect(input.Rules?.[0]?.Statement).toEqual({
      RuleGroupReferenceStatement: { ARN: ARNS['aws_wafv2_rule_group.group.arn'] },
    });
  });
});

describe('wafResources', () => {
  it('orders sets before rule groups before web ACLs, skips count = 0 and non-WAF resources', () => {
    const stack = {
      resource: {
        aws_wafv2_web_acl: { acl: { count: 0 } },
        aws_wafv2_rule_group: { group: {} },
        aws_wafv2_regex_pattern_set: { bypass: {} },
        aws_iam_role: { role: {} },
        aws_wafv2_ip_set: { a: {}, b: { count: 1 } },
      },
    };
    expect(wafResources(stack).map((r) => `${r.type}.${r.logicalId}`)).toEqual([
      'aws_wafv2_ip_set.a',
      'aws_wafv2_ip_set.b',
      'aws_wafv2_regex_pattern_set.bypass',
      'aws_wafv2_rule_group.group',
    ]);
  });

  it('refuses a count decided by an expression', () => {
    const stack = { resource: { aws_wafv2_web_acl: { acl: { count: '${var.create ? 1 : 0}' } } } };
    expect(() => wafResources(stack)).toThrow(
      /aws_wafv2_web_acl\.acl\.count: only a literal count/,
    );
  });
});
