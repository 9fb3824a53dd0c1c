import { describe, expect, it } from '@jest/globals';
import {
  fromTerraformLiteral,
  MAX_REACHABLE_PATH_PREFIXES,
  RULE_GROUP_CAPACITY,
  statementCapacity,
  synthesizeMaintenanceWaf,
  type Statement,
  type TerraformJson,
} from '../../terraform/src/index.js';
import { onlyBlock } from '../support/terraform-json.js';

interface Rule {
  name: string;
  priority: number;
  action: { block: { custom_response: Record<string, unknown> } };
  statement: Statement;
  rule_label?: { name: string }[];
  visibility_config: Record<string, unknown>;
}

function ruleGroup(json: TerraformJson) {
  return onlyBlock(json, 'resource', 'aws_wafv2_rule_group') as Record<string, unknown> & {
    rule: Rule[];
    custom_response_body: { key: string; content_type: string; content: string }[];
  };
}

/** Maps each set reference in the synthesized JSON back to its role, e.g. "active-ipv4". */
function setRef(
  json: TerraformJson,
  role: string,
): { ip_set_reference_statement: { arn: string } } {
  const [address] = Object.entries(json['resource']!['aws_wafv2_ip_set']!).find(([, set]) =>
    (set as { name: string }).name.endsWith(`-${role}`),
  )!;
  return { ip_set_reference_statement: { arn: `\${aws_wafv2_ip_set.${address}.arn}` } };
}

/** The `${aws_wafv2_regex_pattern_set.<address>.arn}` reference to the one regex pattern set, N-bypass. */
function bypassSetArn(json: TerraformJson): string {
  const sets = Object.entries(json['resource']!['aws_wafv2_regex_pattern_set']!);
  expect(sets).toHaveLength(1);
  expect((sets[0]![1] as { name: string }).name).toBe('shop-bypass');
  return `\${aws_wafv2_regex_pattern_set.${sets[0]![0]}.arn}`;
}

const notBypassed = {
  not_statement: {
    statement: [{ label_match_statement: { scope: 'LABEL', key: 'maintenance:bypass' } }],
  },
};

const acceptsHtml = {
  byte_match_statement: {
    field_to_match: { single_header: { name: 'accept' } },
    positional_constraint: 'CONTAINS',
    search_string: 'text/html',
    text_transformation: [{ priority: 0, type: 'LOWERCASE' }],
  },
};
const pathStartsWith = (prefix: string) => ({
  byte_match_statement: {
    field_to_match: { uri_path: {} },
    positional_constraint: 'STARTS_WITH',
    search_string: prefix,
    text_transformation: [{ priority: 0, type: 'NONE' }],
  },
});

/** Every logical statement obeys WAF's arity: AND/OR at least 2, NOT exactly 1. Returns the depth. */
function checkArity(statement: Statement): number {
  const [[kind, body]] = Object.entries(statement) as [[string, { statement: Statement[] }]];
  if (
    !kind.endsWith('_statement') ||
    !['and_statement', 'or_statement', 'not_statement'].includes(kind)
  )
    return 0;
  const nested = body.statement;
  if (kind === 'not_statement') expect(nested).toHaveLength(1);
  else expect(nested.length).toBeGreaterThanOrEqual(2);
  return 1 + Math.max(...nested.map(checkArity));
}

