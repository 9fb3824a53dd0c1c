// Terraform JSON (as cdktf synthesizes it: snake_case, blocks as objects or lists) to the WAFv2
// API shape that CreateIPSet / CreateRuleGroup / CreateWebACL take. The mapping is generic
// (snake_case to PascalCase) plus the few places where the provider's names differ from the
// API's, so a new statement in the module reaches the edge without a change here.
import type {
  CreateIPSetCommandInput,
  CreateRegexPatternSetCommandInput,
  CreateRuleGroupCommandInput,
  CreateWebACLCommandInput,
} from '@aws-sdk/client-wafv2';

/** A resource of the synthesized stack: `resource.<type>.<logicalId>`. */
export interface TerraformResource {
  readonly type: string;
  readonly logicalId: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** Turns `${aws_wafv2_ip_set.x.arn}` into the value the provisioned resource has. */
export type ReferenceResolver = (type: string, logicalId: string, attribute: string) => string;

export class TerraformTranslationError extends Error {
  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = 'TerraformTranslationError';
  }
}

/** WAF resource types in the order they must be created (a web ACL references the rule group, which references the sets). */
export const WAF_RESOURCE_TYPES = [
  'aws_wafv2_ip_set',
  'aws_wafv2_regex_pattern_set',
  'aws_wafv2_rule_group',
  'aws_wafv2_web_acl',
] as const;

/** Terraform meta-arguments and attributes that are not part of the API request. */
const NOT_IN_API = new Set([
  '//',
  'lifecycle',
  'depends_on',
  'provider',
  'tags',
  'tags_all',
  'timeouts',
  'count',
]);

/** Provider names that are not the PascalCase of the API member. */
const RENAMED: Readonly<Record<string, string>> = {
  arn: 'ARN',
  ip_address_version: 'IPAddressVersion',
  ip_set_reference_statement: 'IPSetReferenceStatement',
  ip_set_forwarded_ip_config: 'IPSetForwardedIPConfig',
  regular_expression: 'RegularExpressionList',
  cloudwatch_metrics_enabled: 'CloudWatchMetricsEnabled',
  text_transformation: 'TextTransformations',
  response_header: 'ResponseHeaders',
  insert_header: 'InsertHeaders',
  rule: 'Rules',
  rule_action_override: 'RuleActionOverrides',
  rule_label: 'RuleLabels',
  excluded_rule: 'ExcludedRules',
};

/** API members that are lists; every other block is a single structure. */
const LIST_MEMBERS = new Set([
  'Addresses',
  'RegularExpressionList',
  'Statements',
  'Rules',
  'TextTransformations',
  'ResponseHeaders',
  'InsertHeaders',
  'RuleActionOverrides',
  'RuleLabels',
  'ExcludedRules',
  'IncludedCookies',
  'ExcludedCookies',
]);

/** The WAF resources of a synthesized stack, creation order, skipping those declared with `count = 0`. */
export function wafResources(synthesized: unknown): TerraformResource[] {
  const resources =
    (synthesized as { resource?: Record<string, Record<string, unknown>> }).resource ?? {};
  return WAF_RESOURCE_TYPES.flatMap((type) =>
    Object.entries(resources[type] ?? {}).flatMap(([logicalId, body]) => {
      const count = (body as { count?: unknown }).count;
      if (count !== undefined && typeof count !== 'number')
        throw new TerraformTranslationError(
          `${type}.${logicalId}.count`,
          `only a literal count can be provisioned, got ${JSON.stringify(count)}`,
        );
      return count === 0 ? [] : [{ type, logicalId, body: body as Record<string, unknown> }];
    }),
  );
}

export function toCreateIpSet(
  resource: TerraformResource,
  resolve: ReferenceResolver,
): CreateIPSetCommandInput {
  return { Addresses: [], ...translate(resource, resolve) } as unknown as CreateIPSetCommandInput;
}

export function toCreateRegexPatternSet(
  resource: TerraformResource,
  resolve: ReferenceResolver,
): CreateRegexPatternSetCommandInput {
  return {
    RegularExpressionList: [],
    ...translate(resource, resolve),
  } as unknown as CreateRegexPatternSetCommandInput;
}

