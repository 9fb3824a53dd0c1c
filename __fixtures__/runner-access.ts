// Stand-in for beginRunnerAccess in front-door unit tests: no AWS calls, the command's allow
// list unchanged, the report returned as the command made it.
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { CommandReport } from '../src/engine/report.js';
import type { AroundCommand, RunnerAccessStep } from '../src/runner-access/around-command.js';

export async function passThroughRunnerAccess(request: AroundCommand): Promise<RunnerAccessStep> {
  return {
    // The engine is mocked too in these tests; it never uses the client.
    client: {} as WAFV2Client,
    allowlist: request.allowlist,
    finish: async (report: CommandReport) => report,
  };
}
