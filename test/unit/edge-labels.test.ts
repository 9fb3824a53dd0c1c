// Labels as WAF adds and matches them: a matching rule adds its RuleLabels in the namespace of
// the rule group (or web ACL) that defines it, whatever its action; a Count rule lets evaluation
// continue with the label on the request; a later LabelMatchStatement (LABEL or NAMESPACE scope)
// sees it, and a NOT around it exempts the labelled request. Examples from the AWS WAF Developer
// Guide, "Label match examples".
import type { Rule, RuleGroup, Statement, WebACL } from '@aws-sdk/client-wafv2';
import { matchesLabel } from '@maintenance-action/sandbox/edge/label-match.js';
import { evaluateWebAcl } from '@maintenance-action/sandbox/edge/web-acl-evaluation.js';

const ACL_NS = 'awswaf:111122223333:webacl:testWebACL:';
const GROUP_NS = 'awswaf:111122223333:rulegroup:productionRules:';

const label = (Key: string, labels: string[]) =>
  matchesLabel({ Scope: 'LABEL', Key }, { labels, namespace: ACL_NS }, 'test');
const namespace = (Key: string, labels: string[]) =>
  matchesLabel({ Scope: 'NAMESPACE', Key }, { labels, namespace: ACL_NS }, 'test');

describe('label match statement', () => {
  it('LABEL: a local key matches the label in the same context, with or without more namespaces', () => {
    expect(label('header:encoding:utf8', [`${ACL_NS}header:encoding:utf8`])).toBe(true);
    expect(label('header:encoding:utf8', [`${ACL_NS}testNS1:testNS2:header:encoding:utf8`])).toBe(
      true,
    );
  });

  it('LABEL: not a different label, nor the same label from another context', () => {
    expect(label('header:encoding:utf8', [`${ACL_NS}header:encoding2:utf8`])).toBe(false);
    expect(label('encoding:utf8', [`${ACL_NS}header:xencoding:utf8`])).toBe(false);
    expect(label('header:encoding:utf8', [`${GROUP_NS}header:encoding:utf8`])).toBe(false);
  });

  it('LABEL: a fully qualified key matches exactly that label from any context', () => {
    const key = `${GROUP_NS}header:encoding:utf8`;
    expect(label(key, [`${GROUP_NS}header:encoding:utf8`])).toBe(true);
    expect(label(key, [`${GROUP_NS}header:encoding:utf8x`])).toBe(false);
  });

  it('NAMESPACE: local keys match labels under that namespace of the same context', () => {
    expect(namespace('header:encoding:', [`${ACL_NS}header:encoding:utf8`])).toBe(true);
    expect(
      namespace('header:encoding:', ['awswaf:444455556666:webacl:testWebACL:header:encoding:utf8']),
    ).toBe(false);
    expect(
      namespace('header:encoding:', ['awswaf:managed:aws:managed-rule-set:header:encoding:utf8']),
    ).toBe(false);
  });

  it('NAMESPACE: a prefixed key matches every label under it, not a sibling namespace', () => {
    const key = 'awswaf:managed:aws:managed-rule-set:header:';
    expect(namespace(key, ['awswaf:managed:aws:managed-rule-set:header:encoding:unicode'])).toBe(
      true,
    );
    expect(namespace(key, ['awswaf:managed:aws:managed-rule-set:query:badstring'])).toBe(false);
  });

  it('refuses a local key without the rule’s namespace, and a key WAF would reject', () => {
    const local = { Scope: 'LABEL', Key: 'maintenance:bypass' } as const;
    expect(() => matchesLabel(local, { labels: [], namespace: undefined }, 't')).toThrow(
      /label namespace/,
    );
    expect(() => label('maintenance bypass', [])).toThrow(/label match key/);
  });
});

