// RegexPatternSetReferenceStatement: the inspected part, after its text transformations, matches
// any regular expression of the referenced set (read on every request, as the action changes it).
// WAF uses PCRE syntax; the edge compiles each expression as a JavaScript RegExp, which agrees for
// the anchored literals the bypass set holds, and refuses one it cannot compile.
import type { RegexPatternSetReferenceStatement } from '@aws-sdk/client-wafv2';
import { inspectedValues } from './field-to-match.js';
import { applyTextTransformations } from './text-transformations.js';
import { referencedSet, type RegexSetsByArn } from './referenced-set.js';
import { onlyKnownMembers, UnsupportedWafFeature } from './unsupported.js';
import type { WebRequest } from './web-request.js';

export function matchesRegexSet(
  statement: RegexPatternSetReferenceStatement,
  request: WebRequest,
  regexSets: RegexSetsByArn,
  where: string,
): boolean {
  onlyKnownMembers(statement, ['ARN', 'FieldToMatch', 'TextTransformations'], where);
  const set = referencedSet(regexSets, statement.ARN, 'regex pattern set', where);
  if (statement.FieldToMatch === undefined || statement.TextTransformations === undefined)
    throw new UnsupportedWafFeature(where, 'FieldToMatch and TextTransformations are required');
  const patterns = set.regularExpressions.map((source) => compile(source, where));
  return inspectedValues(statement.FieldToMatch, request, `${where}.FieldToMatch`).some((part) => {
    const value = applyTextTransformations(part, statement.TextTransformations, where);
    return patterns.some((pattern) => pattern.test(value));
  });
}

function compile(source: string, where: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    throw new UnsupportedWafFeature(where, `regular expression ${JSON.stringify(source)}`);
  }
}
