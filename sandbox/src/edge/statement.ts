// A rule's statement tree: AND, OR, NOT over IP set references, byte matches, regex pattern set
// references and label matches. Every branch is
// evaluated (no short-circuit), so an unsupported statement fails on the first request instead of
// hiding behind a sibling that happened to decide the result.
import type {
  ByteMatchStatement,
  IPSetReferenceStatement,
  LabelMatchStatement,
  RegexPatternSetReferenceStatement,
  Statement,
} from '@aws-sdk/client-wafv2';
import { matchesByteMatch } from './byte-match.js';
import { matchesIpSet } from './ip-set-match.js';
import { matchesLabel } from './label-match.js';
import type { IpSetsByArn, RegexSetsByArn } from './referenced-set.js';
import { matchesRegexSet } from './regex-set-match.js';
import { onlyKnownMembers, soleMember, UnsupportedWafFeature } from './unsupported.js';
import type { WebRequest } from './web-request.js';

export interface InspectionContext {
  readonly request: WebRequest;
  readonly ipSets: IpSetsByArn;
  /** Default: none loaded (a reference to one fails). */
  readonly regexSets?: RegexSetsByArn;
  /** Labels earlier rules added to the request, fully qualified. Default: none. */
  readonly labels?: readonly string[];
  /** Label namespace of the rule group or web ACL that defines the rule being evaluated. */
  readonly labelNamespace?: string | undefined;
}

const NO_REGEX_SETS: RegexSetsByArn = new Map();

export function matchesStatement(
  statement: Statement,
  context: InspectionContext,
  where: string,
): boolean {
  const [kind, inner, at] = soleMember(statement, where);
  switch (kind) {
    case 'AndStatement':
      return children(inner, context, at).every(Boolean);
    case 'OrStatement':
      return children(inner, context, at).some(Boolean);
    case 'NotStatement': {
      onlyKnownMembers(inner as object, ['Statement'], at);
      const negated = (inner as { Statement?: Statement }).Statement;
      if (!negated) throw new UnsupportedWafFeature(at, 'NotStatement without Statement');
      return !matchesStatement(negated, context, `${at}.Statement`);
    }
    case 'IPSetReferenceStatement':
      return matchesIpSet(
        inner as IPSetReferenceStatement,
        context.request.clientIp,
        context.ipSets,
        at,
      );
    case 'ByteMatchStatement':
      return matchesByteMatch(inner as ByteMatchStatement, context.request, at);
    case 'RegexPatternSetReferenceStatement':
      return matchesRegexSet(
        inner as RegexPatternSetReferenceStatement,
        context.request,
        context.regexSets ?? NO_REGEX_SETS,
        at,
      );
    case 'LabelMatchStatement':
      return matchesLabel(
        inner as LabelMatchStatement,
        { labels: context.labels ?? [], namespace: context.labelNamespace },
        at,
      );
    default:
      throw new UnsupportedWafFeature(at, `statement ${kind}`);
  }
}

function children(inner: unknown, context: InspectionContext, where: string): boolean[] {
  onlyKnownMembers(inner as object, ['Statements'], where);
  const statements = (inner as { Statements?: Statement[] }).Statements;
  if (!statements || statements.length === 0)
    throw new UnsupportedWafFeature(where, 'no Statements');
  return statements.map((s, i) => matchesStatement(s, context, `${where}.Statements[${i}]`));
}
