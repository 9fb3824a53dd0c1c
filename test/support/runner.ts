// Runs the bundled action (`node dist/index.js`, then optionally `dist/post/index.js`) the way a
// GitHub runner does: inputs as INPUT_* variables (hyphens kept, defaults from action.yml), and
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files in a fresh temp dir.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './repo-root.js';

export interface RunActionOptions {
  /** Inputs by their action.yml name (`dry-run`, not `dry_run`). Missing ones get action.yml's default. */
  readonly inputs: Readonly<Record<string, string>>;
  /** GITHUB_WORKSPACE; a fresh empty dir when omitted. */
  readonly workspace?: string;
  /** What `${{ github.token }}` expands to. */
  readonly githubToken?: string;
  /** Extra environment (AWS_ENDPOINT_URL_WAFV2, GITHUB_API_URL, ...), applied last. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface StepResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Parsed GITHUB_OUTPUT. */
  readonly outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY as written. */
  readonly summary: string;
  /** Parsed GITHUB_STATE (what the post step receives as STATE_*). */
  readonly state: Record<string, string>;
  /** The environment the step ran with, for running the post step alike. */
  readonly env: Readonly<Record<string, string>>;
}

/** Runs `dist/index.js` as the action's main step. */
export async function runAction(options: RunActionOptions): Promise<StepResult> {
  const dir = await mkdtemp(join(tmpdir(), 'maintenance-runner-'));
  const workspace = options.workspace ?? (await mkdtemp(join(tmpdir(), 'maintenance-ws-')));
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_PATH: join(dir, 'path'),
  };
  await Promise.all(Object.values(files).map((file) => writeFile(file, '')));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTOR: 'octocat',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '4242',
    GITHUB_SHA: 'd6cd1e2bd19e03a81132a23b2025920577f84e37',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    ...files,
    ...(await inputVariables(options.inputs, options.githubToken ?? 'ghs_runner-test-token')),
    ...options.env,
  };
  return runStep(join(REPO_ROOT, 'dist/index.js'), env);
}

/** Runs `dist/post/index.js` after `main`, with the state main saved (STATE_* variables). */
export async function runPost(main: StepResult): Promise<StepResult> {
  const stateVars = Object.fromEntries(
    Object.entries(main.state).map(([name, value]) => [`STATE_${name}`, value]),
  );
  return runStep(join(REPO_ROOT, 'dist/post/index.js'), { ...main.env, ...stateVars });
}

/** The runner's naming rule: `INPUT_` + name upper-cased, spaces to `_`, hyphens kept. */
export async function inputVariables(
  given: Readonly<Record<string, string>>,
  githubToken: string,
): Promise<Record<string, string>> {
  const action = parse(await readFile(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const vars: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = given[name] ?? spec.default;
    if (value === undefined) continue;
    vars[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value.replace(
      /\$\{\{\s*github\.token\s*\}\}/g,
      githubToken,
    );
  }
  for (const name of Object.keys(given)) {
    if (!(name in action.inputs)) throw new Error(`action.yml has no input '${name}'`);
  }
  return vars;
}

async function runStep(script: string, env: Record<string, string>): Promise<StepResult> {
  const child = spawn(process.execPath, [script], { env, cwd: env.GITHUB_WORKSPACE });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exitCode = await new Promise<number>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done(code ?? 1));
  });
  const read = (name: string) => readFile(env[name]!, 'utf8');
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseFileCommand(await read('GITHUB_OUTPUT')),
    summary: await read('GITHUB_STEP_SUMMARY'),
    state: parseFileCommand(await read('GITHUB_STATE')),
    env,
  };
}

/** Parses a GITHUB_OUTPUT / GITHUB_STATE file: `name<<delimiter` blocks or `name=value` lines. */
export function parseFileCommand(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const end = lines.indexOf(delimiter!, i + 1);
      if (end < 0) throw new Error(`unterminated ${name}<<${delimiter} in file command`);
      result[name!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      result[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return result;
}
