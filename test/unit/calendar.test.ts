// The maintenance calendar in the config (`windows:`): read, and every mistake at its line.
import { checkConfig, parseConfig } from '../../src/domain/config.js';
import { resolveConfig } from '../../src/domain/config-scope.js';
import { validateConfig } from '../../src/front-door/validate.js';
import {
  calendarWindowId,
  currentWindow,
  staleWindowProblems,
  upcomingWindows,
} from '../../src/domain/calendar.js';
import { formatProblem, InputError } from '../../src/domain/errors.js';

const FILE = '.github/maintenance.yml';
const ENVIRONMENTS = `environments:
  production:
    name: shop-prod
    scope: CLOUDFRONT
  staging:
    name: shop-staging
    scope: REGIONAL
    region: eu-west-1
`;

function problems(windows: string): string[] {
  try {
    parseConfig(`${ENVIRONMENTS}${windows}`, FILE);
  } catch (error) {
    if (error instanceof InputError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

describe('windows: in the config', () => {
  it('reads the example from the issue: UTC times, a stable id, auto-exit', () => {
    const config = parseConfig(
      `${ENVIRONMENTS}windows:
  - environments: [production]        # keys under environments:
    start: 2026-12-06T02:00:00+01:00
    end: 2026-12-06T04:00:00+01:00     # or duration: 2h
    reason: Database upgrade to 17
    auto-exit: true                     # default false: overrun alarms, a person decides
  - environments: [staging, production]
    start: 2026-12-07T02:00:00Z
    duration: 90m
`,
      FILE,
    );
    expect(config.calendar).toEqual([
      {
        id: calendarWindowId(Date.parse('2026-12-06T01:00:00Z'), ['production']),
        environments: ['production'],
        start: '2026-12-06T01:00:00.000Z',
        end: '2026-12-06T03:00:00.000Z',
        reason: 'Database upgrade to 17',
        autoExit: true,
        line: 10,
      },
      {
        id: calendarWindowId(Date.parse('2026-12-07T02:00:00Z'), ['production', 'staging']),
        environments: ['staging', 'production'],
        start: '2026-12-07T02:00:00.000Z',
        end: '2026-12-07T03:30:00.000Z',
        autoExit: false,
        line: 15,
      },
    ]);
    expect(config.calendar[0]!.id).toMatch(/^[0-9a-f]{12}$/);
  });

  it('gives the same id whatever the offset or the order of environments it was written with', () => {
    expect(calendarWindowId(Date.parse('2026-12-06T02:00:00+01:00'), ['b', 'a'])).toBe(
      calendarWindowId(Date.parse('2026-12-06T01:00:00Z'), ['a', 'b']),
    );
  });

  it('reports an end before the start, unknown environments and bad times at their lines', () => {
    expect(
      problems(`windows:
  - environments: [production, prodution]
    start: 2026-12-06T04:00:00+01:00
    end: 2026-12-06T02:00:00+01:00
  - environments: [staging]
    start: 2026-12-06 02:00
    duration: 2 hours
  - environments: [staging]
    start: 2026-12-08T02:00:00Z
  - environments: [staging]
    start: 2026-12-09T02:00:00Z
    end: 2026-12-09T03:00:00Z
    duration: 1h
`),
    ).toEqual([
      `${FILE}:10:32: windows[0].environments[1]: unknown environment 'prodution'; did you mean 'production'? (value: "prodution")`,
      `${FILE}:12:10: windows[0].end: ends before it starts (start 2026-12-06T03:00:00.000Z) (value: "2026-12-06T02:00:00+01:00")`,
      `${FILE}:14:12: windows[1].start: must be an ISO 8601 time with an offset, e.g. 2026-12-06T02:00:00+01:00 or 2026-12-06T01:00:00Z (value: "2026-12-06 02:00")`,
      `${FILE}:15:15: windows[1].duration: must be a whole number and a unit, m (minutes), h (hours), d (days), e.g. 5m or 6h or 1d (value: "2 hours")`,
      `${FILE}:16:5: windows[2]: missing 'end' (or 'duration'): a calendar window needs its planned end`,
      `${FILE}:21:15: windows[3].duration: give either 'end' or 'duration', not both`,
    ]);
  });

  it('reports overlapping windows on one environment, naming the other window', () => {
    expect(
      problems(`windows:
  - environments: [production, staging]
    start: 2026-12-06T02:00:00Z
    duration: 2h
  - environments: [staging]
    start: 2026-12-06T03:00:00Z
    duration: 2h
  - environments: [production]
    start: 2026-12-06T04:00:00Z
    duration: 1h
`),
    ).toEqual([
      `${FILE}:14:12: windows[1].start: overlaps the window on line 10 on environment 'staging' (2026-12-06T02:00:00.000Z to 2026-12-06T04:00:00.000Z); windows on one environment must not overlap (value: "2026-12-06T03:00:00.000Z")`,
    ]);
  });

  it('rejects unknown keys in a window, suggesting the near miss', () => {
    expect(
      problems(`windows:
  - environments: [production]
    start: 2026-12-06T02:00:00Z
    duration: 2h
    autoexit: true
`),
    ).toEqual([
      `${FILE}:13:5: windows[0].autoexit: unknown key 'autoexit'; did you mean 'auto-exit'? (value: "autoexit")`,
    ]);
  });

  it('finds stale windows (validate only), the current one and the upcoming ones', () => {
    const config = parseConfig(
      `${ENVIRONMENTS}windows:
  - environments: [production]
    start: 2026-12-01T02:00:00Z
    duration: 1h
  - environments: [production]
    start: 2026-12-06T02:00:00Z
    duration: 2h
  - environments: [staging]
    start: 2026-12-07T02:00:00Z
    duration: 2h
`,
      FILE,
    );
    const now = Date.parse('2026-12-06T03:00:00Z');
    expect(
      staleWindowProblems(config.calendar, FILE, now).map((p) => formatProblem(p.problem)),
    ).toEqual([
      `${FILE}:10: windows: starts more than a day in the past (2026-12-01T02:00:00.000Z); delete past windows from the calendar (value: "2026-12-01T02:00:00.000Z")`,
    ]);
    expect(currentWindow(config.calendar, 'production', now)?.line).toBe(13);
    expect(currentWindow(config.calendar, 'staging', now)).toBeUndefined();
    expect(upcomingWindows(config.calendar, undefined, now).map((w) => w.line)).toEqual([13, 16]);
    expect(upcomingWindows(config.calendar, 'staging', now).map((w) => w.line)).toEqual([16]);
  });

  it('takes max-duration per environment and reports a bad one at its line', () => {
    const config = parseConfig(
      ENVIRONMENTS.replace('scope: CLOUDFRONT', 'scope: CLOUDFRONT\n    max-duration: 4h'),
      FILE,
    );
    expect(config.environments[0]).toMatchObject({
      key: 'production',
      maxDurationMs: 4 * 3_600_000,
    });
    expect(problems('').length).toBe(0);
    expect(() =>
      parseConfig(
        ENVIRONMENTS.replace('scope: CLOUDFRONT', 'scope: CLOUDFRONT\n    max-duration: 4 hours'),
        FILE,
      ),
    ).toThrow(
      `${FILE}:5:19: environments.production.max-duration: must be a whole number and a unit`,
    );
  });
});

describe('calendar problems are scoped (#8)', () => {
  const text = `${ENVIRONMENTS}windows:
  - environments: [staging]
    start: 2026-12-06T04:00:00Z
    end: 2026-12-06T02:00:00Z
  - environments: [production]
    start: 2026-12-07T02:00:00Z
    duration: 1h
    autoexit: true
`;

  it('a bad window blocks reconcile on its own environment only', () => {
    const check = checkConfig(text, FILE);
    expect(() => resolveConfig(check, 'staging', 'reconcile')).toThrow(
      /windows\[0\]\.end: ends before it starts/,
    );
    expect(() => resolveConfig(check, 'production', 'reconcile')).toThrow(
      /windows\[1\]\.autoexit: unknown key/,
    );
    const onlyStaging = checkConfig(text.replace('    autoexit: true\n', ''), FILE);
    const resolved = resolveConfig(onlyStaging, 'production', 'reconcile');
    expect(resolved.environment.key).toBe('production');
    expect(resolved.warnings.map(formatProblem)).toEqual([
      expect.stringContaining('windows[0].end: ends before it starts'),
    ]);
  });

  it('never blocks the switching commands, which do not use the calendar', () => {
    const check = checkConfig(text, FILE);
    for (const command of ['enter', 'exit', 'status', 'allowlist-on'] as const) {
      expect(resolveConfig(check, 'staging', command).warnings).toHaveLength(2);
    }
  });
});

describe('validate and the calendar', () => {
  it('reports a window that started more than a day ago, and only in validate', () => {
    const text = `${ENVIRONMENTS}windows:
  - environments: [production]
    start: 2026-12-01T02:00:00Z
    duration: 1h
  - environments: [staging]
    start: 2026-12-05T12:00:00Z
    duration: 1h
`;
    const now = Date.parse('2026-12-06T03:00:00Z');
    expect(validateConfig(text, FILE, now).problems.map(formatProblem)).toEqual([
      `${FILE}:10: windows: starts more than a day in the past (2026-12-01T02:00:00.000Z); delete past windows from the calendar (value: "2026-12-01T02:00:00.000Z")`,
    ]);
    expect(checkConfig(text, FILE).problems).toEqual([]);
  });
});
