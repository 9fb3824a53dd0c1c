// Runner access around any command: find the runner's address when it can be let in (input, so
// before any write), end expired leases (every command does, so a job killed before its post step cannot
// leave access open past its lease), keep live leases' addresses through allowlist-on, and after
// the command give this job a lease.
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { CidrsByFamily, Command, Environment } from '../domain/types.js';
import type { CommandReport } from '../engine/report.js';
import type { SideWork } from '../engine/run-command.js';
import { createWafClient } from '../aws/client.js';
import type { HeldLease } from './held-lease.js';
import {
  grantRunnerAccess,
  jobIdentity,
  leaseContext,
  prepareRunnerAccess,
  type PreparedAccess,
} from './runner-access.js';
import { discoverRunnerAddress, type RunnerAddress } from './runner-address.js';
import { withRunnerAccess } from './report-with-runner.js';

/** `allow-runner: true` and its settings. */
export interface RunnerAccessRequest {
  readonly ipEchoUrl: string;
  /** How long the lease lasts if the post step never runs. */
  readonly leaseMs: number;
  /** Receives what the post step needs to end the lease (the action saves it as step state). */
  readonly onLease: (held: HeldLease) => void;
}

export interface AroundCommand {
  readonly command: Command;
  readonly dryRun: boolean;
  readonly environment: Environment;
  /** Testers plus extra CIDRs: addresses they cover never leave the allow set when a lease ends. */
  readonly allowlist: CidrsByFamily;
  /** The command's client (built by the front door, with its deadline). */
  readonly client?: WAFV2Client;
  readonly runner: RunnerAccessRequest | undefined;
  readonly log: (line: string) => void;
  readonly warn: (line: string) => void;
}

export interface RunnerAccessStep {
  /** The client the command should use too (one connection pool, one retry budget). */
  readonly client: WAFV2Client;
  /** Runs beside the command's reads: ends expired leases, and keeps live leases' addresses through allowlist-on. */
  readonly sideWork: SideWork;
  /** After the command: this runner's lease, and the report as the sets now are. */
  finish(report: CommandReport): Promise<CommandReport>;
}

export async function beginRunnerAccess(request: AroundCommand): Promise<RunnerAccessStep> {
  const { runner, environment, log } = request;
  const address = runner ? await addressToGrant(request, runner) : undefined;

  const client = request.client ?? createWafClient(environment);
  const ctx = leaseContext(client, environment, [
    ...request.allowlist.ipv4,
    ...request.allowlist.ipv6,
  ]);
  let prepared: PreparedAccess | undefined;

  const sideWork: SideWork = async (handles) => {
    prepared = await prepareRunnerAccess(handles, environment, ctx, {
      write: !request.dryRun,
    }).catch((error: unknown) => {
      // Without allow-runner the command does not depend on leases: go on, but say so loudly.
      if (runner) throw error;
      request.warn(
        `Could not check runner leases (expired ones stay until a later command ends them): ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    });
    for (const outcome of prepared?.pruned ?? []) {
      log(
        `Ended ${outcome.ended.length} expired runner lease(s): ${outcome.ended.map((l) => l.cidr).join(', ')}`,
      );
    }
    return {
      changedRoles: (prepared?.pruned ?? []).flatMap((o) => (o.change ? [o.change.set.role] : [])),
      keep: request.command === 'allowlist-on' ? (prepared?.live ?? []).map((l) => l.cidr) : [],
    };
  };

  return {
    client,
    sideWork,
    finish: async (report) => {
      if (!address || !runner || !prepared) return report;
      const skip = skipReason(report);
      if (skip) {
        log(`Runner ${address.cidr} not added: ${skip}.`);
        return report;
      }
      return grant(prepared, report, address, runner, log);
    },
  };
}

async function grant(
  prepared: PreparedAccess,
  report: CommandReport,
  address: RunnerAddress,
  runner: RunnerAccessRequest,
  log: (line: string) => void,
): Promise<CommandReport> {
  const { held, change } = await grantRunnerAccess(
    prepared,
    address,
    jobIdentity(process.env),
    runner.leaseMs,
  );
  runner.onLease(held);
  log(
    `Runner ${address.cidr} let through ${held.set.name} until the job ends (lease ${held.lease.key} expires ${held.lease.expiresAt.toISOString()}).`,
  );
  return withRunnerAccess(report, held.set.role, change);
}

/** Commands after which the runner may get a lease; the others shut testers out, the runner too. */
const GRANTING: readonly Command[] = ['enter', 'allowlist-on', 'status'];

/**
 * The runner's address, looked up only when this command can let it in: a command that shuts
 * testers out (or a dry run) must not fail, or be slowed, because the echo service is down.
 */
async function addressToGrant(
  request: AroundCommand,
  runner: RunnerAccessRequest,
): Promise<RunnerAddress | undefined> {
  const why = request.dryRun
    ? 'dry run, nothing is written'
    : GRANTING.includes(request.command)
      ? undefined
      : `${request.command} shuts testers out, so the runner stays out too`;
  if (why) {
    request.log(`Runner not let in: ${why} (its address was not looked up).`);
    return undefined;
  }
  const address = await discoverRunnerAddress(runner.ipEchoUrl);
  request.log(`This runner's public address: ${address.cidr} (from ${runner.ipEchoUrl})`);
  return address;
}

/** Why the runner gets no lease after this command, if it gets none. */
function skipReason(report: CommandReport): string | undefined {
  if (report.state === 'normal') {
    return `${report.environment.key} is not in maintenance, so everyone (this runner too) gets through`;
  }
  if (report.state === 'inconsistent') {
    return `${report.environment.key} is inconsistent; run enter or exit to repair it first`;
  }
  return undefined;
}
