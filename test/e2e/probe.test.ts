// Proof at the edge, end to end: the bundled action switches the sets in the WAFv2 emulator,
// then probes the local edge as a visitor. One edge applies set changes only 3 s after they are
// made (WAF's propagation); another serves a web ACL that does not reference the rule group.
import { performance } from 'node:perf_hooks';
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import {
  startLocalSite,
  type LocalSite,
  type ProtectedEnvironment,
} from '@maintenance-action/sandbox/edge/local-site.js';
import { runAction } from '../support/runner.js';
import { runCli } from '../support/cli.js';
import { errorAnnotations, writeWorkspace } from '../support/workspace.js';

const REGION = 'eu-west-1';
const DELAY_MS = 3000;
const FULL_V4 = ['0.0.0.0/1', '128.0.0.0/1'];
const id = process.pid;

let site: LocalSite;
let slow: ProtectedEnvironment;
let detached: ProtectedEnvironment;
let workspace: string;

beforeAll(async () => {
  site = await startLocalSite({
    environments: [
      {
        name: `probe-slow-${id}`,
        scope: 'REGIONAL',
        region: REGION,
        edge: { propagationDelayMs: DELAY_MS },
      },
      {
        name: `probe-detached-${id}`,
        scope: 'REGIONAL',
        region: REGION,
        edge: { ruleGroupDetached: true },
      },
    ],
  });
  [slow, detached] = site.environments as [ProtectedEnvironment, ProtectedEnvironment];
  workspace = await writeWorkspace(`testers:
  - name: QA office
    cidrs: [203.0.113.0/24]
environments:
  slow:
    name: ${slow.environment.name}
    scope: REGIONAL
    region: ${REGION}
    url: ${slow.edge.url}/shop
    probe:
      paths: [/, /cart]
      api-path: /api/orders
    web-acl: { name: ${slow.servedBy!.name}, id: ${slow.servedBy!.id} }
  detached:
    name: ${detached.environment.name}
    scope: REGIONAL
    region: ${REGION}
    url: ${detached.edge.url}
    web-acl: { name: ${detached.servedBy!.name}, id: ${detached.servedBy!.id} }
  plain:
    name: probe-plain-${id}
    scope: REGIONAL
    region: ${REGION}
`);
});
afterAll(async () => {
  await site.close();
});

