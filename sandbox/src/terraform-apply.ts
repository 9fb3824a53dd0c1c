// Provisions an environment into the WAFv2 emulator with Terraform itself: a root configuration
// that calls the plain module (terraform/module) with the aws provider pointed at the emulator,
// then `terraform init` and `terraform apply`. What the sandbox serves is then what Terraform
// built, and `plan` proves there is no drift after the action has switched the sets.
// Terraform runs as a child process, asynchronously: the emulator may live in this same process.

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Scope } from '@maintenance-action/contract';
import {
  MODULE_DIR,
  SANDBOX_AWS_PROVIDER_VERSION,
  terraformEnv,
} from '@maintenance-action/terraform/cli';
import { DUMMY_CREDENTIALS } from './aws-env.js';

const run = promisify(execFile);
/** Each terraform command's limit: init and apply take seconds; a hang must not hang the caller. */
const COMMAND_TIMEOUT_MS = 180_000;

export interface TerraformTarget {
  /** The emulator's endpoint, e.g. http://127.0.0.1:4566. */
  readonly endpoint: string;
  /** The provider's region: us-east-1 for CLOUDFRONT. */
  readonly region: string;
}

/** The module's variables (snake_case, as in HCL). */
export type ModuleVariables = { readonly name: string; readonly scope: Scope } & Readonly<
  Record<string, unknown>
>;

export interface TerraformWorkspace {
  readonly dir: string;
  /** The module's outputs after the last apply. */
  outputs(): Promise<Record<string, unknown>>;
  /** `terraform plan -detailed-exitcode`: 0 no changes, 2 changes (the plan text is returned). */
  plan(): Promise<{ exitCode: number; output: string }>;
  /** Rewrites the root configuration with other module variables (then plan or apply). */
  configure(variables: ModuleVariables): Promise<void>;
  apply(): Promise<void>;
  destroy(): Promise<void>;
  /** Removes the working directory (state included). */
  remove(): Promise<void>;
}

/** The root configuration: the provider at the emulator, the module from this checkout. */
export function rootConfiguration(target: TerraformTarget, variables: ModuleVariables): string {
  const outputs = ['config_entry', 'rule_group_arn', 'web_acl_arn', 'region'];
  return `${JSON.stringify(
    {
      terraform: {
        required_providers: {
          aws: { source: 'hashicorp/aws', version: SANDBOX_AWS_PROVIDER_VERSION },
        },
      },
      provider: {
        aws: {
          region: target.region,
          access_key: DUMMY_CREDENTIALS.AWS_ACCESS_KEY_ID,
          secret_key: DUMMY_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
          // No STS, IAM or instance metadata: only WAFv2 is answered, by the emulator.
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: true,
          endpoints: { wafv2: target.endpoint },
        },
      },
      module: { maintenance: { source: MODULE_DIR, ...variables } },
      output: Object.fromEntries(
        outputs.map((name) => [name, { value: `\${module.maintenance.${name}}` }]),
      ),
    },
    null,
    2,
  )}\n`;
}

async function terraform(dir: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run('terraform', [...args, '-no-color'], {
      cwd: dir,
      env: terraformEnv(),
      timeout: COMMAND_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `terraform ${args[0]} failed in ${dir}:\n${failed.stderr || failed.stdout || failed.message}`,
      { cause: error },
    );
  }
}

/** Writes the root configuration, runs `terraform init` and `terraform apply`. */
export async function applyModule(
  target: TerraformTarget,
  variables: ModuleVariables,
): Promise<TerraformWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), 'maintenance-terraform-'));
  const configure = (vars: ModuleVariables) =>
    writeFile(join(dir, 'main.tf.json'), rootConfiguration(target, vars));
  await configure(variables);
  const workspace: TerraformWorkspace = {
    dir,
    configure,
    outputs: async () => {
      const raw = JSON.parse(await terraform(dir, ['output', '-json'])) as Record<
        string,
        { value: unknown }
      >;
      return Object.fromEntries(Object.entries(raw).map(([key, { value }]) => [key, value]));
    },
    plan: async () => {
      try {
        const { stdout } = await run(
          'terraform',
          ['plan', '-detailed-exitcode', '-input=false', '-lock=false', '-no-color'],
          { cwd: dir, env: terraformEnv(), timeout: COMMAND_TIMEOUT_MS, maxBuffer: 64 << 20 },
        );
        return { exitCode: 0, output: stdout };
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        if (typeof failed.code !== 'number') throw error;
        return { exitCode: failed.code, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
      }
    },
    apply: async () => {
      await terraform(dir, ['apply', '-auto-approve', '-input=false']);
    },
    destroy: async () => {
      await terraform(dir, ['destroy', '-auto-approve', '-input=false']);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  try {
    await terraform(dir, ['init', '-input=false']);
    await workspace.apply();
  } catch (error) {
    await workspace.remove();
    throw error;
  }
  return workspace;
}
