// Deriving an environment's state from its four sets. AWS is the single source of truth.
import { isExpired, parseEntry } from './bypass-token.js';
import {
  BYPASS,
  SET_ROLES,
  type EnvironmentContents,
  type SetContents,
  type SetTarget,
  type State,
} from './types.js';

/** What the active sets hold while maintenance is on: all of each address space (WAF rejects /0). */
export const FULL_ACTIVE: Readonly<Record<'active-ipv4' | 'active-ipv6', readonly string[]>> = {
  'active-ipv4': ['0.0.0.0/1', '128.0.0.0/1'],
  'active-ipv6': ['::/1', '8000::/1'],
};

export const EMPTY_CONTENTS: SetContents = {
  'active-ipv4': [],
  'active-ipv6': [],
  'allow-ipv4': [],
  'allow-ipv6': [],
};

type ActiveRole = keyof typeof FULL_ACTIVE;
type ActiveLevel = 'full' | 'empty' | 'partial';

export interface DerivedState {
  readonly state: State;
  /** Why the state is `inconsistent`, one sentence per finding, naming the sets. Empty otherwise. */
  readonly inconsistencies: readonly string[];
}

export function sameAddresses(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedB = [...b].sort();
  return [...a].sort().every((value, i) => value === sortedB[i]);
}

function activeLevel(role: ActiveRole, addresses: readonly string[]): ActiveLevel {
  if (addresses.length === 0) return 'empty';
  return sameAddresses(addresses, FULL_ACTIVE[role]) ? 'full' : 'partial';
}

/** True while any visitor may be blocked: an active set holds something. */
export function hasActiveAddresses(contents: SetContents): boolean {
  return contents['active-ipv4'].length > 0 || contents['active-ipv6'].length > 0;
}

export function isMaintenanceOn(contents: SetContents): boolean {
  return (
    activeLevel('active-ipv4', contents['active-ipv4']) === 'full' &&
    activeLevel('active-ipv6', contents['active-ipv6']) === 'full'
  );
}

/**
 * The state table of docs (README "States"). `nameOf` turns a role into the set's WAF name so
 * findings say exactly which set is in which state. `liveTokens` counts the bypass tokens that
 * still let someone in: with the allow sets empty they alone make the state allowlisted.
 */
export function deriveState(
  contents: SetContents,
  nameOf: (target: SetTarget) => string,
  liveTokens = 0,
): DerivedState {
  const v4 = activeLevel('active-ipv4', contents['active-ipv4']);
  const v6 = activeLevel('active-ipv6', contents['active-ipv6']);
  const allowCount = contents['allow-ipv4'].length + contents['allow-ipv6'].length;

  if (v4 === 'empty' && v6 === 'empty' && allowCount === 0 && liveTokens === 0)
    return { state: 'normal', inconsistencies: [] };
  if (v4 === 'full' && v6 === 'full') {
    return {
      state: allowCount + liveTokens === 0 ? 'maintenance' : 'maintenance-allowlisted',
      inconsistencies: [],
    };
  }

  const findings: string[] = [];
  const describe = (role: ActiveRole, level: ActiveLevel, family: string): void => {
    if (level !== 'partial') return;
    const coversAll = FULL_ACTIVE[role].every((half) => contents[role].includes(half));
    const effect = coversAll
      ? `every ${family} visitor is blocked, but the set also holds other entries`
      : `${family} visitors in those ranges are blocked, others are not`;
    findings.push(
      `${nameOf(role)} holds ${contents[role].join(', ')} instead of ${FULL_ACTIVE[role].join(', ')} (on) or nothing (off): ${effect}`,
    );
  };
  describe('active-ipv4', v4, 'IPv4');
  describe('active-ipv6', v6, 'IPv6');
  if (v4 !== v6 && v4 !== 'partial' && v6 !== 'partial') {
    const [on, off] = v4 === 'full' ? ['IPv4', 'IPv6'] : ['IPv6', 'IPv4'];
    const onRole = v4 === 'full' ? 'active-ipv4' : 'active-ipv6';
    const offRole = v4 === 'full' ? 'active-ipv6' : 'active-ipv4';
    findings.push(
      `${nameOf(onRole)} is full but ${nameOf(offRole)} is empty: ${on} visitors see the maintenance page while ${off} visitors reach the site`,
    );
  }
  if (v4 === 'empty' && v6 === 'empty' && allowCount > 0) {
    const holding = SET_ROLES.filter((r) => r.startsWith('allow') && contents[r].length > 0);
    findings.push(
      `maintenance is off but ${holding.map(nameOf).join(' and ')} still hold${holding.length === 1 ? 's' : ''} tester addresses (${allowCount})`,
    );
  }
  if (v4 === 'empty' && v6 === 'empty' && liveTokens > 0) {
    findings.push(
      `maintenance is off but ${nameOf(BYPASS)} still holds ${liveTokens} live bypass token${liveTokens === 1 ? '' : 's'}`,
    );
  }
  return { state: 'inconsistent', inconsistencies: findings };
}

/** Bypass entries whose token has not expired: they alone let their holders in. */
export function liveEntries(entries: readonly string[], now: Date): readonly string[] {
  return entries.filter((entry) => !isExpired(parseEntry(entry), now));
}

/** The state an environment's contents make: its IP sets, and its live bypass tokens. */
export function stateOf(
  contents: EnvironmentContents,
  nameOf: (target: SetTarget) => string,
  now: Date,
): DerivedState {
  return deriveState(contents.sets, nameOf, liveEntries(contents.bypass, now).length);
}
