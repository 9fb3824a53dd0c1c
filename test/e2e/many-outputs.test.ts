// What a command over several environments tells the user, as a runner and a terminal see it:
// the outputs file, the step summary and the `::error` annotation of `node dist/index.js`, and
// `node dist/cli/index.js --json`. A failed environment keeps which set holds what; a dry run
// never reports its plan as the sets' state; the one-environment outputs have a value with
// several environments; a failed one-environment command still sets `results`.
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { createEnvironmentSets } from '@maintenance-action/sandbox/waf-emulator/index.js';
import { runCli } from '../support/cli.js';
import { runAction } from '../support/runner.js';
import { errorAnnotations, QA_V4, writeWorkspace } from '../support/workspace.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const emulator = emulatorForSuite();
const REGION = 'eu-west-1';

afterEach(() => emulator().restoreAccess());

let sequence = 0;

/** Environments `a` and `b` (or those named), their sets created, in one region unless told. */
async function twoEnvironments(
  keys: readonly string[] = ['a', 'b'],
  regionOf: (key: string) => string = () => REGION,
) {
  const id = `${process.pid}-${++sequence}`;
  const prefix = (key: string) => `out-${id}-${key}`;
  for (const key of keys) createEnvironmentSets(emulator(), prefix(key), 'REGIONAL', regionOf(key));
  const entries = keys
    .map(
      (key) =>
        `  ${key}:\n    name: ${prefix(key)}\n    scope: REGIONAL\n    region: ${regionOf(key)}\n`,
    )
    .join('');
  const workspace = await writeWorkspace(
    `testers:\n  - name: QA office\n    cidrs: [${QA_V4}]\nenvironments:\n${entries}`,
  );
  const stored = (key: string, role: string) =>
    emulator().getIpSet(`${prefix(key)}-${role}`, 'REGIONAL', regionOf(key));
  const set = (key: string, role: string) => [...(stored(key, role)?.addresses ?? [])].map(String);
  const arn = (key: string, role: string) => stored(key, role)!.arn;
  return { workspace, prefix, set, arn };
}

function step(workspace: string, inputs: Record<string, string>) {
  return runAction({
    workspace,
    inputs: { probe: 'false', 'metrics-wait': '0s', ...inputs },
    env: awsEnvFor(emulator().endpoint),
  });
}

function cli(cwd: string, ...args: string[]) {
  return runCli(emulator().endpoint, cwd, args);
}

interface Entry {
  environment: string | null;
  state: string | null;
  previousState: string | null;
  changed: boolean;
  window: { since: string } | null;
  plannedState?: string;
  plannedWindow?: { since: string } | null;
  dryRun?: boolean;
  error: string | null;
}

it('a failed environment keeps which set holds what in the summary and the ::error annotation', async () => {
  const env = await twoEnvironments();
  // a's IPv4 write is refused; its IPv6 write goes through: a is half switched.
  emulator().denyAccess('UpdateIPSet', { resourceArn: env.arn('a', 'active-ipv4') });
  const result = await step(env.workspace, { command: 'enter', environment: 'a,b' });

  expect(result.exitCode).toBe(1);
  expect(env.set('a', 'active-ipv4')).toEqual([]);
  expect(env.set('a', 'active-ipv6')).not.toEqual([]);
  const ipv4 = `${env.prefix('a')}-active-ipv4: NOT written, still empty`;
  const ipv6 = `${env.prefix('a')}-active-ipv6: written, now`;
  // The summary: a's row stays one line; below the table, a's whole message, open.
  const row = result.summary.split('\n').find((line) => line.startsWith('| a |'))!;
  expect(row).not.toContain('NOT written');
  const details = result.summary.slice(result.summary.indexOf('<details open><summary>a: failed'));
  expect(details).toContain(ipv4);
  expect(details.slice(0, details.indexOf('</details>'))).toContain(ipv6);
  // The step's error annotation carries the per-set lines too, not only the first line.
  const [annotation] = errorAnnotations(result.stdout);
  expect(annotation).toContain('enter failed on 1 of 2 environments');
  expect(annotation).toContain(ipv4);
  expect(annotation).toContain(ipv6);
  expect(annotation).toContain('Run enter again for: a');
}, 60_000);

it('the ::error annotation stays bounded however long an environment error is', async () => {
  const keys = Array.from({ length: 12 }, (_, i) => `e${i + 1}`);
  // One region each: regions' writes are paced apart, so the run is quick.
  const regions = [
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'eu-central-1',
    'eu-north-1',
    'us-east-1',
  ];
  const regionOf = (key: string) =>
    [
      ...regions,
      'us-east-2',
      'us-west-1',
      'us-west-2',
      'ap-south-1',
      'ap-southeast-1',
      'ca-central-1',
    ][keys.indexOf(key)]!;
  const env = await twoEnvironments(keys, regionOf);
  for (const key of keys) {
    emulator().denyAccess('UpdateIPSet', { resourceArn: env.arn(key, 'active-ipv4') });
  }
  const result = await step(env.workspace, { command: 'enter', environment: keys.join(',') });
  expect(result.exitCode).toBe(1);
  const [annotation] = errorAnnotations(result.stdout);
  expect(annotation!.length).toBeLessThanOrEqual(6000);
  expect(annotation).toContain(`${env.prefix('e1')}-active-ipv4: NOT written`);
  expect(annotation).toMatch(/also .*e12: their errors are in the full report/);
  // The summary has every environment's whole message.
  for (const key of keys)
    expect(result.summary).toContain(`${env.prefix(key)}-active-ipv4: NOT written`);
}, 60_000);

