// ByteMatchStatement (the console's "string match"): transform the inspected part of the request,
// then look for SearchString at the position the constraint names. Matching is case-sensitive;
// a LOWERCASE transformation only changes the request side.
import type { ByteMatchStatement, FieldToMatch } from '@aws-sdk/client-wafv2';
import { applyTextTransformations } from './text-transformations.js';
import { onlyKnownMembers, soleMember, UnsupportedWafFeature } from './unsupported.js';
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
  const inspected = inspectedPart(statement.FieldToMatch, request, `${where}.FieldToMatch`);
  // A request without the inspected part (e.g. no such header) does not match.
  if (inspected === undefined) return false;
  const value = applyTextTransformations(inspected, statement.TextTransformations, where);
  return test(value, searchText(statement.SearchString));
}

function inspectedPart(
  field: FieldToMatch,
  request: WebRequest,
  where: string,
): string | undefined {
  const [member, settings] = soleMember(field, where);
  switch (member) {
    case 'SingleHeader': {
      const name = (settings as { Name?: string }).Name;
      if (!name) throw new UnsupportedWafFeature(where, 'SingleHeader without Name');
      const value = request.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : (value as string | undefined);
    }
    case 'UriPath':
      return request.uriPath;
    case 'Method':
      return request.method;
    default:
      throw new UnsupportedWafFeature(where, `field to match ${member}`);
  }
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
