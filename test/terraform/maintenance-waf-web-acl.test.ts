import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/domain/errors.js';
import { synthesizeMaintenanceWaf } from '../../terraform/src/index.js';
import { addressOf, blocksOf, onlyBlock, outputValue } from '../support/terraform-json.js';

const ALB =
  'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188';

describe('MaintenanceWaf web ACL', () => {
  it('creates web ACL N allowing by default, with the rule group as its first and only rule', () => {
    const json = synthesizeMaintenanceWaf({ name: 'shop', scope: 'CLOUDFRONT' });
    const acl = onlyBlock(json, 'resource', 'aws_wafv2_web_acl');
    expect(acl['name']).toBe('shop');
    expect(acl['scope']).toBe('CLOUDFRONT');
    expect(acl['default_action']).toEqual({ allow: {} });
    expect(acl['rule']).toEqual([
      {
        name: 'shop-maintenance',
        priority: 0,
        override_action: { none: {} },
        statement: {
          rule_group_reference_statement: {
            arn: `\${${addressOf(json, 'resource', 'aws_wafv2_rule_group')}.arn}`,
          },
        },
        visibility_config: {
          cloudwatch_metrics_enabled: true,
          metric_name: 'shop-maintenance',
          sampled_requests_enabled: true,
        },
      },
    ]);
    expect(outputValue(json, 'web_acl_arn')).toBe(
      `\${${addressOf(json, 'resource', 'aws_wafv2_web_acl')}.arn}`,
    );
    expect(blocksOf(json, 'resource', 'aws_wafv2_web_acl_association')).toEqual([]);
  });

  it('associates the web ACL with a regional resource when given its ARN', () => {
    const json = synthesizeMaintenanceWaf({
      name: 'shop',
      scope: 'REGIONAL',
      associatedResourceArn: ALB,
    });
    expect(onlyBlock(json, 'resource', 'aws_wafv2_web_acl_association')).toEqual({
      resource_arn: ALB,
      web_acl_arn: `\${${addressOf(json, 'resource', 'aws_wafv2_web_acl')}.arn}`,
    });
  });

  it('with createWebAcl: false leaves the web ACL to the team and still outputs the rule group ARN', () => {
    const json = synthesizeMaintenanceWaf({ name: 'shop', scope: 'REGIONAL', createWebAcl: false });
    expect(blocksOf(json, 'resource', 'aws_wafv2_web_acl')).toEqual([]);
    expect(outputValue(json, 'web_acl_arn')).toBeUndefined();
    expect(outputValue(json, 'rule_group_arn')).toBe(
      `\${${addressOf(json, 'resource', 'aws_wafv2_rule_group')}.arn}`,
    );
  });

  it('refuses a resource ARN with CLOUDFRONT at synth time and says to use the distribution web_acl_id', () => {
    const attempt = () =>
      synthesizeMaintenanceWaf({
        name: 'shop',
        scope: 'CLOUDFRONT',
        associatedResourceArn: 'arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE',
      });
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(
      /associatedResourceArn: cannot be used with scope CLOUDFRONT.*web_acl_id/,
    );
  });
});
