// The path both front doors share, from what the user gave to a report: parse the config,
// pick the environment, build the allow list (all validated before any write), then run the
// command inside runner access (expired runner leases end on every command; with allow-runner
// this runner gets a lease). The action and the CLI are thin wrappers around this.
import { allowlistFor, parseConfig, selectEnvironment } from '../domain/config.js';
import type { Command } from '../domain/types.js';
import type { CommandReport } from '../engine/report.js';
import { runCommand } from '../engine/run-command.js';
import { beginRunnerAccess, type RunnerAccessRequest } from '../runner-access/around-command.js';
import type { Invoker } from '../report/facts.js';
import { reasonNotice } from '../report/reason-notice.js';

export interface ConfiguredCommand {
  readonly command: Command;
  readonly configText: string;
  /** The config path as the user wrote it, for messages. */
  readonly configFile: string;
  readonly environment: string | undefined;
  /** Extra tester CIDRs ('' entries are skipped), and what to call them in messages. */
  readonly extraAllowlist: readonly string[];
  readonly extraAllowlistSource: string;
  readonly reason: string | undefined;
  readonly dryRun: boolean;
  readonly invoker: Invoker;
  /** `allow-runner` (the action only); undefined: no lease for this process. */
  readonly runner: RunnerAccessRequest | undefined;
  readonly log: (line: string) => void;
  readonly warn: (line: string) => void;
}

export async function runConfiguredCommand(request: ConfiguredCommand): Promise<CommandReport> {
  const config = parseConfig(request.configText, request.configFile);
  const environment = selectEnvironment(config, request.environment);
  const { command, dryRun } = request;
  const allowlist = allowlistFor(
    config,
    environment,
    request.extraAllowlist,
    request.extraAllowlistSource,
  );
  const access = await beginRunnerAccess({
    command,
    dryRun,
    environment,
    allowlist,
    runner: request.runner,
    log: request.log,
    warn: request.warn,
  });
  const report = await runCommand({
    command,
    environment,
    allowlist,
    sideWork: access.sideWork,
    ...(request.reason !== undefined ? { reason: request.reason } : {}),
    dryRun,
    ...request.invoker,
    client: access.client,
  });
  const notice = reasonNotice(request.reason, report);
  if (notice) request.warn(notice);
  return access.finish(report);
}
