// Windows of an SLO period from WAF's per-minute counts and the window records.
import { periodWindows, type RecordedWindow } from '../../src/domain/period-windows.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-20T02:00:00Z');
const minutes = (from: number, count: number, value: number): [number, number][] =>
  Array.from({ length: count }, (_, i) => [T0 + (from + i) * MINUTE, value]);

const base = {
  bucketMs: MINUTE,
  nowMs: T0 + 3 * 86_400_000,
  fromMs: T0 - 86_400_000,
  requests: 100_000,
  slo: { objective: 99.9, periodMs: 7 * 86_400_000, countsMaintenance: true },
};

it('a run of minutes with requests turned away is one window; a quiet gap under 15 minutes does not split it', () => {
  const page = new Map([...minutes(0, 10, 5), ...minutes(20, 5, 2), ...minutes(60, 3, 1)]);
  const api = new Map(minutes(2, 3, 1));
  const windows = periodWindows({ ...base, page, api, records: [] });
  expect(
    windows.map((w) => ({ since: w.since, minutes: w.lengthMs / MINUTE, away: w.turnedAway })),
  ).toEqual([
    {
      since: '2026-11-20T02:00:00.000Z',
      minutes: 25,
      away: { browsers: 60, api: 3, total: 63 },
    },
    { since: '2026-11-20T03:00:00.000Z', minutes: 3, away: { browsers: 3, api: 0, total: 3 } },
  ]);
  // 25 minutes of the 10.08 minutes 99.9% allows in 7 days; 63 of the 100 requests allowed to fail.
  expect(windows[0]!.budget!.timeBased).toBeCloseTo(25 / 10.08, 10);
  expect(windows[0]!.budget!.requestBased).toBeCloseTo(63 / 100, 10);
});

it('takes the times from the record it overlaps, and says whether it ended on its planned end', () => {
  const record: RecordedWindow = {
    since: '2026-11-20T01:59:30Z',
    until: '2026-11-20T02:12:00Z',
    actor: 'octocat',
    run: 'acme/shop/actions/runs/1',
    reason: 'migration',
    plannedEnd: '2026-11-20T02:10:00Z',
  };
  const [window] = periodWindows({
    ...base,
    page: new Map(minutes(0, 10, 5)),
    api: new Map(),
    records: [record],
  });
  expect(window).toMatchObject({
    since: '2026-11-20T01:59:30.000Z',
    until: '2026-11-20T02:12:00.000Z',
    source: 'record',
    lengthMs: 12.5 * MINUTE,
    overrunMs: 2 * MINUTE,
    turnedAway: { total: 50 },
  });
});

it('lists a recorded window nobody visited, and the open window up to now', () => {
  const open: RecordedWindow = { since: '2026-11-22T10:00:00Z', actor: 'a', run: 'r' };
  const windows = periodWindows({
    ...base,
    nowMs: Date.parse('2026-11-22T10:30:00Z'),
    page: new Map(),
    api: new Map(),
    records: [open],
  });
  expect(windows).toEqual([
    expect.objectContaining({
      open: true,
      lengthMs: 30 * MINUTE,
      turnedAway: { browsers: 0, api: 0, total: 0 },
    }),
  ]);
});
