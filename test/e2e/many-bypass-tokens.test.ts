// Bypass tokens over several environments (#14), through the bundled action as a runner runs it
// (dist/index.js, then the post step dist/post/index.js) against the local WAFv2 with its write
// limit on: one token per environment, each masked, in output `bypass-tokens` and nowhere in
// `results`; the post step ends every one, and one it cannot end does not keep the others.
import {
  DeleteRegexPatternSetCommand,
  ListRegexPatternSetsCommand,
  WAFV2Client,
} from '@aws-sdk/client-wafv2';
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { createEnvironmentSets } from '@maintenance-action/sandbox/waf-emulator/index.js';
import { entryFor } from '../../src/domain/bypass-token.js';
import { emulatorForSuite } from '../support/emulator-suite.js';
import { runAction, runPost, type StepResult } from '../support/runner.js';
import { runCli, type CliResult } from '../support/cli.js';
import { fleetConfig, type Placed } from '../support/fleet.js';
import { errorAnnotations, writeWorkspace } from '../support/workspace.js';

const TOKEN = /^mb1-\d{8}T\d{6}Z-[A-Za-z0-9_-]{32}$/;

const emulator = emulatorForSuite({ writeRateLimit: true });

let sequence = 0;

/** Two environments in eu-west-1 (the first with a url) and one on CloudFront, group `qa`. */
async function threeEnvironments(): Promise<{ envs: Placed[]; workspace: string }> {
  const id = `${process.pid}-${++sequence}`;
  const envs: Placed[] = [
    {
      key: 'qa-eu',
      prefix: `tok-${id}-eu`,
      scope: 'REGIONAL',
      region: 'eu-west-1',
      url: 'https://qa-eu.example.com/shop',
    },
    { key: 'qa-eu2', prefix: `tok-${id}-eu2`, scope: 'REGIONAL', region: 'eu-west-1' },
    { key: 'qa-edge', prefix: `tok-${id}-edge`, scope: 'CLOUDFRONT', region: 'us-east-1' },
  ];
  for (const e of envs) createEnvironmentSets(emulator(), e.prefix, e.scope, e.region);
  const workspace = await writeWorkspace(fleetConfig(envs, { group: 'qa' }));
  return { envs, workspace };
}

function bypassEntries(e: Placed): string[] | undefined {
  return emulator().getRegexPatternSet(`${e.prefix}-bypass`, e.scope, e.region)?.regularExpressions;
}

function step(workspace: string, inputs: Record<string, string>): Promise<StepResult> {
  return runAction({
    workspace,
    inputs: { environment: 'qa', probe: 'false', ...inputs },
    env: awsEnvFor(emulator().endpoint),
  });
}

type Issued = Record<string, { token: string; url: string | null; expiresAt: string }>;

/** enter, then allowlist-on with tokens, on the whole group. */
async function tokensOnGroup(): Promise<{ envs: Placed[]; main: StepResult; issued: Issued }> {
  const { envs, workspace } = await threeEnvironments();
  expect((await step(workspace, { command: 'enter' })).exitCode).toBe(0);
  const main = await step(workspace, { command: 'allowlist-on', 'bypass-token': 'true' });
  expect(errorAnnotations(main.stdout)).toEqual([]);
  expect(main.exitCode).toBe(0);
  return { envs, main, issued: JSON.parse(main.outputs['bypass-tokens']!) as Issued };
}

it('a group gets one masked token per environment, each in its own set, and the post step ends them all', async () => {
  const { envs, main, issued } = await tokensOnGroup();
  expect(Object.keys(issued)).toEqual(envs.map((e) => e.key));
  const tokens = envs.map((e) => issued[e.key]!.token);
  for (const token of tokens) expect(token).toMatch(TOKEN);
  expect(new Set(tokens).size).toBe(3);
  // Each token lets its holder into its own environment only.
  envs.forEach((e, i) => expect(bypassEntries(e)).toEqual([entryFor(tokens[i]!)]));
  expect(issued['qa-eu']!.url).toBe(
    `https://qa-eu.example.com/shop?maintenance-bypass=${tokens[0]}`,
  );
  expect(issued['qa-eu2']!.url).toBeNull();
  expect(Date.parse(issued['qa-edge']!.expiresAt)).toBeGreaterThan(Date.now() + 5 * 3600_000);
  // Every token is masked before anything else could print it, and is printed nowhere else:
  // not in the log, the summary, or `results` (which workflows pass on, unmasked).
  let log = main.stdout;
  for (const token of tokens) {
    const mask = log.indexOf(`::add-mask::${token}`);
    expect(mask).toBeGreaterThanOrEqual(0);
    expect(log.slice(0, mask)).not.toContain(token);
    log = log.replace(`::add-mask::${token}`, '');
  }
  for (const token of tokens) {
    expect(log).not.toContain(token);
    expect(main.summary).not.toContain(token);
    expect(main.outputs['results']).not.toContain(token);
  }
  expect(log).toContain('Bypass tokens issued for qa-eu, qa-eu2, qa-edge (output bypass-tokens');
  // The one-environment outputs stay for one environment.
  expect(main.outputs['bypass-token']).toBeUndefined();
  expect(main.outputs['state']).toBe('maintenance-allowlisted');

  const post = await runPost(main);
  expect(errorAnnotations(post.stdout)).toEqual([]);
  expect(post.exitCode).toBe(0);
  for (const e of envs) {
    expect(post.stdout).toContain(
      `Bypass token ended on ${e.key}: removed from ${e.prefix}-bypass.`,
    );
    expect(bypassEntries(e)).toEqual([]);
  }
  let postLog = post.stdout;
  for (const token of tokens) postLog = postLog.replace(`::add-mask::${token}`, '');
  for (const token of tokens) expect(postLog).not.toContain(token);
}, 60_000);

