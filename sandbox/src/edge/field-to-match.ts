// The part of a request a match statement inspects (FieldToMatch). Most parts are one value;
// Cookies is one value per inspected cookie (or key), and the statement matches when any of them
// does. A request without the part (no such header, no cookies) has no value and matches nothing.
import type { FieldToMatch } from '@aws-sdk/client-wafv2';
import { inspectedCookies } from './cookies.js';
import { soleMember, UnsupportedWafFeature } from './unsupported.js';
import type { WebRequest } from './web-request.js';

export function inspectedValues(
  field: FieldToMatch,
  request: WebRequest,
  where: string,
): readonly string[] {
  const [member, settings, at] = soleMember(field, where);
  switch (member) {
    case 'SingleHeader': {
      const name = (settings as { Name?: string }).Name;
      if (!name) throw new UnsupportedWafFeature(where, 'SingleHeader without Name');
      const value = request.headers[name.toLowerCase()];
      if (value === undefined) return [];
      return [Array.isArray(value) ? value.join(', ') : (value as string)];
    }
    case 'Cookies':
      return inspectedCookies(settings as object, request, at);
    case 'UriPath':
      return [request.uriPath];
    case 'Method':
      return [request.method];
    default:
      throw new UnsupportedWafFeature(where, `field to match ${member}`);
  }
}
