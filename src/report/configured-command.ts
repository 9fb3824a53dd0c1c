// The path both front doors share, from what the user gave to a report: parse the config,
// pick the environment, build the allow list (all validated before any write), run the command.
// It lives beside the rendering because it is the only other thing the action and the CLI share.
import { allowlistFor, parseConfig, selectEnvironment } from '../domain/config.js';
import type { Command } from '../domain/types.js';
import type { CommandReport } from '../engine/report.js';
import { runCommand } from '../engine/run-command.js';
import type { Invoker } from './facts.js';

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
}

export async function runConfiguredCommand(request: ConfiguredCommand): Promise<CommandReport> {
  const config = parseConfig(request.configText, request.configFile);
  const environment = selectEnvironment(config, request.environment);
  const allowlist = allowlistFor(
    config,
    environment,
    request.extraAllowlist,
    request.extraAllowlistSource,
  );
  return runCommand({
    command: request.command,
    environment,
    allowlist,
    ...(request.reason !== undefined ? { reason: request.reason } : {}),
    dryRun: request.dryRun,
    ...request.invoker,
  });
}
