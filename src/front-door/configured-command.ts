// The path both front doors share, from what the user gave to a report: check the config,
// resolve the environment (problems elsewhere in the file are warnings), build the allow list
// (all validated before any write), then run the command inside runner access (expired runner
// leases end on every command; with allow-runner this runner gets a lease) and within the
// command's AWS deadline. The action and the CLI are thin wrappers around this.
import { allowlistFor, checkConfig, type ConfigCheck } from '../domain/config.js';
import { resolveConfig } from '../domain/config-scope.js';
import { formatProblem, type Problem } from '../domain/errors.js';
import { parseCidr } from '../domain/cidr.js';
import type { CidrsByFamily, Command, Environment } from '../domain/types.js';
import { mergeLines } from '../report/merges.js';
import { createWafClient, regionFor } from '../aws/client.js';
import { Deadline, DEFAULT_TIMEOUT_MS } from '../aws/deadline.js';
import { wafEndpoint } from '../aws/endpoint.js';
import type { CommandReport } from '../engine/report.js';
import { runCommand } from '../engine/run-command.js';
import { checkProbeInput, parseProbeTimeout, probeAfterCommand } from '../probe/after-command.js';
import { beginRunnerAccess, type RunnerAccessRequest } from '../runner-access/around-command.js';
import type { Invoker } from '../report/facts.js';
import { reasonNotice } from '../report/reason-notice.js';
import { plannedEndFrom } from './planned-end-input.js';
import { overrunNotice, withSchedule } from './schedule.js';
import { DEFAULT_METRICS_WAIT_MS, withWindowCost } from './window-cost.js';

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
  /** `enter`'s planned end (#11): a duration from now, or a time; at most one of them. */
  readonly duration?: string | undefined;
  readonly until?: string | undefined;
  /** What the front door calls `duration` and `until` in messages. */
  readonly plannedEndNames?: { readonly duration: string; readonly until: string };
  /** `enter` from reconcile: the calendar window it opens (recorded with the window). */
  readonly calendarWindow?: string;
  /** reconcile reports an overrun as its own error: no warning here. */
  readonly quietOverrun?: boolean;
  readonly dryRun: boolean;
  /** Budget for the command's AWS work (input `timeout`, `--timeout`); default 60 s. */
  readonly timeoutMs?: number;
  /** The probe after the command: true, false, or undefined (on when the environment has a url). */
  readonly probe?: boolean | undefined;
  /** Default: DEFAULT_PROBE_TIMEOUT. The probe has its own budget, apart from `timeoutMs`. */
  readonly probeTimeoutMs?: number;
  /** `status --verify`: probe what visitors see and check the web ACL. */
  readonly verify?: boolean;
  readonly invoker: Invoker;
  /** `allow-runner` (the action only); undefined: no lease for this process. */
  readonly runner: RunnerAccessRequest | undefined;
  /** At exit, the longest wait for CloudWatch to publish the window's last minutes (default 20 s). */
  readonly metricsWaitMs?: number;
  readonly log: (line: string) => void;
  readonly warn: (line: string) => void;
  /** A config problem that does not concern this command (another environment's); default: warn. */
  readonly warnConfig?: (problem: Problem) => void;
  /** The clock; injected by tests. */
  readonly now?: () => Date;
}

export async function runConfiguredCommand(request: ConfiguredCommand): Promise<CommandReport> {
  const report = await switchEnvironment(request);
  // What the window cost: read after the switch and outside its deadline, so that it can never
  // hold the switch up or make it fail (it has its own timeouts).
  return withWindowCost(report, {
    metricsWaitMs: request.metricsWaitMs ?? DEFAULT_METRICS_WAIT_MS,
  });
}

async function switchEnvironment(request: ConfiguredCommand): Promise<CommandReport> {
  const check = checkConfig(request.configText, request.configFile);
  const { environment, warnings } = resolveConfig(check, request.environment, request.command);
  const warnConfig = request.warnConfig ?? ((problem) => request.warn(formatProblem(problem)));
  for (const problem of warnings) warnConfig(problem);
  const { command, dryRun } = request;
  const allowlist = commandAllowlist(check, environment, request);
  if (request.reason?.trim() && command !== 'enter' && command !== 'exit') {
    request.warn(`A reason is recorded only by enter and exit; ignored for ${command}.`);
  }
  const endpoint = wafEndpoint(regionFor(environment));
  const now = request.now ?? (() => new Date());
  const plannedEnd = plannedEndFrom({
    command,
    duration: request.duration,
    until: request.until,
    names: request.plannedEndNames ?? { duration: 'duration', until: 'until' },
    now: now().getTime(),
    warn: request.warn,
  });
  checkProbeInput(environment, request.probe, check.config.file);

  const deadline = new Deadline(request.timeoutMs ?? DEFAULT_TIMEOUT_MS, endpoint);
  let finished: CommandReport;
  try {
    const client = createWafClient(environment, { deadline });
    const access = await beginRunnerAccess({
      command,
      dryRun,
      environment,
      allowlist,
      client,
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
      ...(plannedEnd !== undefined ? { plannedEnd } : {}),
      ...(request.calendarWindow !== undefined ? { calendarWindow: request.calendarWindow } : {}),
      dryRun,
      ...request.invoker,
      client,
      now,
    });
    const notice = reasonNotice(request.reason, report);
    if (notice) request.warn(notice);
    finished = withSchedule(await access.finish(report), environment, check.config.calendar);
    const overrun = overrunNotice(finished, request.configFile);
    if (overrun && !request.quietOverrun) request.warn(overrun);
  } catch (error) {
    // Whatever failed when the deadline fired failed because of it: say that first. The error
    // keeps its class (a partial write still sets the outputs from the sets' real state).
    const expired = deadline.expired;
    if (expired && error !== expired && error instanceof Error) {
      error.message = `${expired.message}\n${error.message}`;
    }
    throw error;
  } finally {
    deadline.dispose();
  }
  // After the AWS work: what visitors see, on the probe's own budget.
  const probe = await probeAfterCommand({
    report: finished,
    enabled: request.probe,
    verify: request.verify ?? false,
    timeoutMs: request.probeTimeoutMs ?? parseProbeTimeout(undefined, 'probe-timeout'),
    log: request.log,
  });
  return probe ? { ...finished, probe } : finished;
}

/**
 * The testers (and extra CIDRs) allowlist-on lets in. Extra CIDRs apply to allowlist-on only:
 * elsewhere they are ignored, with a warning, and cannot block the command.
 */
function commandAllowlist(
  check: ConfigCheck,
  environment: Environment,
  request: ConfiguredCommand,
): CidrsByFamily {
  const { config } = check;
  if (request.command === 'allowlist-on') {
    const allowlist = allowlistFor(
      config,
      environment,
      request.extraAllowlist,
      request.extraAllowlistSource,
    );
    const listed = [
      ...environment.testers.flatMap((name) => check.listed.get(name) ?? []),
      ...request.extraAllowlist.flatMap((text) => {
        const parsed = parseCidr(text);
        return parsed.ok ? [parsed.cidr] : [];
      }),
    ];
    for (const line of mergeLines(listed)) request.log(line);
    return allowlist;
  }
  if (request.extraAllowlist.some((line) => line.trim() !== '')) {
    request.warn(
      `${request.extraAllowlistSource} applies only to allowlist-on; ignored for ${request.command}.`,
    );
  }
  try {
    return allowlistFor(config, environment, [], request.extraAllowlistSource);
  } catch {
    // Too many tester CIDRs only matters to allowlist-on (the config check reported it).
    return { ipv4: [], ipv6: [] };
  }
}
