// ByteMatchStatement (the console's "string match"): transform the inspected part of the request,
// then look for SearchString at the position the constraint names. Matching is case-sensitive;
// a LOWERCASE transformation only changes the request side.
import type { ByteMatchStatement } from '@aws-sdk/client-wafv2';
import { inspectedValues } from './field-to-match.js';
import { applyTextTransformations } from './text-transformations.js';
import { onlyKnownMembers, UnsupportedWafFeature } from './unsupported.js';
import type { WebRequest } from './web-request.js';

const WORD_CHAR = /[A-Za-z0-9_]/;

const CONSTRAINTS: Readonly<Record<string, (value: string, search: string) => boolean>> = {
  EXACTLY: (value, search) => value === search,
  STARTS_WITH: (value, search) => value.startsWith(search),
  ENDS_WITH: (value, search) => value.endsWith(search),
  CONTAINS: (value, search) => value.includes(search),
  CONTAINS_WORD: containsWord,
};

export function matchesByteMatch(
  statement: ByteMatchStatement,
  request: WebRequest,
  where: string,
): boolean {
  onlyKnownMembers(
    statement,
    ['SearchString', 'FieldToMatch', 'TextTransformations', 'PositionalConstraint'],
    where,
  );
  const constraint = statement.PositionalConstraint;
  const test = constraint !== undefined ? CONSTRAINTS[constraint] : undefined;
  if (!test) throw new UnsupportedWafFeature(where, `positional constraint ${String(constraint)}`);
  if (statement.SearchString === undefined || statement.FieldToMatch === undefined)
    throw new UnsupportedWafFeature(where, 'SearchString and FieldToMatch are required');
  const search = searchText(statement.SearchString);
  // A request without the inspected part (e.g. no such header) has no value and does not match.
  return inspectedValues(statement.FieldToMatch, request, `${where}.FieldToMatch`).some((part) =>
    test(applyTextTransformations(part, statement.TextTransformations, where), search),
  );
}

/** The SDK hands blobs back as bytes; a hand-built statement may carry the text itself. */
function searchText(search: Uint8Array | string): string {
  return typeof search === 'string' ? search : Buffer.from(search).toString('utf8');
}

/** SearchString as a whole word: bounded by the edges or by non-word characters on both sides. */
function containsWord(value: string, search: string): boolean {
  for (let at = value.indexOf(search); at !== -1; at = value.indexOf(search, at + 1)) {
    const before = value[at - 1];
    const after = value[at + search.length];
    if (
      (before === undefined || !WORD_CHAR.test(before)) &&
      (after === undefined || !WORD_CHAR.test(after))
    )
      return true;
  }
  return false;
}
