// What a command that did not hold says: why it gave up, and what the sets read.
import { EMPTY_CONTENTS, FULL_ACTIVE } from '../../src/domain/state.js';
import { setName, type Environment, type EnvironmentContents } from '../../src/domain/types.js';
import { ConcurrentChangeError } from '../../src/engine/concurrent-change-error.js';

const environment: Environment = {
  key: 'production',
  name: 'shop',
  scope: 'REGIONAL',
  region: 'eu-west-1',
  testers: [],
};
const normal: EnvironmentContents = {
  sets: EMPTY_CONTENTS,
  activeDescription: undefined,
  bypass: [],
};
const maintenance: EnvironmentContents = { ...normal, sets: { ...EMPTY_CONTENTS, ...FULL_ACTIVE } };

function error(unsettled?: boolean): ConcurrentChangeError {
  return new ConcurrentChangeError({
    command: 'enter',
    environment,
    before: normal,
    read: maintenance,
    rounds: 3,
    written: ['active-ipv4'],
    nameOf: (target) => setName(environment.name, target),
    now: new Date('2026-11-26T02:00:00Z'),
    ...(unsettled ? { unsettled } : {}),
  });
}

it('says the sets still differ when its last read was the sets at one instant', () => {
  expect(error().message).toContain(
    'enter on production (shop) did not hold: another writer changed the sets while it ran, and after 3 write rounds the sets still differ from what it wants. The sets now read maintenance.',
  );
});

it('says the sets kept changing when no two of its reads after the writes agreed', () => {
  expect(error(true).message).toContain(
    'enter on production (shop) did not hold: another writer changed the sets while it ran, and after 3 write rounds they were still changing each time it read them back. The sets now read maintenance.',
  );
});
