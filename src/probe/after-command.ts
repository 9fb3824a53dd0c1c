// The probe as one step after a command: decide whether it runs, poll the site as a visitor (and
// as the tester holding a bypass token), and, when visitors do not see the switch or `verify`
// asks, check the web ACL that serves the site. Never writes anything: a failed probe does not
// undo the switch.
import { withOwnBudget } from '../aws/client.js';
import { readWebAcl } from '../aws/web-acl.js';
import { parseDuration } from '../domain/duration.js';
import { InputError } from '../domain/errors.js';
import { probeSkipReason, probeTargets, type ProbeReport } from '../domain/probe.js';
import {
  checkWebAcl,
  maintenanceRuleGroupName,
  uncheckedWebAcl,
  type WebAclCheck,
} from '../domain/web-acl-check.js';
import type { Environment } from '../domain/types.js';
import type { CommandReport } from '../engine/report.js';
import { errorMessage } from '../domain/error-message.js';
import { pollUntilHeld, seconds, type PollOptions } from './poll.js';
import { HOUR_MS, MINUTE_MS } from '../domain/time.js';

export const DEFAULT_PROBE_TIMEOUT = '5m';
export const MAX_PROBE_TIMEOUT_MS = HOUR_MS;
/** The web ACL check is one GetWebACL: its retries never hold the job longer than this. */
const WEB_ACL_READ_TIMEOUT_MS = 10_000;
/** Polls an answer must hold in a row before it counts. */
export const CONSECUTIVE_POLLS = 3;
export const DEFAULT_INTERVAL_MS = 3_000;
/** Overrides the spacing of polls (milliseconds), for tests and impatient sandboxes. */
export const INTERVAL_ENV = 'MAINTENANCE_PROBE_INTERVAL_MS';

export interface ProbeRequest {
  readonly report: CommandReport;
  /** The `probe` input / `--probe`, `--no-probe`; undefined: probe when the environment has a url. */
  readonly enabled: boolean | undefined;
  /** `status --verify`: probe and check the web ACL even though nothing was switched. */
  readonly verify: boolean;
  readonly timeoutMs: number;
  /** A bypass token allowlist-on just created: the tester's view is probed too. */
  readonly bypassToken?: string;
  readonly log: (line: string) => void;
  readonly poll?: Partial<Pick<PollOptions, 'now' | 'sleep' | 'random' | 'visit' | 'intervalMs'>>;
}

/** `probe-timeout` as given (input or flag), checked like every duration. */
export function parseProbeTimeout(text: string | undefined, field: string): number {
  return parseDuration(text || DEFAULT_PROBE_TIMEOUT, {
    field,
    units: ['s', 'm'],
    maxMs: MAX_PROBE_TIMEOUT_MS,
  });
}

/** The probe's part of the report; undefined for a plain `status`, which shows what the sets say. */
export async function probeAfterCommand(request: ProbeRequest): Promise<ProbeReport | undefined> {
  const { report } = request;
  if (report.command === 'status' && !request.verify) return undefined;
  const skipped = probeSkipReason({ ...report, enabled: request.enabled });
  if (skipped !== undefined) {
    const webAcl = request.verify ? await webAclCheck(request) : undefined;
    return { result: 'skipped', skipped, targets: [], ...(webAcl ? { webAcl } : {}) };
  }
  const targets = probeTargets(report.environment, report.state, request.bypassToken);
  const now = request.poll?.now ?? Date.now;
  const fromWrite = report.changed;
  const startMark = fromWrite ? Date.parse(report.finishedAt) : now();
  const outcome = await pollUntilHeld(targets, {
    timeoutMs: request.timeoutMs,
    intervalMs: request.poll?.intervalMs ?? intervalFromEnv(),
    consecutive: CONSECUTIVE_POLLS,
    startMark,
    log: request.log,
    ...request.poll,
  });
  const failed = !outcome.held;
  const webAcl = failed || request.verify ? await webAclCheck(request) : undefined;
  return {
    result: failed ? 'timeout' : 'ok',
    ...(outcome.heldAt !== undefined ? { seconds: seconds(outcome.heldAt - startMark) } : {}),
    countedFrom: fromWrite ? 'last write' : 'probe start',
    timeoutSeconds: seconds(request.timeoutMs),
    consecutive: CONSECUTIVE_POLLS,
    targets: outcome.targets,
    ...(webAcl ? { webAcl } : {}),
  };
}

function intervalFromEnv(): number {
  const raw = process.env[INTERVAL_ENV];
  const ms = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, MINUTE_MS) : DEFAULT_INTERVAL_MS;
}

/** Best effort: a web ACL that cannot be read is reported as such, never as a failure of its own. */
async function webAclCheck(request: ProbeRequest): Promise<WebAclCheck | undefined> {
  const environment: Environment = request.report.environment;
  const ref = environment.webAcl;
  if (!ref) return undefined;
  const ruleGroup = maintenanceRuleGroupName(environment.name);
  if (ref.id === undefined) {
    return uncheckedWebAcl(
      ref.name,
      ruleGroup,
      `web ACL ${ref.name} not checked: GetWebACL needs its id; add web-acl.id to the config (the web ACL's Id: the WAF console shows it, and it is the last part of its ARN)`,
    );
  }
  const acl = { name: ref.name, id: ref.id };
  try {
    const webAcl = await withOwnBudget(environment, WEB_ACL_READ_TIMEOUT_MS, (client) =>
      readWebAcl(client, environment.scope, acl),
    );
    return checkWebAcl(webAcl, ruleGroup, ref.name);
  } catch (error) {
    return uncheckedWebAcl(
      ref.name,
      ruleGroup,
      `web ACL ${ref.name} not checked: ${errorMessage(error)}`,
    );
  }
}

/** Before any write: `probe: true` needs somewhere to probe. */
export function checkProbeInput(
  environment: Environment,
  enabled: boolean | undefined,
  configFile: string,
): void {
  if (enabled !== true || environment.url !== undefined) return;
  throw new InputError({
    file: configFile,
    field: `environments.${environment.key}.url`,
    message:
      "the probe is on (probe: true) but this environment has no url: add the site's public address as url:, or turn the probe off",
  });
}
