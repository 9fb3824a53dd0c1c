// RegexPatternSetReferenceStatement on a header and on cookies, as WAF inspects them: the bypass
// token arrives in `x-maintenance-bypass` or in the `maintenance_bypass` cookie, and only an
// expression of the set (read on every request) lets it match.
import type { RegexPatternSetReferenceStatement, Statement } from '@aws-sdk/client-wafv2';
import {
  COOKIE_INSPECTION_MAX_BYTES,
  parseCookieHeader,
} from '@maintenance-action/sandbox/edge/cookies.js';
import { matchesRegexSet } from '@maintenance-action/sandbox/edge/regex-set-match.js';
import { matchesStatement } from '@maintenance-action/sandbox/edge/statement.js';
import type { WebRequest } from '@maintenance-action/sandbox/edge/web-request.js';

const TOKEN = 'mb1-20261126T094300Z-Q2xhdWRlIHdhcyBoZXJlIGFuZCB0aGVyZQ';
const OTHER = 'mb1-20261126T094300Z-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const SETS = new Map([
  ['arn:bypass', { regularExpressions: [`^${TOKEN}$`] }],
  ['arn:empty', { regularExpressions: [] }],
]);

const request = (headers: WebRequest['headers']): WebRequest => ({
  clientIp: '2001:db8:abcd::23',
  method: 'GET',
  uriPath: '/some/page',
  headers,
});

const onHeader = (arn = 'arn:bypass'): RegexPatternSetReferenceStatement => ({
  ARN: arn,
  FieldToMatch: { SingleHeader: { Name: 'x-maintenance-bypass' } },
  TextTransformations: [{ Priority: 0, Type: 'NONE' }],
});

const onCookie = (
  oversize: 'CONTINUE' | 'NO_MATCH' | 'MATCH' = 'CONTINUE',
  scope: 'VALUE' | 'KEY' | 'ALL' = 'VALUE',
): RegexPatternSetReferenceStatement => ({
  ARN: 'arn:bypass',
  FieldToMatch: {
    Cookies: {
      MatchPattern: { IncludedCookies: ['maintenance_bypass'] },
      MatchScope: scope,
      OversizeHandling: oversize,
    },
  },
  TextTransformations: [{ Priority: 0, Type: 'NONE' }],
});

const matches = (
  statement: RegexPatternSetReferenceStatement,
  headers: WebRequest['headers'],
  sets = SETS,
) => matchesRegexSet(statement, request(headers), sets, 'test');

describe('regex pattern set on a header', () => {
  it('matches the token the set holds, exactly', () => {
    expect(matches(onHeader(), { 'x-maintenance-bypass': TOKEN })).toBe(true);
  });

  it('does not match another token, the token inside a longer value, or no header', () => {
    expect(matches(onHeader(), { 'x-maintenance-bypass': OTHER })).toBe(false);
    expect(matches(onHeader(), { 'x-maintenance-bypass': `${TOKEN}x` })).toBe(false);
    expect(matches(onHeader(), { 'x-maintenance-bypass': `x${TOKEN}` })).toBe(false);
    expect(matches(onHeader(), {})).toBe(false);
  });

  it('an empty set matches nobody', () => {
    expect(matches(onHeader('arn:empty'), { 'x-maintenance-bypass': TOKEN })).toBe(false);
  });

  it('reads the set as given: a token removed from it stops matching', () => {
    const emptied = new Map([['arn:bypass', { regularExpressions: [] }]]);
    expect(matches(onHeader(), { 'x-maintenance-bypass': TOKEN }, emptied)).toBe(false);
  });

  it('refuses a set it was not given instead of treating it as empty', () => {
    expect(() => matches(onHeader('arn:missing'), { 'x-maintenance-bypass': TOKEN })).toThrow(
      /regex pattern set arn:missing was not loaded/,
    );
  });

  it('refuses an expression it cannot compile', () => {
    const broken = new Map([['arn:bypass', { regularExpressions: ['(unclosed'] }]]);
    expect(() => matches(onHeader(), { 'x-maintenance-bypass': TOKEN }, broken)).toThrow(
      /regular expression/,
    );
  });
});

describe('regex pattern set on cookies', () => {
  it('matches the included cookie’s value among others', () => {
    expect(
      matches(onCookie(), { cookie: `session=abc; maintenance_bypass=${TOKEN}; theme=dark` }),
    ).toBe(true);
  });

  it('ignores the token in a cookie that is not included, and a wrong value', () => {
    expect(matches(onCookie(), { cookie: `other=${TOKEN}` })).toBe(false);
    expect(matches(onCookie(), { cookie: `maintenance_bypass=${OTHER}` })).toBe(false);
    expect(matches(onCookie(), {})).toBe(false);
  });

  it('MatchScope KEY inspects names only, ALL names and values', () => {
    const cookie = { cookie: `maintenance_bypass=${TOKEN}` };
    expect(matches(onCookie('CONTINUE', 'KEY'), cookie)).toBe(false);
    expect(matches(onCookie('CONTINUE', 'ALL'), cookie)).toBe(true);
  });

  it('an oversize Cookie header: CONTINUE inspects what fits, NO_MATCH never matches', () => {
    const filler = `filler=${'x'.repeat(COOKIE_INSPECTION_MAX_BYTES)}`;
    const early = { cookie: `maintenance_bypass=${TOKEN}; ${filler}` };
    const late = { cookie: `${filler}; maintenance_bypass=${TOKEN}` };
    expect(matches(onCookie('CONTINUE'), early)).toBe(true);
    expect(matches(onCookie('CONTINUE'), late)).toBe(false);
    expect(matches(onCookie('NO_MATCH'), early)).toBe(false);
  });

  it('refuses OversizeHandling MATCH on an oversize header rather than letting it through', () => {
    const filler = `filler=${'x'.repeat(COOKIE_INSPECTION_MAX_BYTES)}`;
    expect(() => matches(onCookie('MATCH'), { cookie: filler })).toThrow(/OversizeHandling MATCH/);
  });

  it('parses the Cookie header as browsers send it', () => {
    expect(parseCookieHeader(' a=1;b = 2 ; c=x=y; ;flag')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '2' },
      { name: 'c', value: 'x=y' },
      { name: '', value: 'flag' },
    ]);
  });
});

describe('regex pattern set inside a statement tree', () => {
  it('header OR cookie: either carries the token', () => {
    const either: Statement = {
      OrStatement: {
        Statements: [
          { RegexPatternSetReferenceStatement: onHeader() },
          { RegexPatternSetReferenceStatement: onCookie() },
        ],
      },
    };
    const context = (headers: WebRequest['headers']) => ({
      request: request(headers),
      ipSets: new Map(),
      regexSets: SETS,
    });
    expect(matchesStatement(either, context({ 'x-maintenance-bypass': TOKEN }), 't')).toBe(true);
    expect(matchesStatement(either, context({ cookie: `maintenance_bypass=${TOKEN}` }), 't')).toBe(
      true,
    );
    expect(matchesStatement(either, context({}), 't')).toBe(false);
  });
});
