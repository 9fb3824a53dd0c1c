import { InputError } from '../../src/domain/errors.js';
import { desiredContents, rolesToWrite } from '../../src/domain/plan.js';
import { EMPTY_CONTENTS, FULL_ACTIVE } from '../../src/domain/state.js';
import type { CidrsByFamily, SetContents } from '../../src/domain/types.js';

const testers: CidrsByFamily = { ipv4: ['203.0.113.0/24'], ipv6: ['2001:db8:1234::/48'] };
const none: CidrsByFamily = { ipv4: [], ipv6: [] };
const on: SetContents = { ...EMPTY_CONTENTS, ...FULL_ACTIVE };
const allowlisted: SetContents = { ...on, 'allow-ipv4': testers.ipv4, 'allow-ipv6': testers.ipv6 };

describe('desiredContents', () => {
  it('enter fills both active sets and writes only those two', () => {
    const desired = desiredContents('enter', EMPTY_CONTENTS, 'normal', testers);
    expect(desired).toEqual(on);
    expect(rolesToWrite(EMPTY_CONTENTS, desired)).toEqual(['active-ipv4', 'active-ipv6']);
  });

  it('enter while already on changes nothing, testers included', () => {
    expect(
      rolesToWrite(
        allowlisted,
        desiredContents('enter', allowlisted, 'maintenance-allowlisted', none),
      ),
    ).toEqual([]);
  });

  it('enter repairs a half-switched environment and shuts out stale testers', () => {
    const half = {
      ...EMPTY_CONTENTS,
      'active-ipv6': FULL_ACTIVE['active-ipv6'],
      'allow-ipv4': ['10.0.0.0/8'],
    };
    const desired = desiredContents('enter', half, 'inconsistent', testers);
    expect(desired).toEqual(on);
    expect(rolesToWrite(half, desired)).toEqual(['active-ipv4', 'allow-ipv4']);
  });

  it('exit empties every set', () => {
    expect(desiredContents('exit', allowlisted, 'maintenance-allowlisted', testers)).toEqual(
      EMPTY_CONTENTS,
    );
    expect(rolesToWrite(allowlisted, EMPTY_CONTENTS)).toEqual([
      'active-ipv4',
      'active-ipv6',
      'allow-ipv4',
      'allow-ipv6',
    ]);
  });

  it('allowlist-on writes the testers by family; allowlist-off removes them', () => {
    expect(desiredContents('allowlist-on', on, 'maintenance', testers)).toEqual(allowlisted);
    expect(
      desiredContents('allowlist-off', allowlisted, 'maintenance-allowlisted', testers),
    ).toEqual(on);
  });

  it('allowlist-on refuses when maintenance is off, saying what to run', () => {
    expect(() => desiredContents('allowlist-on', EMPTY_CONTENTS, 'normal', testers)).toThrow(
      InputError,
    );
    expect(() => desiredContents('allowlist-on', EMPTY_CONTENTS, 'normal', testers)).toThrow(
      /run `enter` first/,
    );
  });

  it('allowlist-on refuses an empty allow list instead of writing nothing silently', () => {
    expect(() => desiredContents('allowlist-on', on, 'maintenance', none)).toThrow(
      /no address to allow/,
    );
  });

  it('status keeps everything as it is', () => {
    expect(desiredContents('status', allowlisted, 'maintenance-allowlisted', none)).toBe(
      allowlisted,
    );
  });
});
