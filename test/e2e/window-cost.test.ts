// What a window cost, end to end: the bundled action against the local site (WAFv2 emulator,
// the module provisioned into it, an edge that counts every request it answers into the
// emulator's CloudWatch). The counts reported are the requests sent through the edge.
import { BROWSER_ACCEPT, visit, type Visitor } from '@maintenance-action/sandbox/edge/visitors.js';
import { REGION, useCostSite } from '../support/cost-site.js';

const NAME = 'shop-cost';
const CONFIG = `testers:
  - name: QA office
    cidrs: [203.0.113.0/24]
environments:
  staging:
    name: ${NAME}
    scope: REGIONAL
    region: ${REGION}
    slo: { objective: 99, period: 28d }
`;

const browser: Visitor = {
  who: 'browser',
  ip: '198.51.100.23',
  path: '/',
  accept: BROWSER_ACCEPT,
  tester: false,
};
const api: Visitor = {
  who: 'API client',
  ip: '198.51.100.24',
  path: '/api/orders',
  accept: 'application/json',
  tester: false,
};
const tester: Visitor = {
  who: 'tester',
  ip: '203.0.113.45',
  path: '/',
  accept: BROWSER_ACCEPT,
  tester: true,
};

const { site: localSite, action: step } = useCostSite(NAME, CONFIG);

async function send(visitor: Visitor, times: number, expected: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    expect((await visit(localSite().environments[0]!.edge.url, visitor)).status).toBe(expected);
  }
}

it('exit reports the requests turned away, browsers and API apart, and the budget they used', async () => {
  await step('enter');
  await send(browser, 7, 503);
  await send(api, 5, 503);
  await step('allowlist-on');
  await send(tester, 3, 200);
  const status = await step('status');
  expect(status.outputs['turned-away']).toBe('12');

  const exit = await step('exit');
  expect(exit.outputs).toMatchObject({
    state: 'normal',
    'turned-away': '12',
    // 12 of the 15 requests in the window's minutes.
    'turned-away-share': '80.00',
    // 12 turned away / (15 requests in the period x 1% allowed to fail) = 8,000% of the budget.
    'error-budget-used': '8000.00',
  });
  expect(exit.summary).toContain('turned away: 12 requests (browsers 7, API clients 5)');
  expect(exit.summary).toContain('80.0% of the 15 requests in its minutes');
  expect(exit.summary).toContain('```mermaid\nxychart-beta');
  expect(exit.summary).toMatch(/bar \[[^\]]*12[^\]]*\]/);
  expect(exit.summary).toMatch(/line \[[^\]]*3[^\]]*\]/);
});

it('CloudWatch denied: the switch succeeds and the summary says which permission to add', async () => {
  await step('enter');
  localSite().emulator.denyAccess('GetMetricData');
  const exit = await step('exit');
  expect(exit.outputs).toMatchObject({ state: 'normal', changed: 'true', 'turned-away': '' });
  expect(exit.summary).toContain('missing: requests turned away');
  expect(exit.summary).toContain('cloudwatch:GetMetricData on resource "\\*"');
  // The time-based budget needs no metrics.
  expect(exit.outputs['error-budget-used']).toMatch(/^\d+\.\d\d$/);
});

it('CloudWatch unreachable: the switch succeeds and the summary says where it was not found', async () => {
  await step('enter');
  const exit = await step('exit', { AWS_ENDPOINT_URL_CLOUDWATCH: 'http://127.0.0.1:9' });
  expect(exit.outputs).toMatchObject({ state: 'normal', changed: 'true', 'turned-away': '' });
  expect(exit.summary).toContain('CloudWatch could not be reached at http://127.0.0.1:9');
});
