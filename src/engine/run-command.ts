// The engine: one command against one environment, top to bottom: read -> plan -> write ->
// verify -> report. Verify is a fresh read planned again: a plan with nothing left to write is
// the proof the sets hold what the command wants, once the read is the sets at one instant
// (settled-read.ts: the lock tokens say so). When another writer changed them in between,
// the command re-applies (bounded) and otherwise fails saying what the other writer did. After a
// failed write (or verify), the sets are read again on a budget of their own, and the error says
// what that read shows: a write whose answer was lost may have been applied.
import { InputError } from '../domain/errors.js';
import { withOwnBudget } from '../aws/client.js';
import { READ_AGAIN_TIMEOUT_MS } from '../aws/deadline.js';
import { planCommand, type Plan } from '../domain/plan.js';
import { stateOf } from '../domain/state.js';
import { setName, type EnvironmentContents, type SetTarget, type State } from '../domain/types.js';
import { buildReport } from './build-report.js';
import type { CommandRequest } from './command-request.js';
import { CommandRefusedError } from './command-refused-error.js';
import { ConcurrentChangeError } from './concurrent-change-error.js';
import {
  contentsOf,
  firstRead,
  readEnvironment,
  type EnvironmentHandles,
  type EnvironmentSnapshot,
} from './read-environment.js';
import { readSettled, readVerified } from './settled-read.js';
import type { CommandReport } from './report.js';
import {
  PartialWriteError,
  type FailedWrites,
  type ReadAfterFailure,
} from './partial-write-error.js';
import type { WriteFailures } from './write-plan.js';
import { writeInTurn } from './write-turn.js';

export type { CommandRequest } from './command-request.js';

/** Write rounds before a command gives up on a writer that keeps undoing its change. */
export const MAX_WRITE_ROUNDS = 3;

export async function runCommand(request: CommandRequest): Promise<CommandReport> {
  const now = request.now ?? (() => new Date());
  const startedAt = now();
  const { client, environment } = request;
  const nameOf = (target: SetTarget): string => setName(environment.name, target);
  const plan = (contents: EnvironmentContents): Plan =>
    planCommand(request, contents, nameOf, now());

  const found = await firstRead(client, environment, request.warn ?? (() => undefined));
  const { handles } = found;
  const read = await readSettled(request, handles, nameOf, now, found.snapshot);
  const before = contentsOf(read);
  const first = refusedWithState(() => plan(before), stateOf(before, nameOf, now()).state);
  if (request.dryRun || first.phases.length === 0) {
    return buildReport({
      request,
      nameOf,
      before,
      after: before,
      written: [],
      ...(request.dryRun ? { plan: first } : {}),
      startedAt,
      finishedAt: now(),
    });
  }
  const verified = await writeAndVerify(request, handles, read, first, nameOf, now);
  return buildReport({
    request,
    nameOf,
    before,
    after: verified.after,
    written: verified.written,
    startedAt,
    finishedAt: now(),
  });
}

/** The plan, or its refusal carrying the state it refused in (see command-refused-error.ts). */
function refusedWithState(plan: () => Plan, state: State): Plan {
  try {
    return plan();
  } catch (error) {
    if (error instanceof InputError) throw new CommandRefusedError(error.problems, state);
    throw error;
  }
}

/** Write the plan, read everything again, plan again; until nothing is left to write (bounded). */
async function writeAndVerify(
  request: CommandRequest,
  handles: EnvironmentHandles,
  read: EnvironmentSnapshot,
  plan: Plan,
  nameOf: (target: SetTarget) => string,
  now: () => Date,
): Promise<{ after: EnvironmentContents; written: SetTarget[] }> {
  const { client, command, environment } = request;
  const before = contentsOf(read);
  const written = new Set<SetTarget>();
  const ctx = { client, command, environment, nameOf, now, sleep: request.sleep };
  for (let round = 1; ; round++) {
    // A round after an unsettled read may have nothing to write: it only reads again.
    const result =
      plan.phases.length > 0
        ? await writeInTurn(request, ctx, read, plan)
        : { after: read, written: [], failures: new Map() };
    result.written.forEach((target) => written.add(target));
    const failed = (failure: { failures?: WriteFailures; verifyError?: unknown }) =>
      failedWrites(request, handles, {
        command,
        environment,
        before,
        asWritten: contentsOf(result.after),
        desired: plan.desired,
        written: [...written],
        failures: failure.failures ?? new Map(),
        ...(failure.verifyError !== undefined ? { verifyError: failure.verifyError } : {}),
        nameOf,
        now: now(),
      });
    if (result.failures.size > 0) throw await failed({ failures: result.failures });
    let settled: boolean;
    try {
      ({ read, settled } = await readVerified(request, handles, nameOf, now, result.after));
    } catch (error) {
      throw await failed({ verifyError: error });
    }
    const fresh = contentsOf(read);
    const fail = (cause?: unknown): ConcurrentChangeError =>
      new ConcurrentChangeError({
        command,
        environment,
        before,
        read: fresh,
        rounds: round,
        written: [...written],
        nameOf,
        now: now(),
        ...(cause !== undefined ? { cause } : {}),
        ...(settled ? {} : { unsettled: true }),
      });
    try {
      plan = planCommand(request, fresh, nameOf, now());
    } catch (error) {
      if (error instanceof InputError) throw fail(error);
      throw error;
    }
    if (plan.phases.length === 0 && settled) return { after: fresh, written: [...written] };
    if (round >= MAX_WRITE_ROUNDS) throw fail();
  }
}

/**
 * After a failed write (or a failed verify read): read every set again, on a budget of its own,
 * so the error says what the sets hold rather than what the failed calls suggest.
 */
async function failedWrites(
  request: CommandRequest,
  handles: EnvironmentHandles,
  known: Omit<FailedWrites, 'reread'>,
): Promise<PartialWriteError> {
  let reread: ReadAfterFailure;
  try {
    // A client and budget of its own: the command's budget may be what ran out.
    const snapshot = await withOwnBudget(request.environment, READ_AGAIN_TIMEOUT_MS, (client) =>
      readEnvironment(client, request.environment, handles),
    );
    const contents = contentsOf(snapshot);
    reread = { contents, complete: nothingLeft(request, contents, known) };
  } catch (error) {
    reread = { error };
  }
  return new PartialWriteError({ ...known, reread });
}

/** True when the command, planned on `contents`, would write nothing. */
function nothingLeft(
  request: CommandRequest,
  contents: EnvironmentContents,
  known: Omit<FailedWrites, 'reread'>,
): boolean {
  try {
    return planCommand(request, contents, known.nameOf, known.now).phases.length === 0;
  } catch {
    // The command no longer applies to what the sets hold: not complete.
    return false;
  }
}
