// At exit, CloudWatch may not have the window's last minutes yet: read again until they are in
// or metrics-wait runs out, then say whether the numbers are provisional. CloudWatch failing is
// a note, never an error. The SDK client is faked (unit test).
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { measureWindowCost } from '../../src/front-door/window-cost.js';
import type { Environment } from '../../src/domain/types.js';

const env: Environment = {
  key: 'staging',
  name: 'shop',
  scope: 'REGIONAL',
  region: 'eu-west-1',
  testers: [],
  slo: { objective: 99, periodMs: 28 * 86_400_000, countsMaintenance: true },
};
const window = { since: '2026-11-26T09:00:10Z', until: '2026-11-26T09:02:30Z', closed: true };
const minute = (iso: string) => new Date(iso);

/** A client whose answers are the given MetricDataResults, one per call (the last repeats). */
function fakeClient(answers: object[][]) {
  const sent: unknown[] = [];
  const client = {
    send: (command: { input: unknown }) => {
      sent.push(command.input);
      return Promise.resolve({
        MetricDataResults: answers[Math.min(sent.length, answers.length) - 1],
      });
    },
    destroy: () => undefined,
  };
  return { client: client as unknown as CloudWatchClient, sent };
}

const early = [
  { Id: 'wpage', Timestamps: [minute('2026-11-26T09:00:00Z')], Values: [4] },
  { Id: 'wallowed', Timestamps: [minute('2026-11-26T09:00:00Z')], Values: [6] },
  { Id: 'wblocked', Timestamps: [minute('2026-11-26T09:00:00Z')], Values: [4] },
];
const complete = [
  {
    Id: 'wpage',
    Timestamps: [minute('2026-11-26T09:00:00Z'), minute('2026-11-26T09:02:00Z')],
    Values: [4, 3],
  },
  { Id: 'wapi', Timestamps: [minute('2026-11-26T09:02:00Z')], Values: [1] },
  { Id: 'wallowed', Timestamps: [minute('2026-11-26T09:00:00Z')], Values: [6] },
  {
    Id: 'wblocked',
    Timestamps: [minute('2026-11-26T09:00:00Z'), minute('2026-11-26T09:02:00Z')],
    Values: [4, 4],
  },
  { Id: 'pallowed', Timestamps: [minute('2026-11-26T09:00:00Z')], Values: [986] },
  { Id: 'pblocked', Timestamps: [minute('2026-11-26T09:00:00Z')], Values: [8] },
];

function clock(startMs: number) {
  let now = startMs;
  return {
    now: () => new Date(now),
    sleep: (ms: number) => {
      now += ms;
      return Promise.resolve();
    },
  };
}

it('reads all series in one call per attempt, and waits until the last minute is in', async () => {
  const { client, sent } = fakeClient([early, complete]);
  const cost = await measureWindowCost(env, window, {
    metricsWaitMs: 20_000,
    client,
    ...clock(Date.parse('2026-11-26T09:02:31Z')),
  });
  expect(sent).toHaveLength(2);
  expect((sent[0] as { MetricDataQueries: unknown[] }).MetricDataQueries).toHaveLength(8);
  expect(cost).toMatchObject({
    provisional: false,
    turnedAway: { browsers: 7, api: 1, total: 8 },
    requests: 14,
    missing: [],
  });
  // 8 turned away of 994 requests in the period, against 1%.
  expect(cost.budget!.requestBased).toBeCloseTo(8 / 9.94, 10);
  expect(cost.perMinute!.map((m) => [m.turnedAway, m.letThrough])).toEqual([
    [4, 6],
    [0, 0],
    [4, 0],
  ]);
});

it('stops at metrics-wait and marks the numbers provisional', async () => {
  const { client, sent } = fakeClient([early]);
  const time = clock(Date.parse('2026-11-26T09:02:31Z'));
  const cost = await measureWindowCost(env, window, { metricsWaitMs: 12_000, client, ...time });
  expect(sent).toHaveLength(4); // at 0, 5, 10 and 12 s
  expect(time.now().toISOString()).toBe('2026-11-26T09:02:43.000Z');
  expect(cost).toMatchObject({ provisional: true, turnedAway: { total: 4 } });
});

it('with metrics-wait 0s reads once', async () => {
  const { client, sent } = fakeClient([early]);
  const cost = await measureWindowCost(env, window, { metricsWaitMs: 0, client });
  expect(sent).toHaveLength(1);
  expect(cost.provisional).toBe(true);
});

it('does not wait when CloudWatch has nothing at all for these series', async () => {
  const { client, sent } = fakeClient([[]]);
  const cost = await measureWindowCost(env, window, { metricsWaitMs: 20_000, client });
  expect(sent).toHaveLength(1);
  expect(cost).toMatchObject({ turnedAway: { total: 0 }, requests: 0, provisional: false });
  expect(cost.share).toBeUndefined();
});

it('turns a failure into a note and keeps the time-based budget', async () => {
  const client = {
    send: () =>
      Promise.reject(
        Object.assign(new Error('User: x is not authorized to perform: cloudwatch:GetMetricData'), {
          name: 'AccessDenied',
        }),
      ),
    destroy: () => undefined,
  } as unknown as CloudWatchClient;
  const cost = await measureWindowCost(env, window, { metricsWaitMs: 20_000, client });
  expect(cost.turnedAway).toBeUndefined();
  expect(cost.missing).toEqual([
    expect.stringContaining('allow the IAM action cloudwatch:GetMetricData on resource "*"'),
  ]);
  // 2 m 20 s of the 6 h 43 m 12 s allowed.
  expect(cost.budget).toMatchObject({ basis: 'time', charged: true });
  expect(cost.budget!.used).toBeCloseTo(140_000 / 24_192_000, 10);
});
