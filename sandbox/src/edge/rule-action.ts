// What a matching rule does: Block answers the client (with the custom response when one is
// set), Allow lets the request through, both end evaluation; Count records and moves on.
import type { CustomResponse, CustomResponseBody, RuleAction } from '@aws-sdk/client-wafv2';
import { onlyKnownMembers, soleMember, UnsupportedWafFeature } from './unsupported.js';

export interface BlockResponse {
  readonly status: number;
  /** Sent exactly as configured: WAF prefixes `x-amzn-waf-` only to headers it inserts into requests. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

export type RuleOutcome =
  | { readonly action: 'BLOCK'; readonly response: BlockResponse }
  | { readonly action: 'ALLOW' }
  | { readonly action: 'COUNT' };

/** WAF's response when a Block has no custom response. */
export const DEFAULT_BLOCK_RESPONSE: BlockResponse = {
  status: 403,
  headers: [['content-type', 'text/plain']],
  body: 'Forbidden',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  TEXT_PLAIN: 'text/plain',
  TEXT_HTML: 'text/html',
  APPLICATION_JSON: 'application/json',
};

/** Custom response bodies of the web ACL or rule group that defines the rule, by key. */
export type ResponseBodies = Readonly<Record<string, CustomResponseBody>>;

export function ruleOutcome(
  action: RuleAction,
  bodies: ResponseBodies,
  where: string,
): RuleOutcome {
  const [kind, settings, at] = soleMember(action, where);
  switch (kind) {
    case 'Block': {
      onlyKnownMembers(settings as object, ['CustomResponse'], at);
      const custom = (settings as { CustomResponse?: CustomResponse }).CustomResponse;
      return {
        action: 'BLOCK',
        response: custom ? customResponse(custom, bodies, at) : DEFAULT_BLOCK_RESPONSE,
      };
    }
    case 'Allow':
      onlyKnownMembers(settings as object, [], at);
      return { action: 'ALLOW' };
    case 'Count':
      onlyKnownMembers(settings as object, [], at);
      return { action: 'COUNT' };
    default:
      throw new UnsupportedWafFeature(at, `rule action ${kind}`);
  }
}

function customResponse(
  custom: CustomResponse,
  bodies: ResponseBodies,
  where: string,
): BlockResponse {
  onlyKnownMembers(custom, ['ResponseCode', 'CustomResponseBodyKey', 'ResponseHeaders'], where);
  if (custom.ResponseCode === undefined)
    throw new UnsupportedWafFeature(where, 'CustomResponse without ResponseCode');
  const headers = (custom.ResponseHeaders ?? []).map((h) => [h.Name ?? '', h.Value ?? ''] as const);
  const key = custom.CustomResponseBodyKey;
  if (key === undefined) return { status: custom.ResponseCode, headers, body: '' };
  const body = bodies[key];
  if (!body)
    throw new UnsupportedWafFeature(
      where,
      `CustomResponseBodyKey ${key} names no custom response body`,
    );
  const contentType = body.ContentType !== undefined ? CONTENT_TYPES[body.ContentType] : undefined;
  if (!contentType)
    throw new UnsupportedWafFeature(
      where,
      `custom response body content type ${String(body.ContentType)}`,
    );
  return {
    status: custom.ResponseCode,
    headers: [['content-type', contentType], ...headers],
    body: body.Content ?? '',
  };
}
