// Stand-in for beginRunnerAccess in front-door unit tests: no AWS calls, no side work, the
// report returned as the command made it.
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { CommandReport } from '../src/engine/report.js';
import type { AroundCommand, RunnerAccessStep } from '../src/runner-access/around-command.js';

export async function passThroughRunnerAccess(_request: AroundCommand): Promise<RunnerAccessStep> {
  return {
    // The engine is mocked too in these tests; it never uses the client.
    client: {} as WAFV2Client,
    sideWork: async () => ({ changedRoles: [], keep: [] }),
    finish: async (report: CommandReport) => report,
  };
}
