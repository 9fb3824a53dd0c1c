// What users run, as processes: `node dist/index.js` (the action, as a runner starts it) and
// `node dist/cli/index.js`, from any dist/ directory (this checkout's, or a baseline's), with
// wall time and peak memory (max RSS, from GNU time) per run.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { inputVariables } from '../../test/support/runner.js';

const GNU_TIME = '/usr/bin/time';

export interface ProcessRun {
  readonly wallMs: number;
  /** Peak resident memory of the node process, or undefined without GNU time. */
  readonly maxRssKiB: number | undefined;
}

/** A workspace whose `.github/maintenance.yml` is `config`, as actions/checkout leaves it. */
export function workspaceWith(config: string): string {
  const workspace = mkdtempSync(join(tmpdir(), 'bench-ws-'));
  mkdirSync(join(workspace, '.github'));
  writeFileSync(join(workspace, '.github', 'maintenance.yml'), config);
  return workspace;
}

async function timed(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<ProcessRun> {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'bench-rss-')), 'rss');
  const withTime = existsSync(GNU_TIME);
  const [command, ...rest] = withTime
    ? [GNU_TIME, '-f', '%M', '-o', rssFile, process.execPath, ...args]
    : [process.execPath, ...args];
  const start = performance.now();
  const child = spawn(command, rest, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number>((done, fail) => {
    child.on('error', fail);
    child.on('close', (exit) => done(exit ?? 1));
  });
  const wallMs = performance.now() - start;
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited ${code}:\n${output}`);
  const maxRssKiB = withTime ? Number(readFileSync(rssFile, 'utf8').trim()) : undefined;
  return { wallMs, maxRssKiB };
}

/** `node <dist>/index.js` with INPUT_* (action.yml defaults) and the GITHUB_* files a runner gives. */
export async function runActionProcess(
  dist: string,
  inputs: Record<string, string>,
  workspace: string,
  awsEnv: Record<string, string>,
): Promise<ProcessRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-runner-'));
  const files = Object.fromEntries(
    ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH'].map(
      (name) => [name, join(dir, name.toLowerCase())],
    ),
  );
  for (const file of Object.values(files)) writeFileSync(file, '');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTOR: 'bench',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '1',
    GITHUB_SHA: 'd6cd1e2bd19e03a81132a23b2025920577f84e37',
    ...files,
    ...(await inputVariables(inputs, 'ghs_bench-token')),
    ...awsEnv,
  };
  return timed([join(dist, 'index.js')], env, workspace);
}

/** `node <dist>/cli/index.js <args>` in `cwd`. */
export function runCliProcess(
  dist: string,
  args: string[],
  cwd: string,
  awsEnv: Record<string, string>,
): Promise<ProcessRun> {
  const env = { PATH: process.env.PATH ?? '', HOME: cwd, ...awsEnv };
  return timed([join(dist, 'cli', 'index.js'), ...args], env, cwd);
}
