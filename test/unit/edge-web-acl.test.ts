// Web ACL evaluation: priority order, terminating and non-terminating actions, rule group
// references with overrides, custom responses exactly as WAF sends them, default action.
import type { Rule, RuleGroup, Statement, WebACL } from '@aws-sdk/client-wafv2';
import { evaluateWebAcl } from '@maintenance-action/sandbox/edge/web-acl-evaluation.js';

const VISIBILITY = {
  SampledRequestsEnabled: false,
  CloudWatchMetricsEnabled: false,
  MetricName: 'm',
};
const IP_SETS = new Map([
  ['arn:testers', { addresses: ['203.0.113.0/24'] }],
  ['arn:everyone', { addresses: ['0.0.0.0/1', '128.0.0.0/1'] }],
]);
const inSet = (arn: string): Statement => ({ IPSetReferenceStatement: { ARN: arn } });

const blockWithPage: Rule = {
  Name: 'page',
  Priority: 1,
  Statement: inSet('arn:everyone'),
  Action: {
    Block: {
      CustomResponse: {
        ResponseCode: 503,
        CustomResponseBodyKey: 'page',
        ResponseHeaders: [
          { Name: 'Retry-After', Value: '300' },
          { Name: 'x-maintenance-mode', Value: 'on' },
        ],
      },
    },
  },
  VisibilityConfig: VISIBILITY,
};
const countTesters: Rule = {
  Name: 'count-testers',
  Priority: 0,
  Statement: inSet('arn:testers'),
  Action: { Count: {} },
  VisibilityConfig: VISIBILITY,
};

const GROUP_ARN = 'arn:group';
const group: RuleGroup = {
  Name: 'group',
  Id: 'g',
  ARN: GROUP_ARN,
  Capacity: 10,
  VisibilityConfig: VISIBILITY,
  // Deliberately out of order: priority decides, not position.
  Rules: [blockWithPage, countTesters],
  CustomResponseBodies: { page: { ContentType: 'TEXT_HTML', Content: '<h1>Back soon</h1>' } },
};

function aclReferencingGroup(override: Partial<Rule> = {}, rules: Rule[] = []): WebACL {
  return {
    Name: 'acl',
    Id: 'a',
    ARN: 'arn:acl',
    DefaultAction: { Allow: {} },
    VisibilityConfig: VISIBILITY,
    Rules: [
      {
        Name: 'maintenance',
        Priority: 0,
        Statement: { RuleGroupReferenceStatement: { ARN: GROUP_ARN } },
        OverrideAction: { None: {} },
        VisibilityConfig: VISIBILITY,
        ...override,
      },
      ...rules,
    ],
  };
}

const evaluate = (acl: WebACL, clientIp = '203.0.113.7', groups = new Map([[GROUP_ARN, group]])) =>
  evaluateWebAcl(acl, groups, {
    request: { clientIp, method: 'GET', uriPath: '/', headers: {} },
    ipSets: IP_SETS,
  });

describe('web ACL evaluation', () => {
  it('blocks with the custom response: status, the group body with its content type, headers as configured', () => {
    const verdict = evaluate(aclReferencingGroup());
    expect(verdict.action).toBe('BLOCK');
    expect(verdict.terminatingRule).toBe('group/page');
    expect(verdict.response).toEqual({
      status: 503,
      headers: [
        ['content-type', 'text/html'],
        ['Retry-After', '300'],
        ['x-maintenance-mode', 'on'],
      ],
      body: '<h1>Back soon</h1>',
    });
  });

  it('runs rules in priority order and lets Count continue', () => {
    expect(evaluate(aclReferencingGroup()).counted).toEqual(['group/count-testers']);
    expect(evaluate(aclReferencingGroup(), '198.51.100.1').counted).toEqual([]);
  });

  it('falls through to the default action when nothing terminates', () => {
    const verdict = evaluate(aclReferencingGroup(), '2001:db8::1');
    expect(verdict).toEqual({
      action: 'ALLOW',
      terminatingRule: 'Default_Action',
      counted: [],
      labels: [],
    });
  });

  it('an Allow rule before the group ends evaluation', () => {
    const allowTesters: Rule = { ...countTesters, Name: 'allow-testers', Action: { Allow: {} } };
    const acl = aclReferencingGroup({ Priority: 5 }, [allowTesters]);
    expect(evaluate(acl).terminatingRule).toBe('acl/allow-testers');
    expect(evaluate(acl, '198.51.100.1').action).toBe('BLOCK');
  });

  it('OverrideAction Count turns the group into a dry run', () => {
    const verdict = evaluate(aclReferencingGroup({ OverrideAction: { Count: {} } }));
    expect(verdict.action).toBe('ALLOW');
    expect(verdict.counted).toEqual(['group/count-testers', 'group/page']);
  });

  it('a rule action override replaces one rule’s action', () => {
    const acl = aclReferencingGroup({
      Statement: {
        RuleGroupReferenceStatement: {
          ARN: GROUP_ARN,
          RuleActionOverrides: [{ Name: 'page', ActionToUse: { Count: {} } }],
        },
      },
    });
    expect(evaluate(acl).action).toBe('ALLOW');
  });

  it('a Block without a custom response is WAF’s default 403', () => {
    const acl: WebACL = { ...aclReferencingGroup(), Rules: [], DefaultAction: { Block: {} } };
    const verdict = evaluate(acl);
    expect(verdict.terminatingRule).toBe('Default_Action');
    expect(verdict.response?.status).toBe(403);
  });

  it('refuses actions it cannot reproduce rather than letting the request through', () => {
    const captcha: RuleGroup = { ...group, Rules: [{ ...blockWithPage, Action: { Captcha: {} } }] };
    expect(() =>
      evaluate(aclReferencingGroup(), '203.0.113.7', new Map([[GROUP_ARN, captcha]])),
    ).toThrow(/rule action Captcha/);
  });

  it('refuses a body key the group does not define', () => {
    const noBodies: RuleGroup = { ...group, CustomResponseBodies: {} };
    expect(() =>
      evaluate(aclReferencingGroup(), '203.0.113.7', new Map([[GROUP_ARN, noBodies]])),
    ).toThrow(/CustomResponseBodyKey page/);
  });

  it('refuses a reference to a rule group it was not given', () => {
    expect(() => evaluate(aclReferencingGroup(), '203.0.113.7', new Map())).toThrow(
      /rule group arn:group/,
    );
  });
});
