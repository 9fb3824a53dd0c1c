// A local WAFv2 API for tests and the sandbox: the real @aws-sdk/client-wafv2 talks to it over
// HTTP (AWS_ENDPOINT_URL_WAFV2). It enforces what AWS enforces and can inject faults.

import type { AddressInfo } from 'node:net';
import { nonexistentItem } from './aws-error.js';
import { cloudWatchOperations, MetricStore } from './cloudwatch.js';
import { apiShape } from './documents.js';
import { Faults } from './faults.js';
import { createIpSetFromInput, publicIpSet, replaceContents } from './ip-sets.js';
import { operationTable } from './operations.js';
import {
  createRegexPatternSetFromInput,
  publicRegexPatternSet,
  replaceRegexes,
} from './regex-pattern-sets.js';
import { createEmulatorServer } from './server.js';
import { ResourceStore, type IpSetRecord, type RegexPatternSetRecord } from './store.js';
import type { CallRecord, EmulatorOptions, StoredIpSet, WafEmulator, WafScope } from './types.js';

export type * from './types.js';
export { AwsError } from './aws-error.js';

export async function startWafEmulator(options: EmulatorOptions = {}): Promise<WafEmulator> {
  const account = options.accountId ?? '123456789012';
  const store = new ResourceStore();
  const faults = new Faults(
    { latencyMs: options.latencyMs ?? 0, writeRateLimit: options.writeRateLimit ?? false },
    account,
  );
  let calls: CallRecord[] = [];
  const metrics = new MetricStore();

  /** Another writer's change: new addresses (description kept) and a new lock token. */
  const concurrentWrite = (set: IpSetRecord, addresses: string[]): void => {
    replaceContents(set, addresses, set.description);
  };
  const server = createEmulatorServer({
    account,
    listPageSize: options.listPageSize ?? 100,
    store,
    faults,
    operations: operationTable((set) => faults.raceBeforeUpdate(set, concurrentWrite)),
    cloudWatch: cloudWatchOperations(metrics),
    calls: () => calls,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const findIpSet = (name: string, scope: WafScope, region: string): IpSetRecord | undefined =>
    store.findByName('ipset', { account, region, scope }, name);
  const findRegexSet = (
    name: string,
    scope: WafScope,
    region: string,
  ): RegexPatternSetRecord | undefined =>
    store.findByName('regexpatternset', { account, region, scope }, name);

  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The SDK keeps connections alive; without this close() would wait for them to idle out.
        server.closeAllConnections();
      }),
    get calls() {
      return calls;
    },
    resetCalls: () => {
      calls = [];
    },
    setLatency: (ms) => {
      faults.latencyMs = ms;
    },
    setWriteRateLimit: (on) => {
      faults.writeRateLimit = on;
    },
    failNext: (count, opts) => faults.failNext(count, opts?.status ?? 500, opts?.operation),
    throttleNext: (count, opts) => faults.throttleNext(count, opts?.operation),
    raceNextWrite: (setName, mutate) => faults.raceNextWrite(setName, mutate),
    denyAccess: (operation, opts) => faults.denyAccess(operation, opts?.resourceArn),
    restoreAccess: () => faults.restoreAccess(),
    createIpSet: (input) =>
      publicIpSet(
        createIpSetFromInput(store, account, input.region, {
          Name: input.name,
          Scope: input.scope,
          IPAddressVersion: input.ipAddressVersion,
          Addresses: input.addresses ?? [],
          ...(input.description !== undefined ? { Description: input.description } : {}),
        }),
      ),
    getIpSet: (name, scope, region) => {
      const found = findIpSet(name, scope, region);
      return found && publicIpSet(found);
    },
    setAddresses: (name, scope, region, addresses) => {
      const found = findIpSet(name, scope, region);
      if (!found) throw nonexistentItem();
      concurrentWrite(found, addresses);
    },
    recordMetric: (datum) => metrics.record(datum),
    createRegexPatternSet: (input) =>
      publicRegexPatternSet(
        createRegexPatternSetFromInput(store, account, input.region, {
          Name: input.name,
          Scope: input.scope,
          RegularExpressionList: (input.regularExpressions ?? []).map((RegexString) => ({
            RegexString,
          })),
        }),
      ),
    getRegexPatternSet: (name, scope, region) => {
      const found = findRegexSet(name, scope, region);
      return found && publicRegexPatternSet(found);
    },
    setRegularExpressions: (name, scope, region, regexes) => {
      const found = findRegexSet(name, scope, region);
      if (!found) throw nonexistentItem();
      replaceRegexes(found, regexes, found.description);
    },
    listStored: () => {
      const all = store.all();
      return {
        ipSets: all.flatMap((r) => (r.kind === 'ipset' ? [publicIpSet(r)] : [])),
        regexPatternSets: all.flatMap((r) =>
          r.kind === 'regexpatternset' ? [publicRegexPatternSet(r)] : [],
        ),
        ruleGroups: all.flatMap((r) => (r.kind === 'rulegroup' ? [apiShape(r)] : [])),
        webAcls: all.flatMap((r) => (r.kind === 'webacl' ? [apiShape(r)] : [])),
      };
    },
  };
}

/**
 * The empty sets of one environment: IP sets `${prefix}-active-ipv4`, `-active-ipv6`,
 * `-allow-ipv4`, `-allow-ipv6` (returned) and the regex pattern set `${prefix}-bypass`.
 */
export function createEnvironmentSets(
  emulator: WafEmulator,
  prefix: string,
  scope: WafScope,
  region: string,
): StoredIpSet[] {
  emulator.createRegexPatternSet({ name: `${prefix}-bypass`, scope, region });
  return (['active', 'allow'] as const).flatMap((role) =>
    (['ipv4', 'ipv6'] as const).map((family) =>
      emulator.createIpSet({
        name: `${prefix}-${role}-${family}`,
        scope,
        region,
        ipAddressVersion: family === 'ipv4' ? 'IPV4' : 'IPV6',
      }),
    ),
  );
}