it('one token the post step cannot end (its set was deleted) does not keep the others; the step fails naming it', async () => {
  const { envs, main } = await tokensOnGroup();
  const [eu, eu2, edge] = envs;
  await deleteBypassSet(eu2!);

  const post = await runPost(main);
  expect(post.exitCode).toBe(1);
  for (const e of [eu!, edge!]) {
    expect(post.stdout).toContain(`Bypass token ended on ${e.key}`);
    expect(bypassEntries(e)).toEqual([]);
  }
  const [error, ...more] = errorAnnotations(post.stdout);
  expect(more).toEqual([]);
  expect(error).toContain('Could not end 1 of 3 bypass tokens (the others are ended):');
  expect(error).toContain(`on qa-eu2 (${eu2!.prefix}-bypass): Missing regex pattern set`);
  expect(error).toContain('run allowlist-off on qa-eu2');
}, 60_000);

it('the CLI prints each environment its token once, and --json gives them apart from results', async () => {
  const { envs, workspace } = await threeEnvironments();
  const run = (...args: string[]) => cli(workspace, ...args, '-e', 'qa', '--no-probe');
  expect((await run('enter')).code).toBe(0);
  const text = await run('allowlist-on', '--bypass-token');
  expect(text.code).toBe(0);
  const printed = [...text.stdout.matchAll(/^ {2}(qa-[a-z0-9]+) \(valid until [^)]+\): (\S+)$/gm)];
  expect(printed.map((m) => m[1])).toEqual(envs.map((e) => e.key));
  envs.forEach((e, i) => expect(bypassEntries(e)).toEqual([entryFor(printed[i]![2]!)]));
  expect(text.stdout).toContain('tester link: https://qa-eu.example.com/shop?maintenance-bypass=');

  const json = await run('allowlist-on', '--bypass-token', '--json');
  expect(json.code).toBe(0);
  const parsed = JSON.parse(json.stdout) as { bypassTokens: Issued; results: unknown };
  expect(Object.keys(parsed.bypassTokens)).toEqual(envs.map((e) => e.key));
  for (const { token } of Object.values(parsed.bypassTokens)) {
    expect(token).toMatch(TOKEN);
    expect(JSON.stringify(parsed.results)).not.toContain(token);
  }
  // Two tokens now live in each set: the CLI's first and second.
  for (const e of envs) expect(bypassEntries(e)).toHaveLength(2);
}, 60_000);

/** As someone with the console would: the set is gone. */
async function deleteBypassSet(e: Placed): Promise<void> {
  const client = new WAFV2Client({
    region: e.region,
    endpoint: emulator().endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // The write rate limit is on (one write a second per region), right after the action's
    // writes: the SDK's retry waits the throttling out, as a console user's retry would.
    maxAttempts: 10,
  });
  try {
    const list = await client.send(new ListRegexPatternSetsCommand({ Scope: e.scope }));
    const set = list.RegexPatternSets!.find((s) => s.Name === `${e.prefix}-bypass`)!;
    await client.send(
      new DeleteRegexPatternSetCommand({
        Scope: e.scope,
        Name: set.Name,
        Id: set.Id,
        LockToken: set.LockToken,
      }),
    );
  } finally {
    client.destroy();
  }
}

function cli(cwd: string, ...args: string[]): Promise<CliResult> {
  return runCli(emulator().endpoint, cwd, [...args, '-c', '.github/maintenance.yml']);
}
