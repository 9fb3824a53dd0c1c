// The edge refuses what it cannot evaluate: an unknown statement or field must never turn into
// a silent allow (or block) that makes a test pass for the wrong reason.

export class UnsupportedWafFeature extends Error {
  constructor(where: string, what: string) {
    super(`edge cannot evaluate ${where}: ${what}`);
    this.name = 'UnsupportedWafFeature';
  }
}

/**
 * Members the Terraform aws provider always sends, empty, on web ACLs and rules: their defaults
 * only matter to CAPTCHA and Challenge actions, so empty they change nothing the edge evaluates.
 */
const INERT_WHEN_EMPTY = ['CaptchaConfig', 'ChallengeConfig'];
const isEmptyObject = (value: unknown) =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 0;

/** Fails when `shape` has a member the edge does not evaluate (members set to undefined are absent). */
export function onlyKnownMembers(shape: object, known: readonly string[], where: string): void {
  const unknown = Object.entries(shape)
    .filter(([key, value]) => value !== undefined && !known.includes(key))
    .filter(([key, value]) => !(INERT_WHEN_EMPTY.includes(key) && isEmptyObject(value)))
    .map(([key]) => key);
  if (unknown.length > 0)
    throw new UnsupportedWafFeature(where, `unknown member(s) ${unknown.join(', ')}`);
}

/**
 * The one member set on a union-like shape (Statement, RuleAction, FieldToMatch...): its name, its
 * value, and where it is for messages (`where.Name`).
 */
export function soleMember(shape: object, where: string): [string, unknown, string] {
  const set = Object.entries(shape as Record<string, unknown>).filter(
    ([, value]) => value !== undefined,
  );
  if (set.length !== 1 || set[0] === undefined)
    throw new UnsupportedWafFeature(
      where,
      `expected exactly one member, got ${set.map(([k]) => k).join(', ') || 'none'}`,
    );
  const [kind, value] = set[0];
  return [kind, value, `${where}.${kind}`];
}
