// The module's least-privilege policy against what the bundled action really calls: a whole
// release (with a bypass token and its post step) must use exactly the WAF and CloudWatch
// actions the policy grants (exit reads what the window cost with cloudwatch:GetMetricData). A
// call the policy lacks would fail with AccessDenied on AWS; a grant no call uses is
// privilege nobody needs.
import { ACTION_PERMISSIONS } from '../../terraform/src/index.js';
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { runAction, runPost, type RunActionOptions } from '../support/runner.js';
import { CreateWebACLCommand } from '@aws-sdk/client-wafv2';
import { wafClientFor } from '@maintenance-action/sandbox/edge/waf-client.js';
import { createSite, errorAnnotations, writeWorkspace, type Site } from '../support/workspace.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const emulator = emulatorForSuite();

async function step(site: Site, inputs: RunActionOptions['inputs']) {
  const result = await runAction({
    workspace: site.workspace,
    inputs: { environment: 'staging', ...inputs },
    env: { ...awsEnvFor(emulator().endpoint), GITHUB_JOB: 'smoke', GITHUB_RUN_ID: '7' },
  });
  expect(errorAnnotations(result.stdout)).toEqual([]);
  expect(result.stdout).not.toContain('::warning::');
  expect(result.exitCode).toBe(0);
  return result;
}

/** The site's config, naming the web ACL that serves staging (status --verify reads it). */
async function withWebAcl(site: Site): Promise<Site> {
  const client = wafClientFor(emulator().endpoint, 'eu-west-1');
  const visibility = {
    SampledRequestsEnabled: false,
    CloudWatchMetricsEnabled: false,
    MetricName: 'x',
  };
  const { Summary } = await client.send(
    new CreateWebACLCommand({
      Name: `${site.staging}-edge`,
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: visibility,
    }),
  );
  client.destroy();
  const config = site.config.replace(
    '    region: eu-west-1\n',
    `    region: eu-west-1\n    web-acl: { name: ${Summary!.Name}, id: ${Summary!.Id} }\n`,
  );
  return { ...site, workspace: await writeWorkspace(config) };
}

it('a release calls exactly the WAF and CloudWatch actions the module grants', async () => {
  const site = await withWebAcl(await createSite(emulator()));
  const from = emulator().calls.length;

  await step(site, { command: 'status' });
  await step(site, { command: 'status', verify: 'true' });
  await step(site, { command: 'enter', reason: 'release' });
  const smoke = await step(site, { command: 'allowlist-on', 'bypass-token': 'true' });
  expect(smoke.outputs['bypass-token']).toMatch(/^mb1-/);
  const post = await runPost(smoke);
  expect(post.exitCode).toBe(0);
  expect(post.stdout).toContain('Bypass token ended');
  await step(site, { command: 'allowlist-off' });
  await step(site, { command: 'exit' });

  const called = new Set(
    emulator()
      .calls.slice(from)
      .map((call) => `${call.service}:${call.operation}`),
  );
  const granted = new Set(ACTION_PERMISSIONS.flatMap((permission) => permission.actions));
  expect([...called].sort()).toEqual([...granted].sort());
});
