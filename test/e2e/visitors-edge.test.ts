// The edge itself, as a visitor (or a misconfiguration) meets it: where it takes the client
// address from, the rule group alone behind a customer's own web ACL, and a loud 500 instead of
// a silent allow when a rule is beyond what it can evaluate.
import { CreateRuleGroupCommand } from '@aws-sdk/client-wafv2';
import { synthesizeMaintenanceWaf } from '../../terraform/src/index.js';
import {
  EDGE_ERROR_HEADER,
  SANDBOX_CLIENT_IP_HEADER,
  startEdge,
  type Edge,
} from '@maintenance-action/sandbox/edge/index.js';
import { wafClientFor } from '@maintenance-action/sandbox/edge/waf-client.js';
import { startOrigin, type Origin } from '@maintenance-action/sandbox/origin.js';
import {
  provisionSynthesized,
  type ProvisionedEnvironment,
} from '@maintenance-action/sandbox/provision.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const emulator = emulatorForSuite();
const REGION = 'eu-west-1';
const FULL_V4 = ['0.0.0.0/1', '128.0.0.0/1'];

let origin: Origin;
const edges: Edge[] = [];

beforeAll(async () => {
  origin = await startOrigin();
});
afterAll(async () => {
  for (const edge of edges) await edge.close();
  await origin.close();
});

async function provision(name: string, createWebAcl: boolean): Promise<ProvisionedEnvironment> {
  const synthesized = synthesizeMaintenanceWaf({ name, scope: 'REGIONAL', createWebAcl });
  return provisionSynthesized(synthesized, { endpoint: emulator().endpoint, region: REGION });
}

async function edgeFor(
  protectedBy: { webAclArn: string } | { ruleGroupArn: string },
  clientIpHeader?: string,
) {
  const edge = await startEdge({
    wafEndpoint: emulator().endpoint,
    region: REGION,
    protectedBy,
    origin: origin.url,
    ...(clientIpHeader !== undefined ? { clientIpHeader } : {}),
  });
  edges.push(edge);
  return edge;
}

const get = (edge: Edge, path: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, edge.url), { headers });

describe('the client address', () => {
  it('is the connection’s peer unless the edge was started to trust the test header', async () => {
    const env = await provision('edge-peer', true);
    emulator().setAddresses('edge-peer-active-ipv4', 'REGIONAL', REGION, FULL_V4);
    emulator().setAddresses('edge-peer-allow-ipv4', 'REGIONAL', REGION, ['203.0.113.0/24']);
    const tester = { [SANDBOX_CLIENT_IP_HEADER]: '203.0.113.9' };

    const strict = await edgeFor({ webAclArn: env.webAclArn! });
    const claimed = await get(strict, '/api/orders', tester);
    expect(claimed.status).toBe(503);
    expect(strict.decisions.at(-1)?.clientIp).toBe('127.0.0.1');

    const sandbox = await edgeFor({ webAclArn: env.webAclArn! }, SANDBOX_CLIENT_IP_HEADER);
    expect((await get(sandbox, '/api/orders', tester)).status).toBe(200);
  });

  it('a test header that is not an address is a 400, not a guess', async () => {
    const env = await provision('edge-bad-ip', true);
    const sandbox = await edgeFor({ webAclArn: env.webAclArn! }, SANDBOX_CLIENT_IP_HEADER);
    const response = await get(sandbox, '/', { [SANDBOX_CLIENT_IP_HEADER]: 'not-an-ip' });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/not an IP address: "not-an-ip"/);
  });
});

describe('the rule group behind a customer’s own web ACL', () => {
  it('blocks and lets through exactly as with the module’s web ACL', async () => {
    const env = await provision('edge-own-acl', false);
    expect(env.webAclArn).toBeUndefined();
    const edge = await edgeFor({ ruleGroupArn: env.ruleGroupArn }, SANDBOX_CLIENT_IP_HEADER);
    const browser = { [SANDBOX_CLIENT_IP_HEADER]: '198.51.100.23', accept: 'text/html' };

    expect((await get(edge, '/', browser)).headers.get('x-served-by')).toBe('origin');
    emulator().setAddresses('edge-own-acl-active-ipv4', 'REGIONAL', REGION, FULL_V4);
    const blocked = await get(edge, '/', browser);
    expect(blocked.status).toBe(503);
    expect(blocked.headers.get('x-maintenance-mode')).toBe('on');
    expect(blocked.headers.get('content-type')).toBe('text/html');
  });
});

describe('a rule the edge cannot evaluate', () => {
  it('answers 500 with the reason and never reaches the origin', async () => {
    const client = wafClientFor(emulator().endpoint, REGION);
    const visibility = {
      SampledRequestsEnabled: false,
      CloudWatchMetricsEnabled: false,
      MetricName: 'geo',
    };
    const { Summary } = await client.send(
      new CreateRuleGroupCommand({
        Name: 'edge-geo',
        Scope: 'REGIONAL',
        Capacity: 10,
        VisibilityConfig: visibility,
        Rules: [
          {
            Name: 'geo',
            Priority: 0,
            Statement: { GeoMatchStatement: { CountryCodes: ['FR'] } },
            Action: { Block: {} },
            VisibilityConfig: visibility,
          },
        ],
      }),
    );
    client.destroy();
    const edge = await edgeFor({ ruleGroupArn: Summary!.ARN! }, SANDBOX_CLIENT_IP_HEADER);
    const before = origin.requests.length;

    const response = await get(edge, '/', { [SANDBOX_CLIENT_IP_HEADER]: '198.51.100.23' });
    expect(response.status).toBe(500);
    expect(response.headers.get(EDGE_ERROR_HEADER)).toBe('1');
    expect(await response.text()).toMatch(
      /edge-geo\/geo\.Statement\.GeoMatchStatement: statement GeoMatchStatement/,
    );
    expect(origin.requests.length).toBe(before);
  });
});
