// How this repository runs Terraform: with the offline provider mirror when the machine has one
// (CI here, the sandbox), with the registry otherwise (GitHub's runners download the provider).
// Used by the module check (terraform:check), the sandbox's Terraform path and the end-to-end test.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The AWS provider version the sandbox applies with and the examples pin. */
export const SANDBOX_AWS_PROVIDER_VERSION = '5.100.0';

export const OFFLINE_MIRROR = '/opt/tf-plugins';
export const MIRROR_CLI_CONFIG = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'ci',
  'terraformrc',
);
export const MODULE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'module');

/** Whether `terraform` is on the PATH. */
export function terraformInstalled(): boolean {
  return spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;
}

/**
 * The environment for terraform commands: the mirror's CLI config when the mirror exists (unless
 * the caller set TF_CLI_CONFIG_FILE to a file that exists), and a shared plugin cache otherwise so
 * that several `init`s download the provider once.
 */
export function terraformEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  const configured = base['TF_CLI_CONFIG_FILE'];
  if (configured !== undefined && configured !== '' && existsSync(configured)) return env;
  if (existsSync(OFFLINE_MIRROR)) return { ...env, TF_CLI_CONFIG_FILE: MIRROR_CLI_CONFIG };
  delete env['TF_CLI_CONFIG_FILE'];
  const cache = base['TF_PLUGIN_CACHE_DIR'] ?? join(tmpdir(), 'maintenance-action-tf-plugins');
  mkdirSync(cache, { recursive: true });
  return { ...env, TF_PLUGIN_CACHE_DIR: cache };
}

/** Runs terraform in `cwd`, output shown; throws on a non-zero exit. */
export function terraform(cwd: string, args: readonly string[]): void {
  execFileSync('terraform', args, { cwd, env: terraformEnv(), stdio: 'inherit' });
}
