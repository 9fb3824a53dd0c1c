// The rule group's statements (README, How it works), in Terraform's block structure (snake_case, as the
// aws_wafv2_rule_group `rule.statement` block takes it). Pure data: no cdktf constructs here.
//
//   N-bypass: OR( header x-maintenance-bypass matches the N-bypass regex pattern set,
//                 cookie maintenance_bypass's value matches it )   -- Count, label maintenance:bypass
//   N-api   : AND( OR(active-ipv4, active-ipv6),
//                  NOT( OR(allow-ipv4, allow-ipv6) ),
//                  NOT( label maintenance:bypass ),
//                  NOT( header accept CONTAINS "text/html" after LOWERCASE ),
//                  NOT( uri_path STARTS_WITH prefix )  -- one per reachable path prefix )
//   N-page  : the same without the Accept condition.
//
// Depth: AND > NOT > OR > leaf is three logical levels, exactly what the provider's schema allows
// (ruleGroupRootStatementSchemaLevel = 3). Each path prefix gets its own NOT directly under the AND
// (NOT p1 AND NOT p2 == NOT (p1 OR p2)), so any number of prefixes keeps the same depth and the
// plain-Terraform module can generate them with one `dynamic` block.

import type { SetRole } from '@maintenance-action/contract';
import { BYPASS_COOKIE, BYPASS_HEADER, BYPASS_LABEL } from '@maintenance-action/contract';

export type Statement = Record<string, unknown>;

export interface StatementInputs {
  /** ARN of each of the four IP sets (literal or Terraform reference). */
  readonly setArns: Readonly<Record<SetRole, string>>;
  /** ARN of the `N-bypass` regex pattern set (literal or Terraform reference). */
  readonly bypassSetArn: string;
  /** Literal prefixes, or a Terraform list expression (module rendering) expanded with `dynamic`. */
  readonly reachablePathPrefixes: readonly string[] | { readonly expression: string[] };
}

export const ACCEPT_HEADER = 'accept';
export const HTML_MEDIA_TYPE = 'text/html';

const ipSetReference = (arn: string): Statement => ({ ip_set_reference_statement: { arn } });
const anyOf = (statements: Statement[]): Statement => ({ or_statement: { statement: statements } });
const not = (statement: Statement): Statement => ({ not_statement: { statement: [statement] } });

export function acceptsHtml(): Statement {
  return {
    byte_match_statement: {
      field_to_match: { single_header: { name: ACCEPT_HEADER } },
      positional_constraint: 'CONTAINS',
      search_string: HTML_MEDIA_TYPE,
      text_transformation: [{ priority: 0, type: 'LOWERCASE' }],
    },
  };
}

export function pathStartsWith(prefix: string): Statement {
  return {
    byte_match_statement: {
      field_to_match: { uri_path: {} },
      positional_constraint: 'STARTS_WITH',
      search_string: prefix,
      text_transformation: [{ priority: 0, type: 'NONE' }],
    },
  };
}

function allOf(
  statements: Statement[],
  prefixes: StatementInputs['reachablePathPrefixes'],
): Statement {
  if ('expression' in prefixes) {
    const dynamicPrefixes = {
      statement: {
        for_each: prefixes.expression,
        iterator: 'prefix',
        content: not(pathStartsWith('${prefix.value}')),
      },
    };
    return { and_statement: { statement: statements, dynamic: dynamicPrefixes } };
  }
  const reachable = prefixes.map((prefix) => not(pathStartsWith(prefix)));
  return { and_statement: { statement: [...statements, ...reachable] } };
}

const tokenIn = (arn: string, field: Statement): Statement => ({
  regex_pattern_set_reference_statement: {
    arn,
    field_to_match: field,
    text_transformation: [{ priority: 0, type: 'NONE' }],
  },
});

/**
 * The request carries a token the bypass set holds, in the header or in the cookie. Oversize
 * cookies (past WAF's first 8 KB or 200 cookies): CONTINUE inspects the cookies that fit, so a
 * tester with a big cookie jar may still get in; MATCH would let any oversize request through.
 */
export function carriesBypassToken(bypassSetArn: string): Statement {
  return anyOf([
    tokenIn(bypassSetArn, { single_header: { name: BYPASS_HEADER } }),
    tokenIn(bypassSetArn, {
      cookies: {
        match_pattern: { included_cookies: [BYPASS_COOKIE] },
        match_scope: 'VALUE',
        oversize_handling: 'CONTINUE',
      },
    }),
  ]);
}

/** Labelled by the bypass rule earlier in the same group (a local key: the group's namespace). */
export function bypassLabelled(): Statement {
  return { label_match_statement: { scope: 'LABEL', key: BYPASS_LABEL } };
}

/** Visitors the switch is on for: in an active set, in no allow set, and without a valid token. */
function switchedOn(inputs: StatementInputs): Statement[] {
  const arns = inputs.setArns;
  return [
    anyOf([ipSetReference(arns['active-ipv4']), ipSetReference(arns['active-ipv6'])]),
    not(anyOf([ipSetReference(arns['allow-ipv4']), ipSetReference(arns['allow-ipv6'])])),
    not(bypassLabelled()),
  ];
}

export function apiRuleStatement(inputs: StatementInputs): Statement {
  return allOf([...switchedOn(inputs), not(acceptsHtml())], inputs.reachablePathPrefixes);
}

export function pageRuleStatement(inputs: StatementInputs): Statement {
  return allOf(switchedOn(inputs), inputs.reachablePathPrefixes);
}
