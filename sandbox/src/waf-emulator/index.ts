// A local WAFv2 API for tests and the sandbox: the real @aws-sdk/client-wafv2 talks to it over
// HTTP (AWS_ENDPOINT_URL_WAFV2). It enforces what AWS enforces and can inject faults.

import type { AddressInfo } from 'node:net';
import { nonexistentItem } from './aws-error.js';
import { cloudWatchOperations, MetricStore } from './cloudwatch.js';
import { apiShape } from './documents.js';
import { Faults } from './faults.js';
import { createIpSetFromInput, IP_SET, publicIpSet } from './ip-sets.js';
import { operationTable } from './operations.js';
import {
  createRegexPatternSetFromInput,
  publicRegexPatternSet,
  REGEX_PATTERN_SET,
} from './regex-pattern-sets.js';
import { createEmulatorServer } from './server.js';
import { overwrite, type SetKind, type SetRecord, type SetType } from './set-operations.js';
import { ResourceStore } from './store.js';
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
  const writeListeners = new Set<(call: CallRecord) => void>();
  const metrics = new MetricStore();

  const server = createEmulatorServer({
    account,
    listPageSize: options.listPageSize ?? 100,
    store,
    faults,
    operations: operationTable((set) =>
      faults.raceBeforeUpdate(set, (raced, addresses) => overwrite(IP_SET, raced, addresses)),
    ),
    cloudWatch: cloudWatchOperations(metrics),
    calls: () => calls,
    applied: (call) => writeListeners.forEach((listener) => listener(call)),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const find = <K extends SetKind>(
    kind: K,
    name: string,
    scope: WafScope,
    region: string,
  ): SetRecord<K> | undefined => store.findByName(kind, { account, region, scope }, name);
  /** What a test sees of a set: a public copy, or undefined when there is none by that name. */
  const stored = <K extends SetKind, Entries, Public>(
    type: SetType<K, Entries, Public>,
    name: string,
    scope: WafScope,
    region: string,
  ): Public | undefined => {
    const found = find(type.kind, name, scope, region);
    return found && type.publicCopy(found);
  };
  /** A test's write as another writer's: new entries, the Description kept, a new lock token. */
  const overwriteByName = <K extends SetKind, Entries, Public>(
    type: SetType<K, Entries, Public>,
    name: string,
    scope: WafScope,
    region: string,
    entries: Entries,
  ): void => {
    const found = find(type.kind, name, scope, region);
    if (!found) throw nonexistentItem();
    overwrite(type, found, entries);
  };

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
    onWrite: (listener) => {
      writeListeners.add(listener);
      return () => writeListeners.delete(listener);
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
    loseAnswers: (count, opts) => faults.loseAnswers(count, opts?.operation, opts?.afterWrites),
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
    getIpSet: (name, scope, region) => stored(IP_SET, name, scope, region),
    setAddresses: (name, scope, region, addresses) =>
      overwriteByName(IP_SET, name, scope, region, addresses),
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
    getRegexPatternSet: (name, scope, region) => stored(REGEX_PATTERN_SET, name, scope, region),
    setRegularExpressions: (name, scope, region, regexes) =>
      overwriteByName(REGEX_PATTERN_SET, name, scope, region, regexes),
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
