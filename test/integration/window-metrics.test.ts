// The emulator's CloudWatch through the real @aws-sdk/client-cloudwatch (AWS JSON 1.0 over
// HTTP), fed by the local edge: the series the action asks for (src/domain/waf-metrics.ts) are
// exactly the ones the edge publishes, for REGIONAL and CLOUDFRONT environments alike.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { getMetricData, type MetricQuery } from '../../src/aws/cloudwatch.js';
import { metricSpecs, total } from '../../src/domain/waf-metrics.js';
import type { Environment } from '../../src/domain/types.js';
import { DUMMY_CREDENTIALS } from '@maintenance-action/sandbox/aws-env.js';
import { startLocalSite, type LocalSite } from '@maintenance-action/sandbox/edge/local-site.js';
import { BROWSER_ACCEPT, visit } from '@maintenance-action/sandbox/edge/visitors.js';

let site: LocalSite;
beforeAll(async () => {
  site = await startLocalSite({
    environments: [
      { name: 'cw-regional', scope: 'REGIONAL', region: 'eu-west-1' },
      { name: 'cw-edge', scope: 'CLOUDFRONT', region: 'us-east-1' },
    ],
  });
});
afterAll(() => site.close());

function client(region: string): CloudWatchClient {
  return new CloudWatchClient({
    region,
    endpoint: site.emulator.endpoint,
    credentials: { accessKeyId: DUMMY_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

const environment = (
  name: string,
  scope: 'REGIONAL' | 'CLOUDFRONT',
  region: string,
): Environment => ({
  key: name,
  name,
  scope,
  region,
  testers: [],
});

async function counts(env: Environment) {
  const specs = metricSpecs(env);
  const queries: MetricQuery[] = (['page', 'api', 'allowed', 'blocked'] as const).map((id) => ({
    id,
    spec: specs[id],
    periodSeconds: 60,
  }));
  const now = Date.now();
  const c = client(env.region);
  try {
    const data = await getMetricData(c, queries, now - 3_600_000, now + 60_000);
    return Object.fromEntries(queries.map((q) => [q.id, total(data.points.get(q.id))]));
  } finally {
    c.destroy();
  }
}

it.each([
  [0, environment('cw-regional', 'REGIONAL', 'eu-west-1')],
  [1, environment('cw-edge', 'CLOUDFRONT', 'us-east-1')],
])('counts what the edge answered, page and API apart (%#)', async (index, env) => {
  const edge = site.environments[index]!.edge.url;
  const get = (path: string, accept: string) =>
    visit(edge, { who: 'v', ip: '198.51.100.9', path, accept, tester: false });
  await get('/', BROWSER_ACCEPT);
  await get('/', BROWSER_ACCEPT);
  const before = await counts(env);
  expect(before).toEqual({ page: 0, api: 0, allowed: 2, blocked: 0 });

  // Maintenance on, by hand: the active sets full.
  const sets = site.environments[index]!.environment;
  site.emulator.setAddresses(`${sets.name}-active-ipv4`, sets.scope, sets.region, [
    '0.0.0.0/1',
    '128.0.0.0/1',
  ]);
  for (let i = 0; i < 3; i++) expect((await get('/', BROWSER_ACCEPT)).status).toBe(503);
  expect((await get('/api/orders', 'application/json')).status).toBe(503);
  site.emulator.setAddresses(`${sets.name}-active-ipv4`, sets.scope, sets.region, []);

  expect(await counts(env)).toEqual({ page: 3, api: 1, allowed: 2, blocked: 4 });
});

it('answers only the exact dimension set, and in the region the metric lives in', async () => {
  const env = environment('cw-regional', 'REGIONAL', 'eu-west-1');
  const wrongRegion = await counts({ ...env, region: 'eu-central-1' });
  expect(wrongRegion).toEqual({ page: 0, api: 0, allowed: 0, blocked: 0 });
  const otherAcl = await counts({ ...env, webAcl: { name: 'someone-else' } });
  expect(otherAcl).toEqual({ page: 0, api: 0, allowed: 0, blocked: 0 });
});

it('denies GetMetricData as IAM does, with the query-compatible error code', async () => {
  site.emulator.denyAccess('GetMetricData');
  await expect(counts(environment('cw-regional', 'REGIONAL', 'eu-west-1'))).rejects.toMatchObject({
    name: 'AccessDenied',
    message: expect.stringContaining('not authorized to perform: cloudwatch:GetMetricData'),
  });
});
