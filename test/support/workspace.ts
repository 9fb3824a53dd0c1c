// Shared setup of the end-to-end suites: a repository checkout with a config file, the sets of
// its environments in the emulator, and helpers to read what a step printed.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SetRole } from '../../src/domain/types.js';
import {
  createEnvironmentSets,
  type WafEmulator,
  type WafScope,
} from '@maintenance-action/sandbox/waf-emulator/index.js';

export const QA_V4 = '203.0.113.0/24';
export const QA_V6 = '2001:db8:1234::/48';
export const RELEASE_MANAGER_V6 = '2001:db8:aaaa::1';

let sequence = 0;

/** One staging (REGIONAL, eu-west-1) and one production (CLOUDFRONT) environment, fresh prefixes. */
export interface Site {
  readonly workspace: string;
  readonly config: string;
  readonly staging: string;
  readonly production: string;
  /** Addresses of `${prefix}-${role}` as stored in the emulator. */
  addresses(prefix: string, role: SetRole): string[];
  /** All eight sets' addresses and descriptions, to prove nothing changed. */
  snapshot(): string;
}

export async function createSite(emulator: WafEmulator): Promise<Site> {
  const id = `${process.pid}-${++sequence}`;
  const staging = `shop-staging-${id}`;
  const production = `shop-prod-${id}`;
  createEnvironmentSets(emulator, staging, 'REGIONAL', 'eu-west-1');
  createEnvironmentSets(emulator, production, 'CLOUDFRONT', 'us-east-1');
  const config = `# maintenance config for the shop
testers:
  - name: QA office
    cidrs: [${QA_V4}, "${QA_V6}"]
  - name: Release manager
    cidrs: ["${RELEASE_MANAGER_V6}"]
environments:
  staging:
    name: ${staging}
    scope: REGIONAL
    region: eu-west-1
  production:
    name: ${production}
    scope: CLOUDFRONT
    testers: [Release manager]
`;
  const workspace = await writeWorkspace(config);
  const where = (prefix: string): [WafScope, string] =>
    prefix === production ? ['CLOUDFRONT', 'us-east-1'] : ['REGIONAL', 'eu-west-1'];
  const addresses = (prefix: string, role: SetRole) =>
    [...(emulator.getIpSet(`${prefix}-${role}`, ...where(prefix))?.addresses ?? [])].sort();
  return {
    workspace,
    config,
    staging,
    production,
    addresses,
    snapshot: () =>
      JSON.stringify(
        [staging, production].flatMap((prefix) =>
          (['active-ipv4', 'active-ipv6', 'allow-ipv4', 'allow-ipv6'] as const).map((role) => {
            const set = emulator.getIpSet(`${prefix}-${role}`, ...where(prefix));
            return [set?.addresses, set?.description];
          }),
        ),
      ),
  };
}

/** A checkout with `.github/maintenance.yml` holding `config`. */
export async function writeWorkspace(config: string): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'maintenance-e2e-'));
  await mkdir(join(workspace, '.github'));
  await writeFile(join(workspace, '.github/maintenance.yml'), config);
  return workspace;
}

/** How many UpdateIPSet calls the emulator received since `from` (an index into `calls`). */
export function writesSince(emulator: WafEmulator, from: number): number {
  return emulator.calls.slice(from).filter((call) => call.operation === 'UpdateIPSet').length;
}

/** The `::error::` annotations a step printed, decoded as the runner shows them. */
export function errorAnnotations(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::error::'))
    .map((line) =>
      line
        .slice('::error::'.length)
        .replace(/%0D/g, '\r')
        .replace(/%0A/g, '\n')
        .replace(/%25/g, '%'),
    );
}