describe('MaintenanceWaf rule group', () => {
  const json = synthesizeMaintenanceWaf({
    name: 'shop',
    scope: 'REGIONAL',
    reachablePathPrefixes: ['/status', '/assets/'],
  });
  const group = ruleGroup(json);
  const [bypass, api, page] = [...group.rule].sort((a, b) => a.priority - b.priority) as [
    Rule,
    Rule,
    Rule,
  ];
  const blocking = [api, page];
  // In an active set AND NOT in an allow set AND NOT carrying a token: the first three statements
  // of both blocking rules.
  const switchedOn = [
    { or_statement: { statement: [setRef(json, 'active-ipv4'), setRef(json, 'active-ipv6')] } },
    {
      not_statement: {
        statement: [
          { or_statement: { statement: [setRef(json, 'allow-ipv4'), setRef(json, 'allow-ipv6')] } },
        ],
      },
    },
    notBypassed,
  ];

  it('is named N-maintenance in the same scope as the sets', () => {
    expect(group['name']).toBe('shop-maintenance');
    expect(group['scope']).toBe('REGIONAL');
    expect(group['visibility_config']).toEqual({
      cloudwatch_metrics_enabled: true,
      metric_name: 'shop-maintenance',
      sampled_requests_enabled: true,
    });
  });

  it('N-bypass (priority 0, first) counts and labels a request whose header or cookie holds a token of N-bypass', () => {
    const tokenIn = (field_to_match: object) => ({
      regex_pattern_set_reference_statement: {
        arn: bypassSetArn(json),
        field_to_match,
        text_transformation: [{ priority: 0, type: 'NONE' }],
      },
    });
    expect(bypass.name).toBe('shop-bypass');
    expect(bypass.priority).toBe(0);
    expect(bypass.action).toEqual({ count: {} });
    expect(bypass.rule_label).toEqual([{ name: 'maintenance:bypass' }]);
    expect(bypass.statement).toEqual({
      or_statement: {
        statement: [
          tokenIn({ single_header: { name: 'x-maintenance-bypass' } }),
          tokenIn({
            cookies: {
              match_pattern: { included_cookies: ['maintenance_bypass'] },
              match_scope: 'VALUE',
              // Never MATCH: an oversize cookie header must not count as carrying a token.
              oversize_handling: 'CONTINUE',
            },
          }),
        ],
      },
    });
    expect(bypass.visibility_config).toEqual({
      cloudwatch_metrics_enabled: true,
      metric_name: 'shop-bypass',
      sampled_requests_enabled: true,
    });
  });

  it('N-api (priority 1) blocks switched-on visitors that do not ask for HTML, except on reachable paths', () => {
    expect(api.name).toBe('shop-api');
    expect(api.priority).toBe(1);
    expect(api.statement).toEqual({
      and_statement: {
        statement: [
          ...switchedOn,
          { not_statement: { statement: [acceptsHtml] } },
          { not_statement: { statement: [pathStartsWith('/status')] } },
          { not_statement: { statement: [pathStartsWith('/assets/')] } },
        ],
      },
    });
  });

  it('N-page (priority 2) is the same condition without the Accept header test', () => {
    expect(page.name).toBe('shop-page');
    expect(page.priority).toBe(2);
    expect(page.statement).toEqual({
      and_statement: {
        statement: [
          ...switchedOn,
          { not_statement: { statement: [pathStartsWith('/status')] } },
          { not_statement: { statement: [pathStartsWith('/assets/')] } },
        ],
      },
    });
  });

  it('without reachable paths the page rule is a three-statement AND, valid for WAF', () => {
    const plain = ruleGroup(synthesizeMaintenanceWaf({ name: 'shop', scope: 'REGIONAL' }));
    const pageRule = plain.rule.find((r) => r.priority === 2)!;
    expect(
      (pageRule.statement['and_statement'] as { statement: unknown[] }).statement,
    ).toHaveLength(3);
  });

  it('nests within WAF arity and within the provider schema depth of three logical levels', () => {
    expect(checkArity(bypass.statement)).toBe(1);
    for (const rule of blocking) expect(checkArity(rule.statement)).toBe(3);
  });

  it('answers with 503, Retry-After, Cache-Control: no-store and the marker header on both blocking rules', () => {
    const headers = [
      { name: 'Retry-After', value: '300' },
      { name: 'Cache-Control', value: 'no-store' },
      { name: 'x-maintenance-mode', value: 'on' },
    ];
    expect(api.action).toEqual({
      block: {
        custom_response: {
          response_code: 503,
          custom_response_body_key: 'maintenance-json',
          response_header: headers,
        },
      },
    });
    expect(page.action).toEqual({
      block: {
        custom_response: {
          response_code: 503,
          custom_response_body_key: 'maintenance-html',
          response_header: headers,
        },
      },
    });
    for (const rule of group.rule) {
      expect(rule.visibility_config).toEqual({
        cloudwatch_metrics_enabled: true,
        metric_name: rule.name,
        sampled_requests_enabled: true,
      });
    }
  });

  it('defines both bodies: JSON for APIs, HTML for browsers, each under the 4 KB quota', () => {
    const bodies = Object.fromEntries(group.custom_response_body.map((b) => [b.key, b]));
    expect(bodies['maintenance-json']!.content_type).toBe('APPLICATION_JSON');
    expect(JSON.parse(bodies['maintenance-json']!.content)).toEqual({
      error: 'maintenance',
      retryAfter: 300,
    });
    const html = bodies['maintenance-html']!;
    expect(html.content_type).toBe('TEXT_HTML');
    expect(Buffer.byteLength(html.content)).toBeLessThanOrEqual(4096);
    expect(html.content).toMatch(/<html lang="en">/);
    expect(html.content).toMatch(
      /<meta name="viewport" content="width=device-width, initial-scale=1">/,
    );
    expect(html.content).toMatch(/<meta http-equiv="refresh" content="300">/);
    expect(html.content).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
  });

  it('takes Retry-After, status code and both bodies from props', () => {
    const custom = ruleGroup(
      synthesizeMaintenanceWaf({
        name: 'shop',
        scope: 'REGIONAL',
        retryAfterSeconds: 1800,
        statusCode: 503,
        apiResponseJson: '{"message":"back at 10:00"}',
        maintenancePageHtml:
          '<!doctype html><title>Back soon</title><script>const t = `${when}`;</script>',
      }),
    );
    const customApi = custom.rule.find((r) => r.priority === 1)!;
    expect(customApi.action.block.custom_response['response_header']).toContainEqual({
      name: 'Retry-After',
      value: '1800',
    });
    const bodies = Object.fromEntries(custom.custom_response_body.map((b) => [b.key, b.content]));
    expect(bodies['maintenance-json']).toBe('{"message":"back at 10:00"}');
    // Terraform would read `${when}` as interpolation: it is escaped, and unescapes to the original.
    expect(bodies['maintenance-html']).toContain('$${when}');
    expect(fromTerraformLiteral(bodies['maintenance-html']!)).toContain('`${when}`');
  });

  it('declares a fixed capacity that fits the rules with headroom even at the maximum number of prefixes', () => {
    expect(group['capacity']).toBe(RULE_GROUP_CAPACITY);
    const prefixes = Array.from({ length: MAX_REACHABLE_PATH_PREFIXES }, (_, i) => `/p${i}`);
    const widest = ruleGroup(
      synthesizeMaintenanceWaf({
        name: 'shop',
        scope: 'REGIONAL',
        reachablePathPrefixes: prefixes,
      }),
    );
    const used = widest.rule.reduce((sum, rule) => sum + statementCapacity(rule.statement), 0);
    // 2 regex pattern set references (25 each), 8 IP set references, 2 label matches, the
    // Accept CONTAINS with LOWERCASE (20), 2 per prefix in each blocking rule.
    expect(used).toBe(80 + 4 * MAX_REACHABLE_PATH_PREFIXES);
    expect(used).toBeLessThanOrEqual(RULE_GROUP_CAPACITY - 20);
    expect(statementCapacity(bypass.statement)).toBe(50);
    expect(statementCapacity(api.statement)).toBe(25 + 2 * 2);
    expect(statementCapacity(page.statement)).toBe(5 + 2 * 2);
  });
});
