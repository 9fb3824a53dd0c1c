// WAF statement semantics the edge reproduces: IP set containment per family, AND/OR/NOT, and a
// loud failure on anything it does not know.
import type { Statement } from '@aws-sdk/client-wafv2';
import {
  matchesStatement,
  type InspectionContext,
} from '@maintenance-action/sandbox/edge/statement.js';
import { UnsupportedWafFeature } from '@maintenance-action/sandbox/edge/unsupported.js';

const SETS = new Map([
  ['arn:v4', { addresses: ['203.0.113.0/24'] }],
  ['arn:v6', { addresses: ['2001:db8:1234::/48'] }],
  ['arn:all-v4', { addresses: ['0.0.0.0/1', '128.0.0.0/1'] }],
  ['arn:empty', { addresses: [] }],
]);

const inSet = (arn: string): Statement => ({ IPSetReferenceStatement: { ARN: arn } });
const from = (clientIp: string): InspectionContext => ({
  request: { clientIp, method: 'GET', uriPath: '/', headers: {} },
  ipSets: SETS,
});
const matches = (statement: Statement, clientIp: string) =>
  matchesStatement(statement, from(clientIp), 'test');

describe('IP set reference', () => {
  it('matches addresses inside an IPv4 /24 and not its neighbours', () => {
    expect(matches(inSet('arn:v4'), '203.0.113.0')).toBe(true);
    expect(matches(inSet('arn:v4'), '203.0.113.255')).toBe(true);
    expect(matches(inSet('arn:v4'), '203.0.114.1')).toBe(false);
  });

  it('matches addresses inside an IPv6 /48 and not outside it', () => {
    expect(matches(inSet('arn:v6'), '2001:db8:1234:ffff::1')).toBe(true);
    expect(matches(inSet('arn:v6'), '2001:db8:1235::1')).toBe(false);
  });

  it('never matches a client of the other family', () => {
    expect(matches(inSet('arn:all-v4'), '2001:db8::1')).toBe(false);
    expect(matches(inSet('arn:v6'), '203.0.113.7')).toBe(false);
  });

  it('treats an IPv4-mapped IPv6 client as the IPv4 client it is', () => {
    expect(matches(inSet('arn:v4'), '::ffff:203.0.113.7')).toBe(true);
  });

  it('an empty set matches nobody', () => {
    expect(matches(inSet('arn:empty'), '203.0.113.7')).toBe(false);
  });

  it('refuses a set it was not given instead of treating it as empty', () => {
    expect(() => matches(inSet('arn:missing'), '203.0.113.7')).toThrow(UnsupportedWafFeature);
  });
});

describe('logical statements', () => {
  const both: Statement = { AndStatement: { Statements: [inSet('arn:all-v4'), inSet('arn:v4')] } };
  const either: Statement = { OrStatement: { Statements: [inSet('arn:v4'), inSet('arn:v6')] } };

  it('AND needs every statement', () => {
    expect(matches(both, '203.0.113.7')).toBe(true);
    expect(matches(both, '198.51.100.7')).toBe(false);
  });

  it('OR needs one statement', () => {
    expect(matches(either, '2001:db8:1234::9')).toBe(true);
    expect(matches(either, '198.51.100.7')).toBe(false);
  });

  it('NOT inverts', () => {
    expect(matches({ NotStatement: { Statement: inSet('arn:v4') } }, '198.51.100.7')).toBe(true);
    expect(matches({ NotStatement: { Statement: inSet('arn:v4') } }, '203.0.113.7')).toBe(false);
  });

  it('fails on an unknown statement even when a sibling already decides the result', () => {
    const geo: Statement = { GeoMatchStatement: { CountryCodes: ['FR'] } };
    const hidden: Statement = { AndStatement: { Statements: [inSet('arn:empty'), geo] } };
    expect(() => matches(hidden, '203.0.113.7')).toThrow(/GeoMatchStatement/);
  });

  it('fails on an unknown member of a known statement', () => {
    const forwarded = {
      IPSetReferenceStatement: {
        ARN: 'arn:v4',
        IPSetForwardedIPConfig: {
          HeaderName: 'X-Forwarded-For',
          FallbackBehavior: 'MATCH',
          Position: 'FIRST',
        },
      },
    } as Statement;
    expect(() => matches(forwarded, '203.0.113.7')).toThrow(/IPSetForwardedIPConfig/);
  });
});
