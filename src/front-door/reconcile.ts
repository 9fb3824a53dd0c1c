// `reconcile`, for a scheduled workflow: for every environment in the config, enter the
// calendar window whose start has come (once), exit a window past its end when its calendar
// window says auto-exit, and fail with one error per other overrun window. In maintenance it
// also ends expired bypass tokens (an `enter` on the open window: it keeps the sets and the live
// tokens and drops the expired ones; it writes nothing when there are none). Idempotent: a run
// right after another writes nothing.
import { checkConfig, type ConfigCheck } from '../domain/config.js';
import { resolveConfig } from '../domain/config-scope.js';
import { upcomingWindows, type CalendarWindow } from '../domain/calendar.js';
import { formatProblem, type Problem } from '../domain/errors.js';
import { planReconcile, type ReconcileStep } from '../domain/reconcile-plan.js';
import type { State } from '../domain/types.js';
import type { MaintenanceWindow } from '../domain/window.js';
import type { CommandReport } from '../engine/report.js';
import { errorMessage } from '../domain/error-message.js';
import type { Invoker } from '../domain/invoker.js';
import { overrunWarning } from '../report/overrun.js';
import { formatDuration } from '../report/format.js';
import { runConfiguredCommand, type ConfiguredCommand } from './configured-command.js';
import { RECONCILE } from './validate.js';

/** States in which an `enter` changes nothing but the bypass set's expired tokens. */
const MAINTENANCE: readonly State[] = ['maintenance', 'maintenance-allowlisted'];

export interface ReconcileRequest {
  readonly configText: string;
  readonly configFile: string;
  /** Only this environment (a key); default: every environment in the file. */
  readonly environment?: string | undefined;
  readonly dryRun: boolean;
  readonly timeoutMs?: number;
  readonly invoker: Invoker;
  readonly log: (line: string) => void;
  readonly warn: (line: string) => void;
  readonly warnConfig?: (problem: Problem) => void;
  readonly now?: () => Date;
}

/** What reconcile did on one environment: one row of its summary. */
export interface EnvironmentOutcome {
  readonly environment: string;
  /** State after reconcile; undefined when the environment could not be read. */
  readonly state?: State;
  /** The window in force after reconcile. */
  readonly window?: MaintenanceWindow;
  /** Its planned end (own, calendar or max-duration). */
  readonly plannedEnd?: string;
  readonly overrun: boolean;
  /** The calendar window in force or next for this environment. */
  readonly calendarWindow?: CalendarWindow;
  /** Commands run that changed something (or would, under dry-run). */
  readonly did: readonly ('entered' | 'exited')[];
  /** What it did or why not, in words. */
  readonly note: string;
  /** Set when the environment failed reconcile: an overrun to handle, or an error. */
  readonly error?: string;
  readonly changed: boolean;
}

export interface ReconcileReport {
  readonly command: 'reconcile';
  readonly dryRun: boolean;
  readonly environments: readonly EnvironmentOutcome[];
  readonly changed: boolean;
  /** One per overrun window reconcile may not exit and per environment it could not reconcile. */
  readonly errors: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
}

export async function runReconcile(request: ReconcileRequest): Promise<ReconcileReport> {
  const now = request.now ?? (() => new Date());
  const startedAt = now();
  const check = checkConfig(request.configText, request.configFile);
  // Every environment at once: they share nothing, and a multi-environment runner can take
  // this loop over.
  const keys = request.environment ? [request.environment] : check.keys;
  const environments = await Promise.all(
    keys.map((key) => reconcileEnvironment(key, check, request, now)),
  );
  const warnConfig = request.warnConfig ?? ((p: Problem) => request.warn(formatProblem(p)));
  const seen = new Set<string>();
  for (const { problem } of check.problems) {
    const text = formatProblem(problem);
    if (seen.has(text)) continue;
    seen.add(text);
    if (!environments.some((outcome) => outcome.error?.includes(text))) warnConfig(problem);
  }
  return {
    command: 'reconcile',
    dryRun: request.dryRun,
    environments,
    changed: environments.some((outcome) => outcome.changed),
    errors: environments.flatMap((outcome) => (outcome.error ? [outcome.error] : [])),
    startedAt: startedAt.toISOString(),
    finishedAt: now().toISOString(),
  };
}

