// One command over many environments in one process: every environment is prepared (and so
// validated) before the first AWS call, then all run at once: each reads its own sets, all in the
// same first round trip, and their writes are paced per region (src/aws/write-pacer.ts). A
// failure is that environment's alone: the others are switched, and the result says which is in
// which state.
import { DEFAULT_TIMEOUT_MS } from '../aws/deadline.js';
import { WritePacer, type RegionPacing } from '../aws/write-pacer.js';
import { checkConfig } from '../domain/config.js';
import type { ConfigText } from '../domain/config-text.js';
import { errorMessage } from '../domain/error-message.js';
import { selectEnvironments } from '../domain/environment-selection.js';
import { InputError, problemsOf, type Problem } from '../domain/errors.js';
import type { State } from '../domain/types.js';
import type { CommandReport } from '../engine/report.js';
import { CommandRefusedError } from '../engine/command-refused-error.js';
import { stateReadBy } from '../engine/state-read-by.js';
import type { IssuedBypassToken } from './issue-bypass-token.js';
import { probeFailureMessage } from '../report/probe-section.js';
import {
  prepareCommand,
  runPreparedCommand,
  type ConfiguredCommand,
  type PreparedCommand,
} from './configured-command.js';

/** What happened on one environment: its report, or the error and the state as last read. */
export interface EnvironmentResult {
  /** Key under `environments:`. */
  readonly key: string;
  readonly report?: CommandReport;
  /** Why this environment failed (the report may still exist: a probe that timed out). */
  readonly error?: string;
  /** The sets' state as read, when known: from the report or a failed write's final read. */
  readonly state?: State;
  readonly previousState?: State;
  /** Under dry-run: the state the plan would reach (`state` stays the state read now). */
  readonly plannedState?: State;
  /** `unknown`: a write's answer was lost and no read after it settled whether it applied. */
  readonly changed: boolean | 'unknown';
  /** The token allowlist-on issued for this environment, once it is in the set (never dry-run). */
  readonly bypassToken?: IssuedBypassToken;
  /** The failure's problems as data (each set's outcome after a failed write), for --json. */
  readonly problems?: readonly Problem[];
  /** The command does not apply to the state read: its error says what to run first. */
  readonly refused?: true;
}

export interface ManyReport {
  readonly command: ConfiguredCommand['command'];
  readonly results: readonly EnvironmentResult[];
  /** The common state, or `mixed` (or `unknown` when a state could not be read). */
  readonly state: State | 'mixed' | 'unknown';
  readonly previousState: State | 'mixed' | 'unknown';
  /** Under dry-run: the common planned state, or `mixed`; otherwise equal to `state`. */
  readonly plannedState: State | 'mixed' | 'unknown';
  readonly dryRun: boolean;
  readonly changed: boolean | 'unknown';
  /** Keys of the environments that failed, in the order given. */
  readonly failed: readonly string[];
  /** Writes per region and the longest wait for a slot (not counted against `timeout`). */
  readonly pacing: readonly RegionPacing[];
  /** Each environment's budget for its AWS work (input `timeout`, `--timeout`). */
  readonly timeoutMs: number;
}

/**
 * The environments `selector` names when it names several (a list, a group or `all`); undefined
 * when it names one, which keeps the one-environment path and its outputs exactly as they are.
 */
export function manyEnvironments(
  { text, file }: ConfigText,
  selector: string | undefined,
): readonly string[] | undefined {
  const check = checkConfig(text, file);
  return selectEnvironments(selector, file, {
    keys: check.keys,
    groups: check.groups,
    groupProblems: check.problems.filter((p) => p.path?.[0] === 'groups'),
  });
}

/** Prepares every environment; any problem on any of them stops all before anything is written. */
export function prepareMany(
  input: ConfiguredCommand,
  keys: readonly string[],
): readonly PreparedCommand[] {
  // Problems elsewhere in the file and notices are the same for every environment: say each once.
  const said = new Set<string>();
  const once =
    (say: (line: string) => void) =>
    (line: string): void => {
      if (!said.has(line)) say(line);
      said.add(line);
    };
  const warn = once(input.warn);
  const warnConfig = input.warnConfig;
  const seenProblems = new Set<string>();
  const shared: ConfiguredCommand = {
    ...input,
    warn,
    ...(warnConfig
      ? {
          warnConfig: (problem: Problem) => {
            const key = JSON.stringify(problem);
            if (!seenProblems.has(key)) warnConfig(problem);
            seenProblems.add(key);
          },
        }
      : {}),
  };
  const prepared: PreparedCommand[] = [];
  const problems: Problem[] = [];
  for (const key of keys) {
    try {
      prepared.push(prepareCommand({ ...shared, environment: key }));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems.map((p) => ({ ...p, message: `${key}: ${p.message}` })));
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return prepared;
}

/** Runs every prepared environment at once; never throws for one environment's failure. */
export async function runMany(
  command: ConfiguredCommand['command'],
  prepared: readonly PreparedCommand[],
  warn: (line: string) => void,
): Promise<ManyReport> {
  // One pacer for the whole command: its environments' writes share each region's bucket.
  const pacer = new WritePacer();
  // Each environment without set-ids lists its own sets (with its own client and deadline): a
  // listing shared by all of them made every environment's failure the first one's, and its
  // timeout message wrong for the others (see docs/bench.md, Many environments).
  const settled = await Promise.allSettled(prepared.map((p) => runPreparedCommand(p, warn, pacer)));
  const results = settled.map((outcome, i): EnvironmentResult => {
    const key = prepared[i]!.request.environment.key;
    if (outcome.status === 'fulfilled') {
      const report = outcome.value;
      const probeFailure = probeFailureMessage(report);
      const token = prepared[i]!.bypassToken;
      return {
        key,
        report,
        state: report.state,
        previousState: report.previousState,
        ...(report.plannedState ? { plannedState: report.plannedState } : {}),
        changed: report.changed,
        ...(probeFailure ? { error: probeFailure } : {}),
        ...(token && !report.dryRun ? { bypassToken: token } : {}),
      };
    }
    const error: unknown = outcome.reason;
    const problems = problemsOf(error);
    const read = stateReadBy(error);
    return {
      key,
      error: errorMessage(error),
      changed: read?.changed ?? false,
      // A state no read settled is left out, as one never read is (the results say null).
      ...(read && read.state !== 'unknown' ? { state: read.state } : {}),
      ...(read ? { previousState: read.previousState } : {}),
      ...(problems.length > 0 ? { problems } : {}),
      ...(error instanceof CommandRefusedError ? { refused: true as const } : {}),
    };
  });
  return {
    command,
    results,
    state: common(results.map((r) => r.state)),
    previousState: common(results.map((r) => r.previousState)),
    plannedState: common(results.map((r) => r.plannedState ?? r.state)),
    dryRun: prepared.some((p) => p.request.dryRun),
    changed: results.some((r) => r.changed === true)
      ? true
      : results.some((r) => r.changed === 'unknown')
        ? 'unknown'
        : false,
    failed: results.filter((r) => r.error !== undefined).map((r) => r.key),
    pacing: pacer.pacing(),
    timeoutMs: prepared[0]?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

function common(states: readonly (State | undefined)[]): State | 'mixed' | 'unknown' {
  if (states.some((s) => s === undefined))
    return states.every((s) => s === undefined) ? 'unknown' : 'mixed';
  const first = states[0];
  return first !== undefined && states.every((s) => s === first) ? first : 'mixed';
}
