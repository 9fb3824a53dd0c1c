// The path both front doors share, from what the user gave to a report: check the config,
// resolve the environment (problems elsewhere in the file are warnings), build the allow list,
// the planned end and the bypass token (all validated before any write), then run the command
// within its AWS deadline. The action and the CLI are thin wrappers around this.
import { createWafClient, regionFor } from '../aws/client.js';
import { Deadline, DEFAULT_TIMEOUT_MS } from '../aws/deadline.js';
import { wafEndpoint } from '../aws/endpoint.js';
import type { WritePacer } from '../aws/write-pacer.js';
import { allowlistFor, checkConfig, type ConfigCheck } from '../domain/config.js';
import { resolveConfig } from '../domain/config-scope.js';
import { cidrsOverlap, parseCidr } from '../domain/cidr.js';
import { formatProblem, type Problem } from '../domain/errors.js';
import type { Invoker } from '../domain/invoker.js';
import type { CidrsByFamily, Command, Environment } from '../domain/types.js';
import type { CommandRequest } from '../engine/command-request.js';
import type { CommandReport } from '../engine/report.js';
import { runCommand } from '../engine/run-command.js';
import { checkProbeInput, parseProbeTimeout, probeAfterCommand } from '../probe/after-command.js';
import { mergeLines } from '../report/merges.js';
import { reasonNotice } from '../report/reason-notice.js';
import { issueBypassToken, type IssuedBypassToken } from './issue-bypass-token.js';
import { plannedEndFrom } from './planned-end-input.js';
import { DEFAULT_METRICS_WAIT_MS, windowCostOf } from './window-cost.js';
import { overrunNotice, scheduleOf } from './schedule.js';

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
  readonly dryRun: boolean;
  /** Budget for the command's AWS work (input `timeout`, `--timeout`); default 60 s. */
  readonly timeoutMs?: number;
  readonly invoker: Invoker;
  /** allowlist-on only: issue a bypass token that lives this long (milliseconds). */
  readonly bypassTtlMs?: number | undefined;
  /** `enter` from reconcile: the calendar window it opens (recorded with the window). */
  readonly calendarWindow?: string;
  /** reconcile reports an overrun as its own error: no warning here. */
  readonly quietOverrun?: boolean;
  /** At exit, the longest wait for CloudWatch to publish the window's last minutes (default 20 s). */
  readonly metricsWaitMs?: number;
  /** The probe after the command: true, false, or undefined (on when the environment has a url). */
  readonly probe?: boolean | undefined;
  /** Default: DEFAULT_PROBE_TIMEOUT. The probe has its own budget, apart from `timeoutMs`. */
  readonly probeTimeoutMs?: number;
  /** `status --verify`: probe what visitors see and check the web ACL. */
  readonly verify?: boolean;
  readonly log: (line: string) => void;
  readonly warn: (line: string) => void;
  /** A config problem that does not concern this command (another environment's); default: warn. */
  readonly warnConfig?: (problem: Problem) => void;
  /** The clock; injected by tests. */
  readonly now?: () => Date;
}

export interface PreparedCommand {
  /** Everything the engine needs but the client, which lives within the command's deadline. */
  readonly request: Omit<CommandRequest, 'client'>;
  readonly check: ConfigCheck;
  readonly configFile: string;
  readonly timeoutMs: number;
  readonly quietOverrun: boolean;
  readonly metricsWaitMs: number;
  readonly probe: {
    readonly enabled: boolean | undefined;
    readonly verify: boolean;
    readonly timeoutMs: number;
    readonly log: (line: string) => void;
  };
  /** The token allowlist-on adds (also under dry-run, where it is never written). */
  readonly bypassToken: IssuedBypassToken | undefined;
  /** Extra CIDRs as given and what to call them: the summary names who each address lets in. */
  readonly extra: { readonly source: string; readonly cidrs: readonly string[] };
  /** Warnings given so far; they also go into the report, next to the result. */
  readonly notices: string[];
}