export function toCreateRuleGroup(
  resource: TerraformResource,
  resolve: ReferenceResolver,
): CreateRuleGroupCommandInput {
  return translate(resource, resolve) as unknown as CreateRuleGroupCommandInput;
}

export function toCreateWebAcl(
  resource: TerraformResource,
  resolve: ReferenceResolver,
): CreateWebACLCommandInput {
  return translate(resource, resolve) as unknown as CreateWebACLCommandInput;
}

function translate(
  resource: TerraformResource,
  resolve: ReferenceResolver,
): Record<string, unknown> {
  const where = `${resource.type}.${resource.logicalId}`;
  const body = Object.fromEntries(
    Object.entries(resource.body).filter(([key]) => !NOT_IN_API.has(key)),
  );
  return structure(body, '', resolve, where);
}

function structure(
  block: Record<string, unknown>,
  parent: string,
  resolve: ReferenceResolver,
  where: string,
) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(block)) {
    const at = `${where}.${key}`;
    if (key === 'dynamic')
      throw new TerraformTranslationError(
        at,
        'dynamic blocks cannot be provisioned; synthesize with literal values',
      );
    if (key === 'custom_response_body') {
      out['CustomResponseBodies'] = responseBodies(value, resolve, at);
      continue;
    }
    const member = memberName(key, parent);
    out[member] =
      key === 'search_string'
        ? bytes(literal(value, resolve, at))
        : memberValue(value, member, key, resolve, at);
  }
  return out;
}

function memberValue(
  value: unknown,
  member: string,
  key: string,
  resolve: ReferenceResolver,
  where: string,
): unknown {
  if (LIST_MEMBERS.has(member))
    return asList(value).map((item, i) => translated(item, key, resolve, `${where}[${i}]`));
  const items = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length !== 1)
    throw new TerraformTranslationError(where, `expected one ${key} block, got ${value.length}`);
  return translated(items[0], key, resolve, where);
}

function translated(
  value: unknown,
  key: string,
  resolve: ReferenceResolver,
  where: string,
): unknown {
  if (typeof value === 'string') return literal(value, resolve, where);
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return structure(value as Record<string, unknown>, key, resolve, where);
  return value;
}

/** `statement` is a list under AND/OR and a single structure under NOT and a rule. */
function memberName(key: string, parent: string): string {
  if (key === 'statement')
    return parent === 'and_statement' || parent === 'or_statement' ? 'Statements' : 'Statement';
  return (
    RENAMED[key] ??
    key
      .split('_')
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('')
  );
}

function responseBodies(
  value: unknown,
  resolve: ReferenceResolver,
  where: string,
): Record<string, unknown> {
  return Object.fromEntries(
    asList(value).map((item, i) => {
      const { key, content, content_type } = item as Record<string, unknown>;
      const at = `${where}[${i}]`;
      return [
        literal(key, resolve, at),
        { ContentType: literal(content_type, resolve, at), Content: literal(content, resolve, at) },
      ];
    }),
  );
}

const REFERENCE = /^\$\{(aws_wafv2_[a-z_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/;
/** `${` or `%{` not escaped by doubling: a Terraform expression the provisioner cannot evaluate. */
const TEMPLATE = /(?<![$%])[$%]\{/;

/** A Terraform string: a whole-string reference to a WAF resource, or a literal with `$${`/`%%{` escapes. */
function literal(value: unknown, resolve: ReferenceResolver, where: string): string {
  if (typeof value !== 'string')
    throw new TerraformTranslationError(where, `expected a string, got ${JSON.stringify(value)}`);
  const reference = REFERENCE.exec(value);
  if (reference) return resolve(reference[1] ?? '', reference[2] ?? '', reference[3] ?? '');
  if (TEMPLATE.test(value.replace(/\$\$\{|%%\{/g, '')))
    throw new TerraformTranslationError(
      where,
      `cannot evaluate the Terraform expression in ${JSON.stringify(value)}`,
    );
  return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** The SDK sends blobs base64-encoded, as the API expects SearchString. */
function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
