// Shared by the many-environment suites: environments placed in the emulator by scope and region,
// and their config (the suites run the bundled CLI with test/support/cli.ts).
import {
  createEnvironmentSets,
  type WafEmulator,
  type WafScope,
} from '@maintenance-action/sandbox/waf-emulator/index.js';
import { writeWorkspace } from './workspace.js';

// The suites' CLI runner is test/support/cli.ts; named here too for suites that import it from here.
export { runCli, type CliResult } from './cli.js';

export interface Placed {
  readonly key: string;
  readonly prefix: string;
  readonly scope: WafScope;
  readonly region: string;
  /** The environment's `url:`, when it has one. */
  readonly url?: string;
}

/**
 * A config with the QA office testers, `envs` (plus `extraEntries`, YAML under `environments:`)
 * and group `group` (default `production`) of `envs`.
 */
export function fleetConfig(
  envs: readonly Placed[],
  { extraEntries = '', group = 'production' }: { extraEntries?: string; group?: string } = {},
): string {
  const entries = envs
    .map(
      (e) =>
        `  ${e.key}:\n    name: ${e.prefix}\n    scope: ${e.scope}\n` +
        (e.scope === 'REGIONAL' ? `    region: ${e.region}\n` : '') +
        (e.url ? `    url: ${e.url}\n` : ''),
    )
    .join('');
  return `testers:
  - name: QA office
    cidrs: [203.0.113.0/24]
environments:
${entries}${extraEntries}groups:
  ${group}: [${envs.map((e) => e.key).join(', ')}]
`;
}

/** The addresses in `e`'s active IPv4 set, sorted ([] when normal). */
export function activeV4(emulator: WafEmulator, e: Placed): string[] {
  return [...(emulator.getIpSet(`${e.prefix}-active-ipv4`, e.scope, e.region)?.addresses ?? [])]
    .sort()
    .map(String);
}

let sequence = 0;

/**
 * `count` environments `prod-1`… in eu-west-1, their sets created in `emulator` under names
 * starting with `prefix` (unique per call), and a workspace with their fleetConfig.
 */
export async function inOneRegion(
  emulator: WafEmulator,
  count: number,
  prefix: string,
): Promise<{ envs: Placed[]; workspace: string }> {
  const id = `${process.pid}-${++sequence}`;
  const envs = Array.from({ length: count }, (_, i): Placed => ({
    key: `prod-${i + 1}`,
    prefix: `${prefix}-${id}-${i + 1}`,
    scope: 'REGIONAL',
    region: 'eu-west-1',
  }));
  for (const e of envs) createEnvironmentSets(emulator, e.prefix, e.scope, e.region);
  return { envs, workspace: await writeWorkspace(fleetConfig(envs)) };
}
