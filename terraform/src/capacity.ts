// Web ACL capacity units (WCUs) of the rule group, computed from the statements themselves with
// the costs AWS documents: IP set reference 1; string match 2 for EXACTLY/STARTS_WITH/ENDS_WITH,
// 10 for CONTAINS/CONTAINS_WORD, +10 per text transformation other than NONE; AND/OR/NOT cost what
// their nested statements cost.
//
// N-api  = 4 IP set refs (4) + Accept CONTAINS with LOWERCASE (20) + 2 per path prefix = 24 + 2P
// N-page = 4 IP set refs (4)                                      + 2 per path prefix =  4 + 2P
// total  = 28 + 4P; with the maximum of 10 prefixes, 68.
//
// A rule group's capacity is fixed at creation (changing it replaces the group, which needs the web
// ACL to drop its reference first), so it is declared once with headroom: 100 WCUs, which also
// leaves room for one more CONTAINS-with-transformation condition later. A web ACL that references
// the group pays these 100 of its 1,500 WCUs included in the base price.

import type { Statement } from './rule-statements.js';

export const RULE_GROUP_CAPACITY = 100;
export const MAX_REACHABLE_PATH_PREFIXES = 10;

const MATCH_BASE_COST: Record<string, number> = {
  EXACTLY: 2,
  STARTS_WITH: 2,
  ENDS_WITH: 2,
  CONTAINS: 10,
  CONTAINS_WORD: 10,
};
const TRANSFORMATION_COST = 10;

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
        const transformations = match.text_transformation.filter((t) => t.type !== 'NONE').length;
        total += base + TRANSFORMATION_COST * transformations;
        break;
      }
      default:
        throw new Error(`no WCU cost known for ${kind}`);
    }
  }
  return total;
}
