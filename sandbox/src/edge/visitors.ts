// Who visits the site during a release, and what each of them got: the people in the demo's
// timeline and the end-to-end matrix. Addresses are documentation ranges; the testers' are inside
// the QA office's 203.0.113.0/24 and 2001:db8:1234::/48.
import { BYPASS_COOKIE, BYPASS_HEADER, MAINTENANCE_MARKER } from '@maintenance-action/contract';
import { ORIGIN_MARKER } from '../origin.js';
import { SANDBOX_CLIENT_IP_HEADER } from './index.js';

export const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

export interface Visitor {
  readonly who: string;
  readonly ip: string;
  readonly path: string;
  /** Accept header; undefined sends none. */
  readonly accept?: string;
  /** A tester covered by the allowlist CIDRs. */
  readonly tester: boolean;
  /**
   * Carries the bypass token: as the cookie the tester link's page stores (a browser), or as the
   * header (a pipeline's smoke tests).
   */
  readonly bypass?: 'cookie' | 'header';
}

export const QA_OFFICE_CIDRS = ['203.0.113.0/24', '2001:db8:1234::/48'] as const;

export const VISITORS: readonly Visitor[] = [
  { who: 'browser', ip: '198.51.100.23', path: '/', accept: BROWSER_ACCEPT, tester: false },
  { who: 'browser', ip: '2001:db8:abcd::23', path: '/', accept: BROWSER_ACCEPT, tester: false },
  {
    who: 'API client',
    ip: '198.51.100.24',
    path: '/api/orders',
    accept: 'application/json',
    tester: false,
  },
  { who: 'API client', ip: '2001:db8:abcd::24', path: '/api/orders', accept: '*/*', tester: false },
  { who: 'API client', ip: '198.51.100.25', path: '/api/orders', tester: false },
  {
    who: 'status page',
    ip: '2001:db8:abcd::26',
    path: '/status',
    accept: BROWSER_ACCEPT,
    tester: false,
  },
  { who: 'tester', ip: '203.0.113.45', path: '/', accept: BROWSER_ACCEPT, tester: true },
  {
    who: 'tester',
    ip: '2001:db8:1234:5::7',
    path: '/api/orders',
    accept: 'application/json',
    tester: true,
  },
];

/** Visitors without a fixed address: a phone on a mobile network (IPv6) and a hosted runner. */
export const TOKEN_VISITORS: readonly Visitor[] = [
  {
    who: 'phone, tester link',
    ip: '2001:db8:abcd::42',
    path: '/',
    accept: BROWSER_ACCEPT,
    tester: false,
    bypass: 'cookie',
  },
  {
    who: 'smoke test, token header',
    ip: '198.51.100.99',
    path: '/api/orders',
    accept: 'application/json',
    tester: false,
    bypass: 'header',
  },
  {
    who: 'phone, no link',
    ip: '2001:db8:abcd::43',
    path: '/',
    accept: BROWSER_ACCEPT,
    tester: false,
  },
];

/** What a visitor got, read from the response: the real site, or one of the two maintenance answers. */
export type Outcome = 'site' | 'maintenance page' | 'maintenance JSON' | 'something else';

export interface Visit {
  readonly visitor: Visitor;
  readonly status: number;
  readonly outcome: Outcome;
  readonly contentType: string | null;
  readonly marker: string | null;
  readonly retryAfter: string | null;
  readonly cacheControl: string | null;
  readonly body: string;
}

/** Sends the visitor's request; a visitor with `bypass` carries `token` (when there is one). */
export async function visit(edgeUrl: string, visitor: Visitor, token?: string): Promise<Visit> {
  const headers: Record<string, string> = { [SANDBOX_CLIENT_IP_HEADER]: visitor.ip };
  if (visitor.accept !== undefined) headers['accept'] = visitor.accept;
  if (token !== undefined && visitor.bypass === 'header') headers[BYPASS_HEADER] = token;
  if (token !== undefined && visitor.bypass === 'cookie')
    headers['cookie'] = `theme=dark; ${BYPASS_COOKIE}=${token}`;
  const response = await fetch(new URL(visitor.path, edgeUrl), { headers });
  const body = await response.text();
  const visit = {
    visitor,
    status: response.status,
    contentType: response.headers.get('content-type'),
    marker: response.headers.get(MAINTENANCE_MARKER.name),
    retryAfter: response.headers.get('retry-after'),
    cacheControl: response.headers.get('cache-control'),
    body,
  };
  return { ...visit, outcome: outcomeOf(visit, response.headers.get(ORIGIN_MARKER.name)) };
}

function outcomeOf(visit: Omit<Visit, 'outcome' | 'visitor'>, servedBy: string | null): Outcome {
  if (visit.status === 200 && servedBy === ORIGIN_MARKER.value) return 'site';
  if (visit.status !== 503 || visit.marker !== MAINTENANCE_MARKER.value) return 'something else';
  if (visit.contentType === 'text/html' && visit.body.includes('<html')) return 'maintenance page';
  if (visit.contentType === 'application/json' && isJson(visit.body)) return 'maintenance JSON';
  return 'something else';
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** What a visitor should get in a consistent state, per the README's state table (How it works); `tokenLive`: the visitor's token is in the bypass set. */
export function expectedOutcome(
  state: 'normal' | 'maintenance' | 'maintenance-allowlisted',
  visitor: Visitor,
  reachablePathPrefixes: readonly string[],
  tokenLive = false,
): Outcome {
  if (state === 'normal') return 'site';
  if (state === 'maintenance-allowlisted' && visitor.tester) return 'site';
  if (visitor.bypass !== undefined && tokenLive) return 'site';
  if (reachablePathPrefixes.some((prefix) => visitor.path.startsWith(prefix))) return 'site';
  return visitor.accept?.toLowerCase().includes('text/html')
    ? 'maintenance page'
    : 'maintenance JSON';
}