async function reconcileEnvironment(
  key: string,
  check: ConfigCheck,
  request: ReconcileRequest,
  now: () => Date,
): Promise<EnvironmentOutcome> {
  const calendar = check.config.calendar;
  const at = now().getTime();
  const next = (): CalendarWindow | undefined => upcomingWindows(calendar, key, now().getTime())[0];
  try {
    resolveConfig(check, key, RECONCILE);
    const base: Omit<ConfiguredCommand, 'command'> = {
      configText: request.configText,
      configFile: request.configFile,
      environment: key,
      extraAllowlist: [],
      extraAllowlistSource: 'input "allowlist"',
      reason: undefined,
      dryRun: request.dryRun,
      ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
      invoker: request.invoker,
      log: request.log,
      warn: request.warn,
      // reconcile reports the config's problems once, and an overrun as its error.
      warnConfig: () => {},
      quietOverrun: true,
      now,
    };
    const status = await runConfiguredCommand({ ...base, command: 'status' });
    const open = status.state === 'normal' ? undefined : status.window;
    const plan = planReconcile(
      {
        key,
        ...(open ? { open } : {}),
        ...(status.schedule?.open ? { timing: status.schedule.open } : {}),
        ...(status.lastWindow ? { last: status.lastWindow } : {}),
      },
      calendar,
      at,
    );
    let last: CommandReport = status;
    const did: ('entered' | 'exited')[] = [];
    const notes: string[] = [];
    for (const step of plan.steps) {
      last = await runConfiguredCommand({ ...base, ...stepRequest(step) });
      if (last.changed || (last.dryRun && last.changes.length > 0)) {
        did.push(step.command === 'enter' ? 'entered' : 'exited');
      }
      notes.push(stepNote(step, last));
    }
    let swept = false;
    if (plan.steps.length === 0 && status.window && MAINTENANCE.includes(status.state)) {
      // Nothing is switched, so there is nothing for visitors to see: no probe.
      last = await runConfiguredCommand({ ...base, command: 'enter', probe: false });
      swept = last.changed;
      const ended = last.bypass.expiredRemoved;
      if (ended > 0) notes.push(`ended ${ended} expired bypass token${ended === 1 ? '' : 's'}`);
    }
    if (plan.note) notes.push(plan.note);
    const timing = last.schedule?.open;
    const error =
      plan.overrun && status.window && status.schedule?.open
        ? overrunWarning(
            status.environment,
            status.window,
            status.schedule.open,
            request.configFile,
          )
        : undefined;
    const calendarWindow = next();
    return {
      environment: key,
      state: last.state,
      ...(last.window ? { window: last.window } : {}),
      ...(timing ? { plannedEnd: timing.plannedEnd } : {}),
      overrun: timing?.overrun ?? false,
      ...(calendarWindow ? { calendarWindow } : {}),
      did,
      note: [
        ...(error
          ? [`OVERRUN by ${formatDuration(timing?.lateByMs ?? 0)}: exit it, or give it a new end`]
          : []),
        ...notes,
      ].join('; '),
      ...(error ? { error } : {}),
      changed: !request.dryRun && (did.length > 0 || swept),
    };
  } catch (error) {
    const message = `${key}: ${errorMessage(error)}`;
    const calendarWindow = next();
    return {
      environment: key,
      overrun: false,
      ...(calendarWindow ? { calendarWindow } : {}),
      did: [],
      note: 'could not reconcile (see the error)',
      error: message,
      changed: false,
    };
  }
}

function stepRequest(step: ReconcileStep): Pick<ConfiguredCommand, 'command' | 'reason'> & {
  readonly until?: string;
  readonly calendarWindow?: string;
} {
  const { window } = step;
  if (step.command === 'exit') {
    return { command: 'exit', reason: `calendar window ended at ${window.end} (auto-exit)` };
  }
  return {
    command: 'enter',
    reason: window.reason ?? `calendar window, ${window.start} to ${window.end}`,
    until: window.end,
    calendarWindow: window.id,
  };
}

function stepNote(step: ReconcileStep, report: CommandReport): string {
  const planned = report.dryRun ? ' (planned)' : '';
  return step.command === 'enter'
    ? `entered calendar window ${step.window.start} to ${step.window.end}${planned}`
    : `exited at the end of calendar window ${step.window.start} to ${step.window.end} (auto-exit)${planned}`;
}
