// What a window cost as the summary shows it: the budget line when the SLO excludes planned
// windows, what is missing and why, and the chart summed into wider bars for a long window.
import { entered } from '../fixtures/reports.js';
import type { CommandReport } from '../../src/engine/report.js';
import { windowCost } from '../../src/domain/window-cost.js';
import { costChart, costFacts, costOutputs } from '../../src/report/cost-section.js';

const MINUTE = 60_000;
const since = Date.parse('2026-11-26T09:00:00Z');
const slo = { objective: 99, periodMs: 28 * 86_400_000, countsMaintenance: false };

function minutes(count: number, value: number): Map<number, number> {
  return new Map(Array.from({ length: count }, (_, i) => [since + i * MINUTE, value]));
}

function report(cost: CommandReport['cost']): CommandReport {
  return { ...entered, command: 'exit', ...(cost ? { cost } : {}) };
}

const window = {
  since: new Date(since).toISOString(),
  until: new Date(since + 120 * MINUTE).toISOString(),
  closed: true,
};
const none = new Map<number, number>();

it('says the budget is not charged when the SLO excludes planned windows, and still gives the numbers', () => {
  const counts = {
    window: {
      page: minutes(120, 2),
      api: minutes(120, 1),
      allowed: none,
      blocked: minutes(120, 3),
    },
    bucketSeconds: 60,
    windowFromMs: since,
    windowToMs: since + 120 * MINUTE,
    period: {
      page: none,
      api: none,
      allowed: new Map([[since, 100_000]]),
      blocked: minutes(120, 3),
    },
    periodFromMs: since - 27 * 86_400_000,
    periodToMs: since + 86_400_000,
  };
  const exit = report(windowCost(window, counts, slo, false, []));
  const lines = costFacts(exit)[0]!.lines;
  expect(lines[0]).toBe(
    'turned away: 360 requests (browsers 240, API clients 120), 100.0% of the 360 requests in its minutes',
  );
  // 2 h of the 6 h 43 m 12 s allowed; 360 of 1% of 100,360.
  expect(lines[1]).toContain('29.8% by time');
  expect(lines[1]).toContain(`${((360 / 1003.6) * 100).toFixed(1)}% by requests`);
  expect(lines[2]).toMatch(/^not charged: this SLO excludes planned maintenance/);
  expect(costOutputs(exit)).toEqual({
    turnedAway: '360',
    share: '100.00',
    budgetUsed: ((360 / 1003.6) * 100).toFixed(2),
  });
  // 120 minutes in at most 60 bars: 2 minutes a bar.
  const chart = costChart(exit);
  expect(chart).toContain('title "Requests per 2m (UTC): bars turned away, line let through"');
  expect(chart).toContain(`bar [${Array(60).fill(6).join(', ')}]`);
});

it('without metrics, says what is missing and why, and keeps the time-based budget', () => {
  const exit = report(
    windowCost(window, undefined, { ...slo, countsMaintenance: true }, true, [
      'requests turned away, their share and the request-based budget: CloudWatch denied GetMetricData',
    ]),
  );
  const lines = costFacts(exit)[0]!.lines;
  expect(lines).toContain(
    'missing: requests turned away, their share and the request-based budget: CloudWatch denied GetMetricData',
  );
  expect(lines[0]).toContain('by requests: not read (see missing); 29.8% by time');
  expect(costChart(exit)).toBe('');
  expect(costOutputs(exit)).toEqual({ turnedAway: '', share: '', budgetUsed: '29.76' });
});
