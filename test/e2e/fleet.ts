// Shared by the many-environment suites: environments placed in the emulator by scope and region,
// and the bundled CLI run as a user runs it (only AWS settings for the emulator).
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { awsEnvFor } from '../../sandbox/src/aws-env.js';
import type { WafScope } from '../../sandbox/src/waf-emulator/index.js';
import { REPO_ROOT } from '../support/repo-root.js';

const CLI = resolve(REPO_ROOT, 'dist/cli/index.js');

export interface Placed {
  readonly key: string;
  readonly prefix: string;
  readonly scope: WafScope;
  readonly region: string;
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A config with the QA office testers, `envs` (plus `extraEntries`, YAML under `environments:`)
 * and group `production` of `envs`.
 */
export function fleetConfig(envs: readonly Placed[], extraEntries = ''): string {
  const entries = envs
    .map(
      (e) =>
        `  ${e.key}:\n    name: ${e.prefix}\n    scope: ${e.scope}\n` +
        (e.scope === 'REGIONAL' ? `    region: ${e.region}\n` : ''),
    )
    .join('');
  return `testers:
  - name: QA office
    cidrs: [203.0.113.0/24]
environments:
${entries}${extraEntries}groups:
  production: [${envs.map((e) => e.key).join(', ')}]
`;
}

/** `node dist/cli/index.js ...args` in `cwd`, against the emulator at `endpoint`. */
export function runCli(endpoint: string, cwd: string, args: readonly string[]): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...awsEnvFor(endpoint) } },
      (error, stdout, stderr) =>
        done({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}
