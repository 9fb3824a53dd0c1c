// `allow-runner` in the action's main step, around the command: find the runner's address (input,
// so before any write), prune expired leases, keep live leases' addresses through allowlist-on,
// then give this job a lease and hand it to the post step.
import * as core from '@actions/core';
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import { normalizeCidrs } from '../domain/cidr.js';
import type { CidrsByFamily, Command, Environment } from '../domain/types.js';
import { createWafClient } from '../aws/client.js';
import type { CommandReport } from '../engine/report.js';
import { encodeHeldLease, HELD_LEASE_STATE } from './held-lease.js';
import {
  grantRunnerAccess,
  jobIdentity,
  leaseContext,
  prepareRunnerAccess,
} from './runner-access.js';
import { discoverRunnerAddress } from './runner-address.js';
import { withRunnerAccess } from './report-with-runner.js';

export interface RunnerAccessOptions {
  readonly command: Command;
  readonly dryRun: boolean;
  readonly allowRunner: boolean;
  readonly ipEchoUrl: string;
  /** How long the lease lasts if the post step never runs. */
  readonly runnerLeaseMs: number;
}

export interface RunnerAccessStep {
  /** The client the command should use too (one connection pool, one retry budget). */
  readonly client: WAFV2Client;
  /** The command's allowlist; under allowlist-on it also keeps live leases' addresses. */
  readonly allowlist: CidrsByFamily;
  /** After the command: the lease for this runner, and the report as the sets now are. */
  finish(report: CommandReport): Promise<CommandReport>;
}

/**
 * `allowlist` is the environment's testers plus the step's allowlist input: addresses they cover
 * never leave the allow set when a lease ends.
 */
export async function beginRunnerAccess(
  options: RunnerAccessOptions,
  environment: Environment,
  allowlist: CidrsByFamily,
): Promise<RunnerAccessStep> {
  const address = options.allowRunner ? await discoverRunnerAddress(options.ipEchoUrl) : undefined;
  if (address)
    core.info(`This runner's public address: ${address.cidr} (from ${options.ipEchoUrl})`);

  const client = createWafClient(environment);
  const ctx = leaseContext(client, environment, [...allowlist.ipv4, ...allowlist.ipv6]);
  const prepared = await prepareRunnerAccess(environment, ctx, { write: !options.dryRun });
  for (const outcome of prepared.pruned) {
    core.info(
      `Ended ${outcome.ended.length} expired runner lease(s): ${outcome.ended.map((l) => l.cidr).join(', ')}`,
    );
  }
  const keep = options.command === 'allowlist-on' ? prepared.live.map((l) => l.cidr) : [];
  return {
    client,
    allowlist:
      keep.length === 0
        ? allowlist
        : normalizeCidrs([...allowlist.ipv4, ...allowlist.ipv6, ...keep]),
    finish: async (report) => {
      if (!address) return report;
      const skip = skipReason(report);
      if (skip) {
        core.info(`Runner ${address.cidr} not added: ${skip}.`);
        return report;
      }
      const job = jobIdentity(process.env);
      const grant = await grantRunnerAccess(prepared, address, job, options.runnerLeaseMs);
      core.saveState(HELD_LEASE_STATE, encodeHeldLease(grant.held));
      core.info(
        `Runner ${address.cidr} let through ${grant.held.set.name} until the job ends (lease ${grant.held.lease.key} expires ${grant.held.lease.expiresAt.toISOString()}).`,
      );
      return withRunnerAccess(report, grant.held.set.role, grant.change);
    },
  };
}

/** Why the runner gets no lease after this command, if it gets none. */
function skipReason(report: CommandReport): string | undefined {
  if (report.dryRun) return 'dry run, nothing is written';
  if (report.state === 'normal') {
    return `${report.environment.key} is not in maintenance, so everyone (this runner too) gets through`;
  }
  if (report.state === 'inconsistent') {
    return `${report.environment.key} is inconsistent; run enter or exit to repair it first`;
  }
  return undefined;
}