/** Everything before the first AWS call: any problem here is reported with nothing written. */
export function prepareCommand(given: ConfiguredCommand): PreparedCommand {
  const notices: string[] = [];
  const input: ConfiguredCommand = {
    ...given,
    warn: (line) => {
      notices.push(line);
      given.warn(line);
    },
  };
  const check = checkConfig(input.configText, input.configFile);
  const { environment, warnings } = resolveConfig(check, input.environment, input.command);
  const warnConfig = input.warnConfig ?? ((problem) => input.warn(formatProblem(problem)));
  for (const problem of warnings) warnConfig(problem);
  const { command, dryRun } = input;
  checkProbeInput(environment, input.probe, check.config.file);
  const allowlist = commandAllowlist(check, environment, input);
  if (input.reason?.trim() && command !== 'enter' && command !== 'exit') {
    input.warn(`A reason is recorded only by enter and exit; ignored for ${command}.`);
  }
  const now = input.now ?? (() => new Date());
  const plannedEnd = plannedEndFrom({
    command,
    duration: input.duration,
    until: input.until,
    names: input.plannedEndNames ?? { duration: 'duration', until: 'until' },
    now: now().getTime(),
    warn: input.warn,
  });
  if (input.bypassTtlMs !== undefined && command !== 'allowlist-on') {
    input.warn(`bypass-token applies only to allowlist-on; ignored for ${command}.`);
  }
  const bypassToken =
    command === 'allowlist-on' && input.bypassTtlMs !== undefined
      ? issueBypassToken(environment, now(), input.bypassTtlMs)
      : undefined;
  return {
    request: {
      command,
      environment,
      allowlist,
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
      ...(plannedEnd !== undefined ? { plannedEnd } : {}),
      ...(input.calendarWindow !== undefined ? { calendarWindow: input.calendarWindow } : {}),
      dryRun,
      invoker: input.invoker,
      ...(bypassToken ? { bypassEntry: bypassToken.entry } : {}),
      now,
    },
    check,
    configFile: input.configFile,
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    quietOverrun: input.quietOverrun ?? false,
    metricsWaitMs: input.metricsWaitMs ?? DEFAULT_METRICS_WAIT_MS,
    probe: {
      enabled: input.probe,
      verify: input.verify ?? false,
      timeoutMs: input.probeTimeoutMs ?? parseProbeTimeout(undefined, 'probe-timeout'),
      log: input.log,
    },
    bypassToken,
    extra: {
      source: input.extraAllowlistSource,
      cidrs: input.extraAllowlist.flatMap((text) => {
        const parsed = parseCidr(text);
        return parsed.ok ? [parsed.cidr] : [];
      }),
    },
    notices,
  };
}

/**
 * Builds the client and runs the engine within the command's AWS deadline, then probes what
 * visitors see on the probe's own budget, then reads what the window cost (its own timeouts:
 * it can never hold the switch up or make it fail).
 */
export async function runPreparedCommand(
  prepared: PreparedCommand,
  given: (line: string) => void,
  /** Shared by the environments of one command (many-environments.ts); none for one. */
  pacer?: WritePacer,
): Promise<CommandReport> {
  const warn = (line: string): void => {
    prepared.notices.push(line);
    given(line);
  };
  const { request } = prepared;
  const report = await runWithinDeadline(prepared, warn, pacer);
  const notice = reasonNotice(request.reason, report);
  if (notice) warn(notice);
  const schedule = scheduleOf(report, request.environment, prepared.check.config.calendar);
  const overrun = overrunNotice(report, schedule, prepared.configFile);
  if (overrun && !prepared.quietOverrun) warn(overrun);
  const probe = await probeAfterCommand({
    report,
    enabled: prepared.probe.enabled,
    verify: prepared.probe.verify,
    timeoutMs: prepared.probe.timeoutMs,
    log: prepared.probe.log,
    // allowlist-on with a token: the tester holding it must get the site.
    ...(prepared.bypassToken && !report.dryRun ? { bypassToken: prepared.bypassToken.token } : {}),
  });
  const cost = await windowCostOf(report, { metricsWaitMs: prepared.metricsWaitMs });
  const owners = allowlistOwners(prepared, report.allowlist);
  // The engine's report (buildReport) and what the front door learnt after it, in one place.
  return {
    ...report,
    schedule,
    ...(probe ? { probe } : {}),
    ...(cost ? { cost } : {}),
    ...(Object.keys(owners).length > 0 ? { allowlistOwners: owners } : {}),
    ...(prepared.notices.length > 0 ? { notices: [...prepared.notices] } : {}),
  };
}

async function runWithinDeadline(
  prepared: PreparedCommand,
  warn: (line: string) => void,
  pacer: WritePacer | undefined,
): Promise<CommandReport> {
  const { request } = prepared;
  const region = regionFor(request.environment);
  const deadline = new Deadline(prepared.timeoutMs, wafEndpoint(region));
  try {
    const lane = pacer?.lane(region, deadline);
    const client = createWafClient(request.environment, { deadline, ...(lane ? { lane } : {}) });
    return await runCommand({
      ...request,
      client,
      warn,
      ...(lane ? { writeTurns: lane } : {}),
    });
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
}

export async function runConfiguredCommand(input: ConfiguredCommand): Promise<CommandReport> {
  return runPreparedCommand(prepareCommand(input), input.warn);
}

/** Who each allowed CIDR lets in: the testers (or the extra CIDRs' source) whose ranges it overlaps. */
function allowlistOwners(
  prepared: PreparedCommand,
  allowed: readonly string[],
): Record<string, string[]> {
  const sources: [string, readonly string[]][] = [
    ...prepared.request.environment.testers.map((name): [string, readonly string[]] => [
      name,
      prepared.check.listed.get(name) ?? [],
    ]),
    [prepared.extra.source, prepared.extra.cidrs],
  ];
  const owners: Record<string, string[]> = {};
  for (const cidr of allowed) {
    const names = sources.filter(([, cidrs]) => cidrs.some((c) => cidrsOverlap(c, cidr)));
    if (names.length > 0) owners[cidr] = names.map(([name]) => name);
  }
  return owners;
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
