// One command over many environments: an environment's writes wait for its turn in the region's
// write queue, then go back to back (src/aws/write-pacer.ts), so its sets are half-switched for
// one write slot only. The plan is made again when the turn comes: the window record says when
// the writes happened, not when the command started.
import { planCommand, type Plan } from '../domain/plan.js';
import type { CommandRequest } from './command-request.js';
import { contentsOf, type EnvironmentSnapshot } from './read-environment.js';
import { writePlan, type WriteContext, type WriteRound } from './write-plan.js';

export async function writeInTurn(
  request: CommandRequest,
  ctx: WriteContext,
  read: EnvironmentSnapshot,
  plan: Plan,
): Promise<WriteRound> {
  const turns = request.writeTurns;
  if (!turns) return writePlan(ctx, read, plan);
  try {
    await turns.turn(plan.phases.flat().length);
    return await writePlan(
      ctx,
      read,
      planCommand(request, contentsOf(read), ctx.nameOf, ctx.now()),
    );
  } finally {
    turns.release();
  }
}
