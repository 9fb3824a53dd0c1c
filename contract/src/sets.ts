// The sets that hold an environment's switch. The module creates them under these names; the action
// finds them by these names (ListIPSets / ListRegexPatternSets), never by id.

/** The four IP sets that hold the switch, by role. Their WAF names are `${prefix}-${role}`. */
export const SET_ROLES = ['active-ipv4', 'active-ipv6', 'allow-ipv4', 'allow-ipv6'] as const;
export type SetRole = (typeof SET_ROLES)[number];

/** The regex pattern set of bypass tokens (issue 9): `${prefix}-bypass`, same scope as the IP sets. */
export const BYPASS_SET_ROLE = 'bypass';

/** The five sets a command reads and writes: the four IP sets and the bypass set. */
export type SetTarget = SetRole | typeof BYPASS_SET_ROLE;
export const SET_TARGETS: readonly SetTarget[] = [...SET_ROLES, BYPASS_SET_ROLE];

export type Family = 'IPV4' | 'IPV6';

export function setName(prefix: string, target: SetTarget): string {
  return `${prefix}-${target}`;
}

export function bypassSetName(prefix: string): string {
  return `${prefix}-${BYPASS_SET_ROLE}`;
}

export function familyOf(role: SetRole): Family {
  return role.endsWith('ipv4') ? 'IPV4' : 'IPV6';
}
