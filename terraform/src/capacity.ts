// Web ACL capacity units (WCUs) of the rule group, computed from the statements themselves with
// the costs AWS publishes in the AWS WAF Developer Guide (docs.aws.amazon.com/waf/latest/
// developerguide/: waf-rule-statements-match.html and the pages of each statement it lists):
//   IP set match 1 (waf-rule-statement-type-ipset-match);
//   string match 2 for EXACTLY/STARTS_WITH/ENDS_WITH, 10 for CONTAINS/CONTAINS_WORD
//     (waf-rule-statement-type-string-match);
//   regex pattern set match 25 per set referenced (waf-rule-statement-type-regex-pattern-set-match;
//     +10 for All query parameters, x2 for JSON body, neither used here);
//   label match 1 (waf-rule-statement-type-label-match);
//   +10 per text transformation other than NONE (waf-rule-statement-transformation);
//   AND/OR/NOT cost what their nested statements cost (waf-rule-statements-logical);
//   a rule's action (Count) and its labels add nothing.
//
// N-bypass = 2 regex pattern set references (header, cookie), no transformation  = 50
// N-api    = 4 IP set refs (4) + label (1) + Accept CONTAINS with LOWERCASE (20) + 2 per prefix = 25 + 2P
// N-page   = 4 IP set refs (4) + label (1)                                      + 2 per prefix =  5 + 2P
// total    = 80 + 4P; with the maximum of 10 prefixes, 120.
//
// A rule group's capacity is fixed at creation (changing it replaces the group, which needs the web
// ACL to drop its reference first), so it is declared once with headroom: 150 WCUs, room for one
// more CONTAINS-with-transformation condition (20) and a few more labels or IP sets. A web ACL that
// references the group pays these 150 of its 1,500 WCUs included in the base price.

import type { Statement } from './rule-statements.js';

export const RULE_GROUP_CAPACITY = 150;
export const MAX_REACHABLE_PATH_PREFIXES = 10;

const MATCH_BASE_COST: Record<string, number> = {
  EXACTLY: 2,
  STARTS_WITH: 2,
  ENDS_WITH: 2,
  CONTAINS: 10,
  CONTAINS_WORD: 10,
};
const TRANSFORMATION_COST = 10;
const REGEX_PATTERN_SET_COST = 25;
const LABEL_MATCH_COST = 1;

function transformationsCost(transformations: readonly { type: string }[]): number {
  return TRANSFORMATION_COST * transformations.filter((t) => t.type !== 'NONE').length;
}

function nested(block: unknown): Statement[] {
  const statements = (block as { statement?: Statement | Statement[] }).statement;
  if (statements === undefined) return [];
  return Array.isArray(statements) ? statements : [statements];
}

/** WCUs of one statement in the module's Terraform block structure. */
export function statementCapacity(statement: Statement): number {
  let total = 0;
  for (const [kind, body] of Object.entries(statement)) {
    switch (kind) {
      case 'and_statement':
      case 'or_statement':
      case 'not_statement':
        if ((body as { dynamic?: unknown }).dynamic !== undefined) {
          throw new Error(
            'capacity of a dynamic (Terraform-expanded) statement cannot be computed',
          );
        }
        total += nested(body).reduce((sum, inner) => sum + statementCapacity(inner), 0);
        break;
      case 'ip_set_reference_statement':
        total += 1;
        break;
      case 'byte_match_statement': {
        const match = body as {
          positional_constraint: string;
          text_transformation: { type: string }[];
        };
        const base = MATCH_BASE_COST[match.positional_constraint];
        if (base === undefined)
          throw new Error(`unknown match type ${match.positional_constraint}`);
        total += base + transformationsCost(match.text_transformation);
        break;
      }
      case 'regex_pattern_set_reference_statement': {
        const match = body as { text_transformation: { type: string }[] };
        total += REGEX_PATTERN_SET_COST + transformationsCost(match.text_transformation);
        break;
      }
      case 'label_match_statement':
        total += LABEL_MATCH_COST;
        break;
      default:
        throw new Error(`no WCU cost known for ${kind}`);
    }
  }
  return total;
}
