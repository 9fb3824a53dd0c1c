import { deriveState, EMPTY_CONTENTS, FULL_ACTIVE } from '../../src/domain/state.js';
import type { SetContents, SetTarget } from '../../src/domain/types.js';

const nameOf = (target: SetTarget): string => `shop-${target}`;
const on: SetContents = { ...EMPTY_CONTENTS, ...FULL_ACTIVE };

describe('deriveState', () => {
  it('reads the state table of docs/architecture.md', () => {
    expect(deriveState(EMPTY_CONTENTS, nameOf)).toEqual({ state: 'normal', inconsistencies: [] });
    expect(deriveState(on, nameOf).state).toBe('maintenance');
    expect(deriveState({ ...on, 'allow-ipv6': ['2001:db8::/48'] }, nameOf).state).toBe(
      'maintenance-allowlisted',
    );
  });

  it('treats the halves of an address space in any order as full', () => {
    const reordered = { ...on, 'active-ipv4': ['128.0.0.0/1', '0.0.0.0/1'] };
    expect(deriveState(reordered, nameOf).state).toBe('maintenance');
  });

  it('names the sets and the visitors affected when one family is on and the other off', () => {
    const half = { ...EMPTY_CONTENTS, 'active-ipv4': FULL_ACTIVE['active-ipv4'] };
    const derived = deriveState(half, nameOf);
    expect(derived.state).toBe('inconsistent');
    expect(derived.inconsistencies).toEqual([
      'shop-active-ipv4 is full but shop-active-ipv6 is empty: IPv4 visitors see the maintenance page while IPv6 visitors reach the site',
    ]);
  });

  it('reports a partly filled active set with its contents', () => {
    const odd = { ...on, 'active-ipv6': ['::/1'] };
    const derived = deriveState(odd, nameOf);
    expect(derived.state).toBe('inconsistent');
    expect(derived.inconsistencies[0]).toContain(
      'shop-active-ipv6 holds ::/1 instead of ::/1, 8000::/1',
    );
  });

  it('reports tester addresses left behind while maintenance is off', () => {
    const left = { ...EMPTY_CONTENTS, 'allow-ipv4': ['203.0.113.0/24', '198.51.100.7/32'] };
    const derived = deriveState(left, nameOf);
    expect(derived.state).toBe('inconsistent');
    expect(derived.inconsistencies).toEqual([
      'maintenance is off but shop-allow-ipv4 still holds tester addresses (2)',
    ]);
  });
});
