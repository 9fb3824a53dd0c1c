// FieldToMatch.Cookies as WAF inspects it: the Cookie header's name=value pairs, filtered by
// MatchPattern (All, IncludedCookies or ExcludedCookies, names matched exactly), then the parts
// MatchScope names (KEY, VALUE, or ALL: keys and values, a match in either is enough).
// WAF inspects at most the first 8 KB of the Cookie header and 200 cookies (AWS WAF Developer
// Guide, "Oversize web request components"); past that, OversizeHandling decides: CONTINUE
// inspects what fits, NO_MATCH does not match; MATCH (match whatever the value) is refused here,
// as the module never uses it: a bypass must never be granted for a big header.
import type { Cookies } from '@aws-sdk/client-wafv2';
import { onlyKnownMembers, soleMember, UnsupportedWafFeature } from './unsupported.js';
import type { WebRequest } from './web-request.js';

export const COOKIE_INSPECTION_MAX_BYTES = 8 * 1024;
export const COOKIE_INSPECTION_MAX_COUNT = 200;

export interface Cookie {
  readonly name: string;
  readonly value: string;
}

/** `a=1; b=2` -> [{a,1},{b,2}]; a pair without `=` is a value with an empty name, as browsers send it. */
export function parseCookieHeader(header: string): Cookie[] {
  return header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      return at === -1
        ? { name: '', value: pair }
        : { name: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() };
    });
}

export function inspectedCookies(
  settings: object,
  request: WebRequest,
  where: string,
): readonly string[] {
  onlyKnownMembers(settings, ['MatchPattern', 'MatchScope', 'OversizeHandling'], where);
  const { MatchPattern, MatchScope, OversizeHandling } = settings as Cookies;
  if (!MatchPattern || !MatchScope || !OversizeHandling)
    throw new UnsupportedWafFeature(
      where,
      'MatchPattern, MatchScope and OversizeHandling are required',
    );
  const keep = cookieFilter(MatchPattern, `${where}.MatchPattern`);
  const raw = request.headers['cookie'];
  const header = Array.isArray(raw) ? raw.join('; ') : ((raw as string | undefined) ?? '');
  const all = parseCookieHeader(header);
  const oversize =
    Buffer.byteLength(header) > COOKIE_INSPECTION_MAX_BYTES ||
    all.length > COOKIE_INSPECTION_MAX_COUNT;
  let cookies = all;
  if (oversize) {
    switch (OversizeHandling) {
      case 'NO_MATCH':
        return [];
      case 'MATCH':
        throw new UnsupportedWafFeature(where, 'OversizeHandling MATCH (would match any value)');
      case 'CONTINUE':
        cookies = withinInspectionLimits(header);
        break;
      default:
        throw new UnsupportedWafFeature(where, `OversizeHandling ${String(OversizeHandling)}`);
    }
  }
  const inspected = cookies.filter((cookie) => keep(cookie.name));
  switch (MatchScope) {
    case 'KEY':
      return inspected.map((c) => c.name);
    case 'VALUE':
      return inspected.map((c) => c.value);
    case 'ALL':
      return inspected.flatMap((c) => [c.name, c.value]);
    default:
      throw new UnsupportedWafFeature(where, `MatchScope ${String(MatchScope)}`);
  }
}

/** The cookies WAF still sees in an oversize header: those wholly inside the first 8 KB, at most 200. */
function withinInspectionLimits(header: string): Cookie[] {
  const head = Buffer.from(header).subarray(0, COOKIE_INSPECTION_MAX_BYTES).toString('utf8');
  const complete = header.length > head.length ? head.slice(0, head.lastIndexOf(';')) : head;
  return parseCookieHeader(complete).slice(0, COOKIE_INSPECTION_MAX_COUNT);
}

function cookieFilter(pattern: object, where: string): (name: string) => boolean {
  const [kind, names] = soleMember(pattern, where);
  switch (kind) {
    case 'All':
      return () => true;
    case 'IncludedCookies':
      return (name) => (names as string[]).includes(name);
    case 'ExcludedCookies':
      return (name) => !(names as string[]).includes(name);
    default:
      throw new UnsupportedWafFeature(where, `cookie match pattern ${kind}`);
  }
}
