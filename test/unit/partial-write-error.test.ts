// What a failed write says about each set when no read after the failure succeeded: a write WAF
// refused (a 4xx answer) changed nothing; one that got no answer may have been applied.
import { explainAwsError } from '../../src/aws/errors.js';
import { PartialWriteError, type FailedWrites } from '../../src/engine/partial-write-error.js';
import { setName, type EnvironmentContents } from '../../src/domain/types.js';

const EMPTY: EnvironmentContents = {
  sets: { 'active-ipv4': [], 'active-ipv6': [], 'allow-ipv4': [], 'allow-ipv6': [] },
  activeDescription: undefined,
  bypass: [],
};
const FULL: EnvironmentContents = {
  ...EMPTY,
  sets: {
    ...EMPTY.sets,
    'active-ipv4': ['0.0.0.0/1', '128.0.0.0/1'],
    'active-ipv6': ['::/1', '8000::/1'],
  },
};

const denied = explainAwsError(
  Object.assign(
    new Error('User: x is not authorized to perform: wafv2:UpdateIPSet on resource: arn6'),
    {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    },
  ),
  'UpdateIPSet',
  'arn6',
);
const noAnswer = explainAwsError(
  Object.assign(new Error('aborted'), { name: 'AbortError', cause: { name: 'WafTimeoutError' } }),
  'UpdateIPSet',
  'arn4',
);

function failed(overrides: Partial<FailedWrites>): PartialWriteError {
  return new PartialWriteError({
    command: 'enter',
    environment: {
      key: 'staging',
      name: 'shop',
      scope: 'REGIONAL',
      region: 'eu-west-1',
      testers: [],
    },
    before: EMPTY,
    asWritten: EMPTY,
    desired: FULL,
    written: [],
    failures: new Map(),
    reread: { error: new Error('no answer within 5 s') },
    nameOf: (target) => setName('shop', target),
    now: new Date('2026-11-26T02:00:00Z'),
    ...overrides,
  });
}

it('a refused write is NOT written; a write with no answer is unknown, and so is the state', () => {
  const error = failed({
    failures: new Map([
      ['active-ipv4', noAnswer],
      ['active-ipv6', denied],
    ]),
  });
  expect(error.message).toContain(
    'shop-active-ipv4: unknown: the write may have reached WAF, and no answer said whether it was applied (UpdateIPSet on arn4 got no answer before the timeout)',
  );
  expect(error.message).toContain(
    'shop-active-ipv6: NOT written (WAF refused it), still empty when last read (Access denied',
  );
  expect(error.message).not.toContain('it should be');
  expect([error.state, error.changed, error.previousState]).toEqual([
    'unknown',
    'unknown',
    'normal',
  ]);
  expect(error.problems[0]).toEqual({
    field: 'shop-active-ipv4',
    message: expect.stringContaining('unknown: UpdateIPSet on arn4') as unknown,
    value: { outcome: 'unknown' },
  });
});

it('refusals only: changed is false, and the state the answers make is given as unconfirmed', () => {
  const error = failed({
    failures: new Map([
      ['active-ipv4', denied],
      ['active-ipv6', denied],
    ]),
  });
  expect(error.changed).toBe(false);
  expect(error.state).toBe('unknown');
  expect(error.message).toContain(
    "By WAF's answers and the read before the writes, it should be normal, but no read has confirmed it.",
  );
});