async function step(inputs: Record<string, string>) {
  const started = performance.now();
  const result = await runAction({
    workspace,
    inputs,
    // Short spacing between polls keeps the suite fast; the rule (3 in a row) is the same.
    env: { ...awsEnvFor(site.emulator.endpoint), MAINTENANCE_PROBE_INTERVAL_MS: '200' },
  });
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

function activeIpv4(environment: ProtectedEnvironment): readonly string[] {
  return site.emulator.getIpSet(`${environment.environment.name}-active-ipv4`, 'REGIONAL', REGION)!
    .addresses;
}

describe('a slow edge (3 s propagation)', () => {
  it('enter waits until visitors get the maintenance answer on every URL, and says how long it took', async () => {
    const result = await step({ command: 'enter', environment: 'slow' });

    expect(errorAnnotations(result.stdout)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs['probe-result']).toBe('ok');
    expect(Number(result.outputs['probe-seconds'])).toBeGreaterThanOrEqual(DELAY_MS / 1000);
    expect(Number(result.outputs['probe-seconds'])).toBeLessThan(DELAY_MS / 1000 + 3);
    // The summary shows, per URL, what was seen and when: the site first, then the 503.
    const base = `${slow.edge.url}/shop`;
    for (const url of [`${base}/`, `${base}/cart`, `${base}/api/orders`]) {
      expect(result.summary).toContain(url);
    }
    expect(result.summary).toMatch(/200 without the maintenance marker \(text\/html\)/);
    // Each URL until it held; concurrent polls may see the edge switch one poll apart.
    expect(result.summary).toMatch(/503 with the maintenance marker \(text\/html\) x[34]/);
    expect(result.summary).toMatch(/503 with the maintenance marker \(application\/json\) x[34]/);
    expect(result.stdout).toMatch(/Probe +ok: visitors see the change/);
    // The probe visited as itself, never as the sandbox's test client.
    const probed = slow.edge.decisions.filter((d) => d.path.startsWith('/shop'));
    expect(probed.length).toBeGreaterThanOrEqual(9);
    expect(new Set(probed.map((d) => d.clientIp))).toEqual(new Set(['127.0.0.1']));
  });

  it('status --verify probes again and finds the module’s web ACL referencing the rule group first', async () => {
    const result = await step({ command: 'status', environment: 'slow', verify: 'true' });

    expect(result.exitCode).toBe(0);
    expect(result.outputs['probe-result']).toBe('ok');
    expect(result.summary).toContain(
      `web ACL ${slow.servedBy!.name} references ${slow.environment.name}-maintenance in rule`,
    );
  });

  it('a web ACL read that never answers is reported unchecked after its own 10 s, not after the SDK’s 20 s attempts', async () => {
    site.emulator.loseAnswers(1, { operation: 'GetWebACL' });
    const result = await step({ command: 'status', environment: 'slow', verify: 'true' });

    expect(result.exitCode).toBe(0);
    expect(result.outputs['probe-result']).toBe('ok');
    expect(result.summary).toContain(
      `web ACL ${slow.servedBy!.name} not checked: no answer within 10 s`,
    );
    expect(result.seconds).toBeLessThan(18);
  });

  it('exit waits until the marker is gone from every URL', async () => {
    const result = await step({ command: 'exit', environment: 'slow' });

    expect(result.exitCode).toBe(0);
    expect(result.outputs['state']).toBe('normal');
    expect(result.outputs['probe-result']).toBe('ok');
    expect(Number(result.outputs['probe-seconds'])).toBeGreaterThanOrEqual(DELAY_MS / 1000);
    expect(result.summary).toMatch(
      /503 with the maintenance marker.*200 without the maintenance marker/s,
    );
  });

  it('probe: false (and dry-run) skips the probe', async () => {
    const off = await step({
      command: 'status',
      environment: 'slow',
      verify: 'true',
      probe: 'false',
    });
    expect(off.exitCode).toBe(0);
    expect(off.outputs['probe-result']).toBe('skipped');
    expect(off.summary).toContain('skipped: probe is off (probe: false)');

    const dry = await step({ command: 'enter', environment: 'slow', 'dry-run': 'true' });
    expect(dry.outputs['probe-result']).toBe('skipped');
    expect(dry.summary).toContain('skipped: dry run: nothing was switched');
  });
});

describe('allowlist-on with a bypass token, on the slow edge', () => {
  it('probes as a visitor (still the maintenance answer) and as the tester holding the token (the site)', async () => {
    // Probed, so that maintenance has reached visitors before the token is issued.
    expect((await step({ command: 'enter', environment: 'slow' })).exitCode).toBe(0);
    const result = await step({
      command: 'allowlist-on',
      environment: 'slow',
      'bypass-token': 'true',
    });

    expect(errorAnnotations(result.stdout)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs['probe-result']).toBe('ok');
    // The token's regex set entry propagates like any set change.
    expect(Number(result.outputs['probe-seconds'])).toBeGreaterThanOrEqual(DELAY_MS / 1000);
    const tester = result.summary
      .split('<br>')
      .filter((line) => line.includes('(as the tester, with the bypass token)'));
    expect(tester).toHaveLength(3);
    for (const line of tester) {
      expect(line).toMatch(/503 with the maintenance marker.*200 without the maintenance marker/);
      expect(line).toMatch(/held from \+\d/);
    }
    // The token itself is in the outputs (masked by the runner), never in the summary.
    const token = result.outputs['bypass-token'];
    expect(token).toMatch(/^mb1-/);
    expect(result.summary).not.toContain(token);
    const probedAsTester = slow.edge.decisions.filter(
      (d) => d.path.startsWith('/shop') && d.verdict?.action === 'ALLOW',
    );
    expect(probedAsTester.length).toBeGreaterThanOrEqual(9);
  });
});

describe('a rule group no web ACL in front of the host references', () => {
  it('enter fails after probe-timeout, says what visitors still get and why, and leaves the sets switched', async () => {
    const result = await step({
      command: 'enter',
      environment: 'detached',
      'probe-timeout': '4s',
    });

    expect(result.exitCode).toBe(1);
    expect(result.seconds).toBeGreaterThanOrEqual(4);
    expect(result.outputs['state']).toBe('maintenance');
    expect(result.outputs['probe-result']).toBe('timeout');
    expect(result.outputs['probe-seconds']).toBe('');
    const [message, ...others] = errorAnnotations(result.stdout);
    expect(others).toEqual([]);
    expect(message).toContain(
      `enter detached: the switch itself succeeded (the sets are in state maintenance), but visitors at ${detached.edge.url}/ still get 200 without the maintenance marker (text/html), expected the maintenance page (HTML) with the marker, after 4 s`,
    );
    expect(message).toMatch(
      /1\. the rule group is not referenced by the web ACL.*\n.*2\. .*priority below an Allow rule.*\n.*3\. a CDN.*\n.*4\. propagation is still running/,
    );
    expect(message).toContain(
      `Web ACL check: web ACL ${detached.servedBy!.name} does not reference rule group ${detached.environment.name}-maintenance`,
    );
    expect(message).toContain('Nothing was undone');
    // The summary still reports the switch, and the sets stay switched.
    expect(result.summary).toContain('normal -&gt; maintenance');
    expect(result.summary).toContain('### Maintenance: enter detached failed');
    expect(result.summary).toContain('1. the rule group is not referenced by the web ACL');
    expect([...activeIpv4(detached)].sort()).toEqual(FULL_V4);
  });
});

describe('the CLI', () => {
  it('prints the report, then exits 1 with the diagnosis when visitors do not see the switch', async () => {
    const result = await runCli(
      site.emulator.endpoint,
      workspace,
      ['allowlist-off', '-e', 'detached', '--probe-timeout', '2s'],
      { MAINTENANCE_PROBE_INTERVAL_MS: '200' },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Probe +timeout: not seen on every URL within 2 s/);
    expect(result.stderr).toContain(
      'allowlist-off detached: the sets were already in state maintenance (nothing needed writing), but visitors at',
    );
    expect(result.stderr).toContain('Web ACL check: web ACL');
  });
});

describe('asking for a probe where there is nothing to probe', () => {
  it('fails before any write, naming the missing url', async () => {
    const from = site.emulator.calls.length;
    const result = await step({ command: 'enter', environment: 'plain', probe: 'true' });

    expect(result.exitCode).toBe(1);
    expect(errorAnnotations(result.stdout).join('\n')).toContain(
      "environments.plain.url: the probe is on (probe: true) but this environment has no url: add the site's public address as url:, or turn the probe off",
    );
    // Not even a lookup (the slow edge's own reads of the sets it evaluates, GetIPSet and
    // GetRegexPatternSet, are left out).
    const calls = site.emulator.calls.slice(from).map((call) => call.operation);
    const edgeReads = ['GetIPSet', 'GetRegexPatternSet'];
    expect(calls.filter((operation) => !edgeReads.includes(operation))).toEqual([]);
  });
});
