// Regex pattern sets: lists of regular expressions (the five operations are set-operations.ts').
// Shapes from botocore's wafv2 model (2019-07-29): RegularExpressionList
// is a list with no minimum (an empty set is valid) of Regex { RegexString: 1..512 chars }; the
// service quotas are lower (10 regular expressions per set, 200 characters each) and answer
// WAFLimitsExceededException.

import { invalidParameter, limitsExceeded } from './aws-error.js';
import { locate, SCOPES } from './context.js';
import type { SetType } from './set-operations.js';
import { DESCRIPTION_RULE, NAME_RULE, validated, type Input, type InputChecks } from './input.js';
import {
  publicFields,
  replaceDescription,
  type RegexPatternSetRecord,
  type ResourceStore,
} from './store.js';
import type { StoredRegexPatternSet } from './types.js';

/** WAF quotas (not adjustable): regular expressions per set, characters per expression. */
export const MAX_REGEXES_PER_SET = 10;
export const MAX_REGEX_LENGTH = 200;
const REGEX_STRING_RULE = { min: 1, max: 512, pattern: /^.*$/s };

/** `RegularExpressionList: [{RegexString}]`, required; model checks only. */
function regexList(c: InputChecks): string[] {
  return c.fieldStrings('RegularExpressionList', 'RegexString', REGEX_STRING_RULE);
}

/** The service's checks after the model's: quotas, then that each expression compiles. */
function checkRegexes(regexes: readonly string[]): string[] {
  if (regexes.length > MAX_REGEXES_PER_SET)
    throw limitsExceeded(
      `(at most ${MAX_REGEXES_PER_SET} regular expressions per regex pattern set, got ${regexes.length})`,
    );
  for (const regex of regexes) {
    if (regex.length > MAX_REGEX_LENGTH)
      throw limitsExceeded(
        `(at most ${MAX_REGEX_LENGTH} characters per regular expression, got ${regex.length})`,
      );
    try {
      new RegExp(regex);
    } catch {
      throw invalidParameter('REGEX_PATTERN_SET', regex, 'The regular expression is not valid.');
    }
  }
  return [...regexes];
}

/** A copy in the public shape, so callers cannot change the store behind its back. */
export function publicRegexPatternSet(r: RegexPatternSetRecord): StoredRegexPatternSet {
  return { ...publicFields(r), regularExpressions: [...r.regularExpressions] };
}

/** CreateRegexPatternSet's checks and effect, for the API and for direct seeding alike. */
export function createRegexPatternSetFromInput(
  store: ResourceStore,
  account: string,
  region: string,
  raw: Input,
): RegexPatternSetRecord {
  const input = validated(raw, (c) => ({
    name: c.string('Name', NAME_RULE, true),
    scope: c.oneOf('Scope', SCOPES),
    description: c.string('Description', DESCRIPTION_RULE),
    regexes: regexList(c),
    tags: c.tags('Tags', { required: false }),
  }));
  return store.create<RegexPatternSetRecord>({
    kind: 'regexpatternset',
    ...locate(account, region, input.scope),
    name: input.name,
    regularExpressions: checkRegexes(input.regexes),
    ...(input.description !== undefined ? { description: input.description } : {}),
    tags: input.tags,
  });
}

/** UpdateRegexPatternSet replaces the mutable fields: an omitted Description clears it. */
export function replaceRegexes(
  set: RegexPatternSetRecord,
  regexes: readonly string[],
  description?: string,
): string {
  set.regularExpressions = checkRegexes(regexes);
  return replaceDescription(set, description);
}

export const REGEX_PATTERN_SET: SetType<'regexpatternset', string[], StoredRegexPatternSet> = {
  kind: 'regexpatternset',
  noun: 'RegexPatternSet',
  listKey: 'RegexPatternSets',
  create: createRegexPatternSetFromInput,
  shown: (set) => ({
    RegularExpressionList: set.regularExpressions.map((RegexString) => ({ RegexString })),
  }),
  entriesIn: regexList,
  check: (_set, regexes) => {
    checkRegexes(regexes);
  },
  replace: replaceRegexes,
  publicCopy: publicRegexPatternSet,
};
