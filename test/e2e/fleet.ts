// Shared by the many-environment suites: environments placed in the emulator by scope and region,
// and their config (the suites run the bundled CLI with test/support/cli.ts).
import type { WafScope } from '../../sandbox/src/waf-emulator/index.js';

// The suites' CLI runner is test/support/cli.ts; named here too for suites that import it from here.
export { runCli, type CliResult } from '../support/cli.js';

export interface Placed {
  readonly key: string;
  readonly prefix: string;
  readonly scope: WafScope;
  readonly region: string;
}

/**
 * A config with the QA office testers, `envs` (plus `extraEntries`, YAML under `environments:`)
 * and group `production` of `envs`.
 */
export function fleetConfig(envs: readonly Placed[], extraEntries = ''): string {
  const entries = envs
    .map(
      (e) =>
        `  ${e.key}:\n    name: ${e.prefix}\n    scope: ${e.scope}\n` +
        (e.scope === 'REGIONAL' ? `    region: ${e.region}\n` : ''),
    )
    .join('');
  return `testers:
  - name: QA office
    cidrs: [203.0.113.0/24]
environments:
${entries}${extraEntries}groups:
  production: [${envs.map((e) => e.key).join(', ')}]
`;
}
