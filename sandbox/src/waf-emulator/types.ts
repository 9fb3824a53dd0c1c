// Public shapes of the WAFv2 emulator. Other test suites code against these: keep them stable.
import type { MetricDatum } from './cloudwatch.js';

export type { MetricDatum } from './cloudwatch.js';

export type WafScope = 'REGIONAL' | 'CLOUDFRONT';
export type IpAddressVersion = 'IPV4' | 'IPV6';

export interface EmulatorOptions {
  /** Port on 127.0.0.1; default 0 (a random free port). */
  port?: number;
  /** Latency added to every call, default 0. */
  latencyMs?: number;
  /** Account id used in ARNs, default '123456789012'. */
  accountId?: string;
  /** Max items per List* page regardless of Limit (default 100), to exercise pagination. */
  listPageSize?: number;
  /** When true, at most 1 write per second per account+region; excess gets ThrottlingException. */
  writeRateLimit?: boolean;
}

export interface CallRecord {
  /** IAM prefix of the service called: `wafv2`, or `cloudwatch` (GetMetricData). */
  service: 'wafv2' | 'cloudwatch';
  operation: string;
  region: string;
  /** Epoch milliseconds when the request arrived and when its response was sent. */
  start: number;
  end: number;
  status: number;
  errorType?: string;
  /** The set the request names (its `Name`), when it names one: which set a write changed when. */
  name?: string;
  /** True when the call was handled but its answer never sent (`loseAnswers`). */
  lost?: boolean;
}

export interface StoredIpSet {
  name: string;
  id: string;
  arn: string;
  scope: WafScope;
  region: string;
  ipAddressVersion: IpAddressVersion;
  addresses: string[];
  description?: string;
  lockToken: string;
  tags: Record<string, string>;
}

export interface StoredRegexPatternSet {
  name: string;
  id: string;
  arn: string;
  scope: WafScope;
  region: string;
  regularExpressions: string[];
  description?: string;
  lockToken: string;
}

export interface CreateIpSetInput {
  name: string;
  scope: WafScope;
  region: string;
  ipAddressVersion: IpAddressVersion;
  addresses?: string[];
  description?: string;
}

export interface WafEmulator {
  /** e.g. http://127.0.0.1:41234 */
  readonly endpoint: string;
  close(): Promise<void>;
  /** Every request, in order of arrival. */
  readonly calls: CallRecord[];
  resetCalls(): void;
  /**
   * `listener` runs as each write is applied, before its answer is sent (nothing else runs in
   * between): what the sets hold then is exactly the state that write made. Returns its removal.
   */
  onWrite(listener: (call: CallRecord) => void): () => void;

  // Fault injection, mutable at run time.
  setLatency(ms: number): void;
  setWriteRateLimit(on: boolean): void;
  /** The next N matching calls get 5xx (WAFInternalErrorException for 500, ServiceUnavailable for 503). */
  failNext(count: number, opts?: { status?: 500 | 503; operation?: string }): void;
  /** The next N matching calls get ThrottlingException. */
  throttleNext(count: number, opts?: { operation?: string }): void;
  /**
   * A concurrent writer: right before the next UpdateIPSet on that set is applied, another
   * writer changes its addresses (and lock token) first, so that update fails with
   * WAFOptimisticLockException.
   */
  raceNextWrite(setName: string, mutate: (addresses: string[]) => string[]): void;
  /** That operation (optionally only on that ARN) returns 400 AccessDeniedException. */
  denyAccess(operation: string, opts?: { resourceArn?: string }): void;
  /** Lifts every denial: the operator fixed the permissions. */
  restoreAccess(): void;
  /**
   * The answers of the next N matching calls never arrive: each call is handled as usual (a
   * write is applied), then its connection is left open with no answer, as when the network
   * drops the response. `afterWrites`: only once that many more writes have been handled.
   */
  loseAnswers(count: number, opts?: { operation?: string; afterWrites?: number }): void;

  // Direct access, no SDK, for seeding and asserting. Same validation as the API.
  createIpSet(input: CreateIpSetInput): StoredIpSet;
  getIpSet(name: string, scope: WafScope, region: string): StoredIpSet | undefined;
  /** Replaces the addresses and bumps the lock token. */
  setAddresses(name: string, scope: WafScope, region: string, addresses: string[]): void;
  /**
   * CloudWatch: a count WAF would publish (the local edge records one per request it answers).
   * GetMetricData on this endpoint sums them per period.
   */
  recordMetric(datum: MetricDatum): void;
  createRegexPatternSet(input: {
    name: string;
    scope: WafScope;
    region: string;
    regularExpressions?: string[];
  }): StoredRegexPatternSet;
  getRegexPatternSet(
    name: string,
    scope: WafScope,
    region: string,
  ): StoredRegexPatternSet | undefined;
  /** Replaces the regular expressions (description kept) and bumps the lock token. */
  setRegularExpressions(name: string, scope: WafScope, region: string, regexes: string[]): void;
  /** Rule groups and web ACLs stored as given (API shape), for the edge that evaluates them later. */
  listStored(): {
    ipSets: StoredIpSet[];
    regexPatternSets: StoredRegexPatternSet[];
    ruleGroups: unknown[];
    webAcls: unknown[];
  };
}
