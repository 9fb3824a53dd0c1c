// What visitors see through a release, end to end: the module's rule group and web ACL
// (provisioned from its synthesized Terraform into the WAFv2 emulator), the sets written by the
// bundled action run as a GitHub runner runs it, and the local edge answering HTTP requests as
// AWS WAF would. Every stage asserts the whole matrix of visitors.
import { DEFAULT_RETRY_AFTER_SECONDS } from '../../terraform/src/index.js';
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { startLocalSite, type LocalSite } from '@maintenance-action/sandbox/edge/local-site.js';
import {
  BROWSER_ACCEPT,
  visit,
  type Outcome,
  type Visitor,
} from '@maintenance-action/sandbox/edge/visitors.js';
import { runAction } from '../support/runner.js';
import { writeWorkspace } from '../support/workspace.js';

const NAME = 'shop-e2e';
const REGION = 'eu-west-1';
const CONFIG = `testers:
  - name: QA office
    cidrs: [203.0.113.0/24, "2001:db8:1234::/48"]
environments:
  staging:
    name: ${NAME}
    scope: REGIONAL
    region: ${REGION}
`;

const visitor = (who: string, ip: string, path: string, accept?: string): Visitor => ({
  who,
  ip,
  path,
  tester: false,
  ...(accept !== undefined ? { accept } : {}),
});

const PAGE: Outcome = 'maintenance page';
const JSON_503: Outcome = 'maintenance JSON';
const SITE: Outcome = 'site';

/** Each visitor and what it must get when normal, in maintenance, and with the allowlist on. */
const MATRIX: readonly [Visitor, Outcome, Outcome, Outcome][] = [
  [visitor('browser v4', '198.51.100.23', '/', BROWSER_ACCEPT), SITE, PAGE, PAGE],
  [visitor('browser v6', '2001:db8:abcd::23', '/cart', BROWSER_ACCEPT), SITE, PAGE, PAGE],
  [visitor('browser, upper-case Accept', '198.51.100.31', '/', 'TEXT/HTML'), SITE, PAGE, PAGE],
  [
    visitor('API json v4', '198.51.100.24', '/api/orders', 'application/json'),
    SITE,
    JSON_503,
    JSON_503,
  ],
  [visitor('API */* v6', '2001:db8:abcd::24', '/api/orders', '*/*'), SITE, JSON_503, JSON_503],
  [visitor('API no Accept v4', '198.51.100.25', '/api/orders'), SITE, JSON_503, JSON_503],
  [visitor('status page v6', '2001:db8:abcd::26', '/status', BROWSER_ACCEPT), SITE, SITE, SITE],
  [visitor('status API v4', '198.51.100.27', '/status/api', 'application/json'), SITE, SITE, SITE],
  [visitor('tester /24 first', '203.0.113.0', '/', BROWSER_ACCEPT), SITE, PAGE, SITE],
  [
    visitor('tester /24 last', '203.0.113.255', '/api/orders', 'application/json'),
    SITE,
    JSON_503,
    SITE,
  ],
  [visitor('tester /48', '2001:db8:1234:ffff::7', '/api/orders'), SITE, JSON_503, SITE],
  [visitor('next to the /24', '203.0.114.1', '/', BROWSER_ACCEPT), SITE, PAGE, PAGE],
  [visitor('next to the /48', '2001:db8:1235::7', '/api/orders', '*/*'), SITE, JSON_503, JSON_503],
];

type Stage = 'normal' | 'maintenance' | 'maintenance-allowlisted';
const COLUMN: Record<Stage, 1 | 2 | 3> = {
  normal: 1,
  maintenance: 2,
  'maintenance-allowlisted': 3,
};

let site: LocalSite;
let edgeUrl: string;
let workspace: string;

beforeAll(async () => {
  site = await startLocalSite({
    environments: [
      {
        name: NAME,
        scope: 'REGIONAL',
        region: REGION,
        module: { reachablePathPrefixes: ['/status'] },
      },
    ],
  });
  edgeUrl = site.environments[0]!.edge.url;
  workspace = await writeWorkspace(CONFIG);
});
afterAll(() => site.close());

