// A lease: one job's claim on its runner's address in an allow set, kept as a tag on that set.
// Pure: parsing, naming and the rule for when an address may go. No I/O here.
import { cidrContains } from '../domain/cidr.js';

/** Tag keys of leases start with this; other tags on the set are never touched. */
export const LEASE_TAG_PREFIX = 'lease:';
/** WAF tag keys: 1-128 characters of letters, digits, spaces and `_ . : / = + - @`. */
const TAG_KEY_MAX = 128;
const NOT_TAG_CHARACTER = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;

export interface Lease {
  /** The tag key, unique per job execution. */
  readonly key: string;
  /** The runner's address as the allow set holds it: `a.b.c.d/32` or `x::y/128`. */
  readonly cidr: string;
  readonly expiresAt: Date;
}

export interface JobIdentity {
  readonly runId: string;
  readonly runAttempt: string;
  /** The job's id in the workflow (GITHUB_JOB); matrix legs share it, hence the nonce. */
  readonly job: string;
  /** Random, so two executions of one job (matrix legs) never share a lease. */
  readonly nonce: string;
}

/** `lease:<run>-<attempt>-<nonce>-<job>`, cut to WAF's 128 characters (the job name gives way). */
export function leaseKey(id: JobIdentity): string {
  const clean = (text: string): string => text.replace(NOT_TAG_CHARACTER, '_');
  const head = `${LEASE_TAG_PREFIX}${clean(id.runId)}-${clean(id.runAttempt)}-${clean(id.nonce)}-`;
  return `${head}${clean(id.job)}`.slice(0, TAG_KEY_MAX);
}

/** Tag value `<cidr> <expiry ISO>`: both fit WAF's tag character set (no commas or brackets). */
export function leaseTagValue(lease: Lease): string {
  return `${lease.cidr} ${lease.expiresAt.toISOString()}`;
}

/** The lease a tag holds; undefined for other tags and for lease tags this version cannot read. */
export function parseLeaseTag(key: string, value: string): Lease | undefined {
  if (!key.startsWith(LEASE_TAG_PREFIX)) return undefined;
  const [cidr, expiry, ...rest] = value.trim().split(/\s+/);
  const expiresAt = new Date(expiry ?? '');
  if (!cidr || rest.length > 0 || Number.isNaN(expiresAt.getTime())) return undefined;
  return { key, cidr, expiresAt };
}

export function isExpired(lease: Lease, now: Date): boolean {
  return lease.expiresAt.getTime() <= now.getTime();
}

/** The bare address of a lease's `/32` or `/128`. */
export function addressOf(cidr: string): string {
  return cidr.split('/')[0]!;
}

/**
 * Addresses of the ending leases that may leave the allow set: those no remaining live lease
 * holds and no configured tester range covers.
 */
export function releasableCidrs(
  ending: readonly Lease[],
  remaining: readonly Lease[],
  testerCidrs: readonly string[],
  now: Date,
): string[] {
  const held = new Set(remaining.filter((l) => !isExpired(l, now)).map((l) => l.cidr));
  const candidates = [...new Set(ending.map((l) => l.cidr))];
  return candidates.filter(
    (cidr) => !held.has(cidr) && !cidrContains(testerCidrs, addressOf(cidr)),
  );
}