it('a dry run over several environments reports the state read and marks the plan as planned', async () => {
  const env = await twoEnvironments();
  expect((await step(env.workspace, { command: 'enter', environment: 'a' })).exitCode).toBe(0);

  const dry = await step(env.workspace, {
    command: 'enter',
    environment: 'a,b',
    'dry-run': 'true',
  });
  expect(dry.exitCode).toBe(0);
  expect(env.set('b', 'active-ipv4')).toEqual([]);
  // state: what the sets hold now (a in maintenance, b normal); planned-state: what enter would reach.
  expect(dry.outputs).toMatchObject({
    state: 'mixed',
    'planned-state': 'maintenance',
    changed: 'false',
  });
  const results = JSON.parse(dry.outputs['results']!) as Entry[];
  const b = results.find((r) => r.environment === 'b')!;
  expect(b).toMatchObject({
    state: 'normal',
    plannedState: 'maintenance',
    changed: false,
    window: null,
    dryRun: true,
  });
  expect(b.plannedWindow?.since).toEqual(expect.any(String));
  expect(results.find((r) => r.environment === 'a')).toMatchObject({
    state: 'maintenance',
    plannedState: 'maintenance',
  });
  // The summary says it is a dry run, and every planned value says so.
  expect(dry.summary).toMatch(
    /^### dry run: enter on 2 environments: mixed now -&gt; maintenance \(planned\)/m,
  );
  const row = dry.summary.split('\n').find((line) => line.startsWith('| b |'))!;
  expect(row).toMatch(
    /^\| b \| normal \| maintenance \(planned\) \| 2 sets \| \S+ \(planned\) \| {2}\|$/,
  );
  expect(dry.summary).toContain('Window (planned)');
}, 60_000);

it('the one-environment outputs have a value with several environments; results has each one', async () => {
  const env = await twoEnvironments();
  const entered = await step(env.workspace, {
    command: 'enter',
    environment: 'a,b',
    duration: '90m',
  });
  expect(entered.exitCode).toBe(0);
  const on = await step(env.workspace, { command: 'allowlist-on', environment: 'a,b' });
  expect(on.exitCode).toBe(0);
  const results = JSON.parse(on.outputs['results']!) as Entry[];
  // Each environment's window is in results; the output is their common value, else empty.
  const since = results.map((r) => r.window!.since);
  expect(on.outputs['since']).toBe(since.every((s) => s === since[0]) ? since[0] : '');
  expect(on.outputs).toMatchObject({
    state: 'maintenance-allowlisted',
    'planned-state': 'maintenance-allowlisted',
    allowlist: QA_V4,
    overrun: 'false',
    'probe-result': 'skipped',
    'probe-seconds': '',
  });
  const ends = results.map((r) => (r.window as { plannedEnd?: string }).plannedEnd);
  expect(ends.every((e) => e !== undefined)).toBe(true);
  expect(on.outputs['planned-end']).toBe(ends.every((e) => e === ends[0]) ? ends[0] : '');

  // b's allow set gets an address a does not have: the lists differ, so `mixed`.
  emulator().setAddresses(`${env.prefix('b')}-allow-ipv4`, 'REGIONAL', REGION, [
    QA_V4,
    '198.51.100.0/24',
  ]);
  const status = await step(env.workspace, { command: 'status', environment: 'a,b' });
  expect(status.exitCode).toBe(0);
  expect(status.outputs['allowlist']).toBe('mixed');
}, 60_000);

it('a failed one-environment command still sets results, so fromJSON works in the next step', async () => {
  const env = await twoEnvironments();
  emulator().denyAccess('UpdateIPSet', { resourceArn: env.arn('a', 'active-ipv4') });
  const failed = await step(env.workspace, { command: 'enter', environment: 'a' });
  expect(failed.exitCode).toBe(1);
  const results = JSON.parse(failed.outputs['results']!) as Entry[];
  expect(results).toEqual([
    expect.objectContaining({
      environment: 'a',
      state: 'inconsistent',
      changed: true,
      error: expect.stringContaining(`${env.prefix('a')}-active-ipv4: NOT written`),
    }),
  ]);

  // Failing before any AWS call (a name the config does not have): one entry, with the error.
  const unknown = await step(env.workspace, { command: 'status', environment: 'nope' });
  expect(unknown.exitCode).toBe(1);
  expect(JSON.parse(unknown.outputs['results']!)).toEqual([
    expect.objectContaining({
      environment: 'nope',
      state: null,
      error: expect.stringContaining('nope'),
    }),
  ]);
}, 60_000);

it('CLI --json on a failure over several environments prints the error shape and every result', async () => {
  const env = await twoEnvironments();
  emulator().denyAccess('UpdateIPSet', { resourceArn: env.arn('a', 'active-ipv4') });
  const result = await cli(env.workspace, 'enter', '-e', 'a,b', '--no-probe', '--json');
  expect(result.code).toBe(1);
  const json = JSON.parse(result.stdout) as {
    error: { message: string; problems: { field?: string; message: string; value?: unknown }[] };
    state: string;
    results: Entry[];
  };
  expect(json.error.message).toContain('enter failed on 1 of 2 environments');
  // Each set of the failed environment as data, named by environment.
  expect(json.error.problems).toContainEqual(
    expect.objectContaining({
      field: `${env.prefix('a')}-active-ipv4`,
      message: expect.stringMatching(/^a: not written: /),
    }),
  );
  expect(json.error.problems).toContainEqual(
    expect.objectContaining({ field: `${env.prefix('a')}-active-ipv6`, message: 'a: written' }),
  );
  expect(json.state).toBe('mixed');
  expect(json.results.map((r) => [r.environment, r.state, r.error === null])).toEqual([
    ['a', 'inconsistent', false],
    ['b', 'maintenance', true],
  ]);
}, 60_000);