/** Runs `node dist/index.js` as a runner does and returns the state it reports. */
async function action(command: string): Promise<string | undefined> {
  const step = await runAction({
    workspace,
    inputs: { command, environment: 'staging' },
    env: awsEnvFor(site.emulator.endpoint),
  });
  if (step.exitCode !== 0)
    throw new Error(`${command} exited ${step.exitCode}: ${step.stdout}${step.stderr}`);
  return step.outputs['state'];
}

/** Who got what, as `who: outcome` lines, so a failure shows the whole matrix at once. */
async function seenByAll(): Promise<string[]> {
  const visits = await Promise.all(MATRIX.map(([v]) => visit(edgeUrl, v)));
  for (const v of visits) expectWellFormed(v);
  return visits.map((v) => `${v.visitor.who}: ${v.outcome}`);
}

const expected = (stage: Stage, rows = MATRIX) =>
  rows.map((row) => `${row[0].who}: ${row[COLUMN[stage]]}`);

/** The details of each answer, beyond which one it was. */
function expectWellFormed(v: Awaited<ReturnType<typeof visit>>): void {
  if (v.outcome === 'site') {
    expect({ who: v.visitor.who, marker: v.marker }).toEqual({ who: v.visitor.who, marker: null });
    return;
  }
  expect({
    who: v.visitor.who,
    retryAfter: v.retryAfter,
    cacheControl: v.cacheControl,
  }).toEqual({
    who: v.visitor.who,
    retryAfter: String(DEFAULT_RETRY_AFTER_SECONDS),
    cacheControl: 'no-store',
  });
  if (v.outcome === 'maintenance JSON')
    expect(JSON.parse(v.body)).toEqual({
      error: 'maintenance',
      retryAfter: DEFAULT_RETRY_AFTER_SECONDS,
    });
  if (v.outcome === 'maintenance page')
    expect(v.body).toMatch(/<title>Down for maintenance<\/title>/);
}

const ipv6 = (v: Visitor) => v.ip.includes(':');
const isReachablePath = (v: Visitor) => v.path.startsWith('/status');

describe('a release, as visitors see it', () => {
  it.each<[string, Stage, string]>([
    ['status', 'normal', 'everyone reaches the origin'],
    [
      'enter',
      'maintenance',
      'browsers get the 503 page, API clients 503 JSON, testers too; reachable paths stay reachable',
    ],
    [
      'allowlist-on',
      'maintenance-allowlisted',
      'testers in the /24 and the /48 reach the origin, their neighbours do not',
    ],
    ['allowlist-off', 'maintenance', 'testers are shut out again'],
    ['exit', 'normal', 'everyone reaches the origin'],
  ])('%s -> %s: %s', async (command, stage) => {
    expect(await action(command)).toBe(stage);
    expect(await seenByAll()).toEqual(expected(stage));
  });
});

describe('an inconsistent environment, as visitors see it', () => {
  const setAddresses = (role: string, addresses: string[]) =>
    site.emulator.setAddresses(`${NAME}-${role}`, 'REGIONAL', REGION, addresses);

  it('an emptied active-ipv6 lets IPv6 visitors through during maintenance; enter repairs it', async () => {
    expect(await action('enter')).toBe('maintenance');
    setAddresses('active-ipv6', []);
    expect(await action('status')).toBe('inconsistent');
    // IPv6 visitors are back on the site; IPv4 visitors still get maintenance.
    expect(await seenByAll()).toEqual(
      MATRIX.map(([v, normal, maintenance]) => `${v.who}: ${ipv6(v) ? normal : maintenance}`),
    );
    expect(await action('enter')).toBe('maintenance');
    expect(await seenByAll()).toEqual(expected('maintenance'));
    expect(await action('exit')).toBe('normal');
  });

  it('a filled active-ipv4 alone blocks IPv4 visitors while normal; exit repairs it', async () => {
    setAddresses('active-ipv4', ['0.0.0.0/1', '128.0.0.0/1']);
    expect(await action('status')).toBe('inconsistent');
    expect(await seenByAll()).toEqual(
      MATRIX.map(
        ([v, normal, maintenance]) =>
          `${v.who}: ${ipv6(v) || isReachablePath(v) ? normal : maintenance}`,
      ),
    );
    expect(await action('exit')).toBe('normal');
    expect(await seenByAll()).toEqual(expected('normal'));
  });
});
