// Runs the bundled CLI (`node dist/cli/index.js`) as a user's shell does: in a checkout, with
// PATH, a HOME of its own (no ~/.aws of this machine) and AWS settings for the given WAF endpoint
// only. Never throws: the exit code is in the result, as a script sees it.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { REPO_ROOT } from './repo-root.js';

const CLI = resolve(REPO_ROOT, 'dist/cli/index.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time from start to exit. */
  readonly ms: number;
}

/** `node dist/cli/index.js ...args` in `cwd` against `endpoint`; `env` adds variables. */
export function runCli(
  endpoint: string,
  cwd: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliResult> {
  const started = Date.now();
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...awsEnvFor(endpoint), ...env } },
      (error, stdout, stderr) =>
        done({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
          ms: Date.now() - started,
        }),
    );
  });
}
