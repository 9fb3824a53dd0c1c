// Shared setup of the window-cost suites: one REGIONAL environment on the local site (the edge
// records every answer into the emulator's CloudWatch), a checkout with its config, and the
// bundled action run against it with metrics-wait 0s (the emulator has every minute at once).
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { startLocalSite, type LocalSite } from '@maintenance-action/sandbox/edge/local-site.js';
import { runAction } from './runner.js';
import { errorAnnotations, writeWorkspace } from './workspace.js';

export const REGION = 'eu-west-1';

export interface CostSite {
  readonly site: () => LocalSite;
  readonly workspace: () => string;
  readonly action: (command: string, env?: Record<string, string>) => ReturnType<typeof runAction>;
}

/** Registers beforeAll/afterAll for environment `name` (key `staging`) with `config`. */
export function useCostSite(name: string, config: string): CostSite {
  let site: LocalSite;
  let workspace: string;
  beforeAll(async () => {
    site = await startLocalSite({ environments: [{ name, scope: 'REGIONAL', region: REGION }] });
    workspace = await writeWorkspace(config);
  });
  afterAll(() => site.close());
  return {
    site: () => site,
    workspace: () => workspace,
    action: async (command, env = {}) => {
      const result = await runAction({
        workspace,
        inputs: { command, environment: 'staging', 'metrics-wait': '0s' },
        env: { ...awsEnvFor(site.emulator.endpoint), ...env },
      });
      expect(errorAnnotations(result.stdout)).toEqual([]);
      expect(result.exitCode).toBe(0);
      return result;
    },
  };
}
