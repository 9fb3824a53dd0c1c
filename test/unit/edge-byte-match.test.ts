// ByteMatchStatement as WAF documents it: transformations first, then a case-sensitive search at
// the position the constraint names.
import type {
  ByteMatchStatement,
  PositionalConstraint,
  TextTransformationType,
} from '@aws-sdk/client-wafv2';
import { matchesByteMatch } from '@maintenance-action/sandbox/edge/byte-match.js';
import type { WebRequest } from '@maintenance-action/sandbox/edge/web-request.js';

const request = (headers: WebRequest['headers'], uriPath = '/'): WebRequest => ({
  clientIp: '203.0.113.7',
  method: 'GET',
  uriPath,
  headers,
});

function onAccept(
  search: string,
  constraint: PositionalConstraint,
  transform: TextTransformationType = 'NONE',
): ByteMatchStatement {
  return {
    FieldToMatch: { SingleHeader: { Name: 'Accept' } },
    PositionalConstraint: constraint,
    SearchString: new TextEncoder().encode(search),
    TextTransformations: [{ Priority: 0, Type: transform }],
  };
}

const accept = (value: string) => request({ accept: value });

describe('byte match on a header', () => {
  it('LOWERCASE lets a lower-case search find a mixed-case header value', () => {
    const html = onAccept('text/html', 'CONTAINS', 'LOWERCASE');
    expect(matchesByteMatch(html, accept('Text/HTML,application/xhtml+xml;q=0.9'), 't')).toBe(true);
    expect(matchesByteMatch(html, accept('application/json'), 't')).toBe(false);
  });

  it('is case-sensitive without a transformation', () => {
    expect(matchesByteMatch(onAccept('text/html', 'CONTAINS'), accept('TEXT/HTML'), 't')).toBe(
      false,
    );
  });

  it('does not match when the header is absent', () => {
    expect(matchesByteMatch(onAccept('text/html', 'CONTAINS'), request({}), 't')).toBe(false);
  });

  it('reads the header whatever the case of its configured name', () => {
    expect(matchesByteMatch(onAccept('*/*', 'EXACTLY'), accept('*/*'), 't')).toBe(true);
  });

  it.each<[PositionalConstraint, string, boolean]>([
    ['EXACTLY', 'text/html', true],
    ['EXACTLY', 'text/html;q=1', false],
    ['STARTS_WITH', 'text/html, */*', true],
    ['STARTS_WITH', 'application/json, text/html', false],
    ['ENDS_WITH', 'application/json, text/html', true],
    ['ENDS_WITH', 'text/html, */*', false],
    ['CONTAINS', 'a, text/html, b', true],
  ])('%s text/html in %j: %s', (constraint, value, expected) => {
    expect(matchesByteMatch(onAccept('text/html', constraint), accept(value), 't')).toBe(expected);
  });

  it.each([
    ['html', true],
    ['text/html;q=0.9', true],
    ['xhtml', false],
    ['html5', false],
    ['my_html', false],
  ])('CONTAINS_WORD html in %j: %s', (value, expected) => {
    expect(matchesByteMatch(onAccept('html', 'CONTAINS_WORD'), accept(value), 't')).toBe(expected);
  });
});

describe('byte match on the URI path', () => {
  const statusPrefix: ByteMatchStatement = {
    FieldToMatch: { UriPath: {} },
    PositionalConstraint: 'STARTS_WITH',
    SearchString: new TextEncoder().encode('/status'),
    TextTransformations: [{ Priority: 0, Type: 'NONE' }],
  };

  it('matches the path prefix, not the same text elsewhere', () => {
    expect(matchesByteMatch(statusPrefix, request({}, '/status/api'), 't')).toBe(true);
    expect(matchesByteMatch(statusPrefix, request({}, '/shop/status'), 't')).toBe(false);
  });

  it('applies transformations in priority order', () => {
    const decodedThenLowered: ByteMatchStatement = {
      ...statusPrefix,
      TextTransformations: [
        { Priority: 2, Type: 'LOWERCASE' },
        { Priority: 1, Type: 'URL_DECODE' },
      ],
    };
    expect(matchesByteMatch(decodedThenLowered, request({}, '/%53TATUS'), 't')).toBe(true);
  });
});

describe('what the edge refuses', () => {
  it('an unknown text transformation', () => {
    expect(() =>
      matchesByteMatch(onAccept('x', 'CONTAINS', 'HTML_ENTITY_DECODE'), accept('x'), 'rule'),
    ).toThrow(/rule: text transformation HTML_ENTITY_DECODE/);
  });

  it('an unknown field to match', () => {
    const body: ByteMatchStatement = { ...onAccept('x', 'CONTAINS'), FieldToMatch: { Body: {} } };
    expect(() => matchesByteMatch(body, accept('x'), 'rule')).toThrow(/field to match Body/);
  });

  it('an unknown positional constraint', () => {
    const odd = onAccept('x', 'SOMEWHERE' as PositionalConstraint);
    expect(() => matchesByteMatch(odd, accept('x'), 'rule')).toThrow(
      /positional constraint SOMEWHERE/,
    );
  });
});
