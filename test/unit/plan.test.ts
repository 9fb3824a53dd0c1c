import { entryFor, formatToken } from '../../src/domain/bypass-token.js';
import { InputError } from '../../src/domain/errors.js';
import { planCommand, type PlanRequest } from '../../src/domain/plan.js';
import { EMPTY_CONTENTS, FULL_ACTIVE } from '../../src/domain/state.js';
import type {
  CidrsByFamily,
  Command,
  EnvironmentContents,
  SetContents,
  SetTarget,
} from '../../src/domain/types.js';

const testers: CidrsByFamily = { ipv4: ['203.0.113.0/24'], ipv6: ['2001:db8:1234::/48'] };
const none: CidrsByFamily = { ipv4: [], ipv6: [] };
const on: SetContents = { ...EMPTY_CONTENTS, ...FULL_ACTIVE };
const allowlisted: SetContents = { ...on, 'allow-ipv4': testers.ipv4, 'allow-ipv6': testers.ipv6 };
const now = new Date('2026-11-26T09:00:00Z');
const nameOf = (target: SetTarget): string => `shop-${target}`;
const invoker = { actor: 'alice', run: 'acme/shop/actions/runs/1' };

function entry(expiresAt: string, fill = 'A'): string {
  return entryFor(formatToken(new Date(expiresAt), Buffer.alloc(24, fill)));
}
const live = entry('2026-11-26T12:00:00Z', 'L');
const expired = entry('2026-11-26T08:00:00Z', 'E');

function contents(sets: SetContents, bypass: readonly string[] = []): EnvironmentContents {
  return { sets, activeDescription: undefined, bypass };
}

function plan(
  command: Command,
  read: EnvironmentContents,
  extra: Partial<PlanRequest> = {},
): ReturnType<typeof planCommand> {
  return planCommand({ command, allowlist: testers, invoker, ...extra }, read, nameOf, now);
}

describe('planCommand', () => {
  it('enter fills both active sets and writes only those two, with a window record', () => {
    const p = plan('enter', contents(EMPTY_CONTENTS));
    expect(p.desired.sets).toEqual(on);
    expect(p.phases).toEqual([['active-ipv4', 'active-ipv6']]);
    expect(p.desired.activeDescription).toMatch(/^mw2 s=20261126T090000Z b=alice /);
    expect(p.state).toBe('maintenance');
  });

  it('enter while already on changes nothing, testers and live tokens included', () => {
    const read = { ...contents(allowlisted, [live]), activeDescription: 'since=x by=a run=r' };
    expect(plan('enter', read, { allowlist: none }).phases).toEqual([]);
  });

  it('enter shuts stale testers and tokens out before it switches maintenance on', () => {
    const half = {
      ...EMPTY_CONTENTS,
      'active-ipv6': FULL_ACTIVE['active-ipv6'],
      'allow-ipv4': ['10.0.0.0/8'],
    };
    const p = plan('enter', contents(half, [live]));
    expect(p.desired.sets).toEqual(on);
    expect(p.desired.bypass).toEqual([]);
    // A failure in the first phase leaves maintenance off, so running enter again repairs.
    expect(p.phases).toEqual([['allow-ipv4', 'bypass'], ['active-ipv4']]);
  });

  it('exit empties every set, the bypass set too', () => {
    const p = plan('exit', contents(allowlisted, [live]));
    expect(p.desired.sets).toEqual(EMPTY_CONTENTS);
    expect(p.desired.bypass).toEqual([]);
    expect(p.phases).toEqual([
      ['active-ipv4', 'active-ipv6', 'allow-ipv4', 'allow-ipv6', 'bypass'],
    ]);
    expect(p.state).toBe('normal');
  });

  it('allowlist-on writes the testers by family; allowlist-off removes them and every token', () => {
    expect(plan('allowlist-on', contents(on)).desired.sets).toEqual(allowlisted);
    const off = plan('allowlist-off', contents(allowlisted, [live]));
    expect(off.desired.sets).toEqual(on);
    expect(off.desired.bypass).toEqual([]);
    expect(off.state).toBe('maintenance');
  });

  it('allowlist-on with a token adds its entry and drops the expired ones (a change)', () => {
    const mine = entry('2026-11-26T15:00:00Z', 'M');
    const p = plan('allowlist-on', contents(on, [expired, live]), {
      allowlist: none,
      bypassEntry: mine,
    });
    expect(p.desired.bypass).toEqual([live, mine]);
    expect(p.expiredDropped).toBe(1);
    expect(p.phases).toEqual([['bypass']]);
    // Testers let in by token alone: the allow sets are empty but the site is allowlisted.
    expect(p.state).toBe('maintenance-allowlisted');
  });

  it('every writing command drops expired tokens, even when nothing else changes', () => {
    const p = plan('enter', {
      ...contents(on, [expired]),
      activeDescription: 'since=x by=a run=r',
    });
    expect(p.desired.bypass).toEqual([]);
    expect(p.phases).toEqual([['bypass']]);
  });

  it('a full bypass set fails clearly before any write, counting only live tokens', () => {
    const ten = Array.from({ length: 10 }, (_, i) =>
      entry('2026-11-26T12:00:00Z', String.fromCharCode(65 + i)),
    );
    const mine = entry('2026-11-26T15:00:00Z', 'z');
    expect(() => plan('allowlist-on', contents(on, ten), { bypassEntry: mine })).toThrow(
      /bypass set is full: it already holds 10 live tokens/,
    );
    // Expired entries make room.
    const withExpired = [...ten.slice(0, 9), expired];
    expect(
      plan('allowlist-on', contents(on, withExpired), { bypassEntry: mine }).desired.bypass,
    ).toHaveLength(10);
  });

  it('allowlist-on refuses when maintenance is off, saying what to run', () => {
    expect(() => plan('allowlist-on', contents(EMPTY_CONTENTS))).toThrow(InputError);
    expect(() => plan('allowlist-on', contents(EMPTY_CONTENTS))).toThrow(/run `enter` first/);
  });

  it('allowlist-on refuses an empty allow list without a token instead of writing nothing', () => {
    expect(() => plan('allowlist-on', contents(on), { allowlist: none })).toThrow(
      /no address to allow/,
    );
  });

  it('status keeps everything as it is and writes nothing, expired tokens included', () => {
    const p = plan('status', contents(allowlisted, [expired]), { allowlist: none });
    expect(p.phases).toEqual([]);
    expect(p.state).toBe('maintenance-allowlisted');
  });
});