// The module's shape in miniature: a Count rule labels requests carrying the token, the blocking
// rule blocks everyone else (NOT label).
const VISIBILITY = {
  SampledRequestsEnabled: false,
  CloudWatchMetricsEnabled: false,
  MetricName: 'm',
};
const TOKEN = 'mb1-20261126T094300Z-Q2xhdWRlIHdhcyBoZXJlIGFuZCB0aGVyZQ';
const MAINTENANCE_NS = 'awswaf:123456789012:rulegroup:shop-maintenance:';
const carriesToken: Statement = {
  RegexPatternSetReferenceStatement: {
    ARN: 'arn:bypass',
    FieldToMatch: { SingleHeader: { Name: 'x-maintenance-bypass' } },
    TextTransformations: [{ Priority: 0, Type: 'NONE' }],
  },
};
const bypass: Rule = {
  Name: 'shop-bypass',
  Priority: 0,
  Statement: carriesToken,
  Action: { Count: {} },
  RuleLabels: [{ Name: 'maintenance:bypass' }],
  VisibilityConfig: VISIBILITY,
};
const page: Rule = {
  Name: 'shop-page',
  Priority: 1,
  Statement: {
    AndStatement: {
      Statements: [
        { IPSetReferenceStatement: { ARN: 'arn:everyone' } },
        {
          NotStatement: {
            Statement: { LabelMatchStatement: { Scope: 'LABEL', Key: 'maintenance:bypass' } },
          },
        },
      ],
    },
  },
  Action: { Block: {} },
  VisibilityConfig: VISIBILITY,
};
const group: RuleGroup = {
  Name: 'shop-maintenance',
  Id: 'g',
  ARN: 'arn:group',
  Capacity: 100,
  VisibilityConfig: VISIBILITY,
  LabelNamespace: MAINTENANCE_NS,
  Rules: [page, bypass],
};
const acl = (rules: Rule[] = []): WebACL => ({
  Name: 'shop',
  Id: 'a',
  ARN: 'arn:acl',
  DefaultAction: { Allow: {} },
  VisibilityConfig: VISIBILITY,
  LabelNamespace: 'awswaf:123456789012:webacl:shop:',
  Rules: [
    {
      Name: 'maintenance',
      Priority: 0,
      Statement: { RuleGroupReferenceStatement: { ARN: 'arn:group' } },
      OverrideAction: { None: {} },
      VisibilityConfig: VISIBILITY,
    },
    ...rules,
  ],
});
const evaluate = (webAcl: WebACL, headers: Record<string, string>, groups = [group]) =>
  evaluateWebAcl(webAcl, new Map(groups.map((g) => [g.ARN!, g])), {
    request: { clientIp: '2001:db8:abcd::23', method: 'GET', uriPath: '/', headers },
    ipSets: new Map([['arn:everyone', { addresses: ['::/1', '8000::/1'] }]]),
    regexSets: new Map([['arn:bypass', { regularExpressions: [`^${TOKEN}$`] }]]),
  });

describe('Count + label, then NOT label', () => {
  it('a request with the token is counted, labelled in the group’s namespace, and not blocked', () => {
    const verdict = evaluate(acl(), { 'x-maintenance-bypass': TOKEN });
    expect(verdict.action).toBe('ALLOW');
    expect(verdict.terminatingRule).toBe('Default_Action');
    expect(verdict.counted).toEqual(['shop-maintenance/shop-bypass']);
    expect(verdict.labels).toEqual([`${MAINTENANCE_NS}maintenance:bypass`]);
  });

  it('a request without it gets no label and is blocked', () => {
    const verdict = evaluate(acl(), { 'x-maintenance-bypass': 'mb1-wrong' });
    expect(verdict.action).toBe('BLOCK');
    expect(verdict.terminatingRule).toBe('shop-maintenance/shop-page');
    expect(verdict.labels).toEqual([]);
  });

  it('a terminating rule adds its labels too', () => {
    const labelledPage: Rule = { ...page, RuleLabels: [{ Name: 'maintenance:blocked' }] };
    const verdict = evaluate(acl(), {}, [{ ...group, Rules: [bypass, labelledPage] }]);
    expect(verdict.labels).toEqual([`${MAINTENANCE_NS}maintenance:blocked`]);
  });

  it('a rule only sees labels of rules evaluated before it', () => {
    const late: Rule = { ...bypass, Priority: 2 };
    const verdict = evaluate(acl(), { 'x-maintenance-bypass': TOKEN }, [
      { ...group, Rules: [page, late] },
    ]);
    expect(verdict.action).toBe('BLOCK');
  });

  it('a web ACL rule after the group matches the group’s label only with the full prefix', () => {
    const allowLabelled = (Key: string): Rule => ({
      Name: 'after',
      Priority: 1,
      Statement: { LabelMatchStatement: { Scope: 'LABEL', Key } },
      Action: { Block: {} },
      VisibilityConfig: VISIBILITY,
    });
    const token = { 'x-maintenance-bypass': TOKEN };
    expect(evaluate(acl([allowLabelled('maintenance:bypass')]), token).action).toBe('ALLOW');
    expect(
      evaluate(acl([allowLabelled(`${MAINTENANCE_NS}maintenance:bypass`)]), token).terminatingRule,
    ).toBe('shop/after');
  });

  it('refuses RuleLabels in a group that has no label namespace', () => {
    const bare: RuleGroup = { ...group, LabelNamespace: undefined };
    expect(() => evaluate(acl(), {}, [bare])).toThrow(/LabelNamespace/);
  });
});
