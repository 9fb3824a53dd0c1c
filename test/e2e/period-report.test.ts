// `report` end to end: the bundled CLI and action over an SLO period with three windows. Two
// are older (WAF's metrics remember them, the sets only remember the last window); the third is
// opened and closed by the action with visitors turned away through the local edge.
import type { PeriodReport } from '../../src/front-door/period-report.js';
import { BROWSER_ACCEPT, visit } from '@maintenance-action/sandbox/edge/visitors.js';
import { runCli } from '../support/cli.js';
import { REGION, useCostSite } from '../support/cost-site.js';

const NAME = 'shop-report';
const CONFIG = `environments:
  staging:
    name: ${NAME}
    scope: REGIONAL
    region: ${REGION}
    slo: { objective: 99.9, period: 7d }
`;
const MINUTE = 60_000;
const DAY = 86_400_000;

const cost = useCostSite(NAME, CONFIG);

/** What WAF published for a past window: `perMinute` blocked page requests each minute, plus the traffic. */
function pastWindow(startMs: number, minutes: number, perMinute: number): void {
  const common = { namespace: 'AWS/WAFV2', region: REGION, value: perMinute };
  for (let i = 0; i < minutes; i++) {
    const timestampMs = startMs + i * MINUTE;
    cost.site().emulator.recordMetric({
      ...common,
      metricName: 'BlockedRequests',
      dimensions: {
        Region: REGION,
        Rule: `${NAME}-page`,
        RuleGroup: `${NAME}-maintenance`,
        WebACL: NAME,
      },
      timestampMs,
    });
    cost.site().emulator.recordMetric({
      ...common,
      metricName: 'BlockedRequests',
      dimensions: { Region: REGION, Rule: 'ALL', WebACL: NAME },
      timestampMs,
    });
  }
}

const action = (command: string) => cost.action(command);

it('lists the three windows of the period with what each cost', async () => {
  const now = Date.now();
  const at = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;
  pastWindow(at(now - 3 * DAY), 30, 10);
  pastWindow(at(now - 2 * DAY), 45, 4);
  // Older than the 7-day period: not listed.
  pastWindow(at(now - 9 * DAY), 10, 10);

  await action('enter');
  for (let i = 0; i < 6; i++) {
    const got = await visit(cost.site().environments[0]!.edge.url, {
      who: 'browser',
      ip: '198.51.100.23',
      path: '/',
      accept: BROWSER_ACCEPT,
      tester: false,
    });
    expect(got.status).toBe(503);
  }
  await action('exit');

  const { code, stdout } = await runCli(cost.site().emulator.endpoint, cost.workspace(), [
    'report',
    '--json',
  ]);
  expect(code).toBe(0);
  const report = JSON.parse(stdout) as PeriodReport;
  const [staging] = report.environments;
  expect(staging!.missing).toEqual([]);
  const windows = staging!.windows.map((w) => ({
    minutes: Math.round(w.lengthMs / MINUTE),
    turnedAway: w.turnedAway.total,
    source: w.source,
  }));
  expect(windows).toEqual([
    { minutes: 30, turnedAway: 300, source: 'metrics' },
    { minutes: 45, turnedAway: 180, source: 'metrics' },
    { minutes: 0, turnedAway: 6, source: 'record' },
  ]);
  // 30 minutes of the 10.08 minutes a 99.9% SLO allows in 7 days.
  expect(staging!.windows[0]!.budget!.timeBased).toBeCloseTo(30 / 10.08, 5);
  // 300 turned away of the 486 requests of the period, against 0.1% of them.
  expect(staging!.requests).toBe(486);
  expect(staging!.windows[0]!.budget!.requestBased).toBeCloseTo(300 / (486 * 0.001), 5);

  const summary = (await action('report')).summary;
  expect(summary).toContain('3 windows; 486 of 486 requests turned away');
  expect(summary.match(/^\| 20\d\d-/gm)).toHaveLength(3);
});
