// What visitors should see after a command, and whether an answer shows it. Pure: the HTTP
// polling lives in src/probe/. The marker header is the contract's, as the module's answers send it.
import { BYPASS_HEADER } from './bypass-token.js';
import type { Command, Environment, State } from './types.js';
import type { WebAclCheck } from './web-acl-check.js';

export { MAINTENANCE_MARKER } from '@maintenance-action/contract';

export const PAGE_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
export const API_ACCEPT = 'application/json';

/** `maintenance`: the maintenance answer (503 + marker); `site`: anything without the marker. */
export type Answer = 'maintenance' | 'site';

export interface ProbeTarget {
  readonly url: string;
  /** `page`: visited as a browser, expects HTML; `api`: as an API client, expects JSON. */
  readonly kind: 'page' | 'api';
  /** `tester`: carries the bypass token. Never printed: the token is a secret. */
  readonly as: 'visitor' | 'tester';
  readonly expect: Answer;
  readonly headers: Readonly<Record<string, string>>;
}

/** One poll of one target: the response, or why there was none. */
export interface Seen {
  readonly status?: number;
  /** `x-maintenance-mode: on` was present. */
  readonly marker: boolean;
  readonly contentType?: string;
  /** The body (read up to a bound) parsed as JSON. */
  readonly json?: boolean;
  /** No answer: a network error or the per-request timeout. */
  readonly error?: string;
}

/** What visitors should get in `state`; undefined when no one answer is right (inconsistent). */
export function visitorAnswer(state: State): Answer | undefined {
  if (state === 'normal') return 'site';
  if (state === 'maintenance' || state === 'maintenance-allowlisted') return 'maintenance';
  return undefined;
}

/** Why the probe does not run for this command, or undefined when it does. */
export function probeSkipReason(input: {
  readonly command: Command;
  readonly dryRun: boolean;
  readonly state: State;
  readonly environment: Pick<Environment, 'url'>;
  /** The `probe` input: undefined is the default (probe when there is a url). */
  readonly enabled: boolean | undefined;
}): string | undefined {
  if (input.enabled === false) return 'probe is off (probe: false)';
  if (input.environment.url === undefined) return 'the environment has no url: in the config';
  if (input.dryRun) return 'dry run: nothing was switched';
  if (visitorAnswer(input.state) === undefined) {
    return 'the sets are inconsistent: visitors may get either answer';
  }
  return undefined;
}

/**
 * The URLs to poll and what each must show: every page path and the API path as a visitor, and,
 * with a bypass token (allowlist-on), the same URLs as the tester who holds it.
 */
export function probeTargets(
  environment: Pick<Environment, 'url' | 'probe'>,
  state: State,
  bypassToken?: string,
): ProbeTarget[] {
  const expect = visitorAnswer(state);
  if (environment.url === undefined || expect === undefined) return [];
  const base = environment.url;
  const paths = environment.probe?.paths ?? ['/'];
  const apiPath = environment.probe?.apiPath;
  const visitor: ProbeTarget[] = [
    ...paths.map((path) => page(base, path)),
    ...(apiPath !== undefined ? [api(base, apiPath)] : []),
  ].map((target) => ({ ...target, as: 'visitor', expect }));
  if (bypassToken === undefined || expect !== 'maintenance') return visitor;
  const tester = visitor.map((target): ProbeTarget => ({
    ...target,
    as: 'tester',
    expect: 'site',
    headers: { ...target.headers, [BYPASS_HEADER]: bypassToken },
  }));
  return [...visitor, ...tester];
}

type Untargeted = Omit<ProbeTarget, 'as' | 'expect'>;

function page(base: string, path: string): Untargeted {
  return { url: resolve(base, path), kind: 'page', headers: { accept: PAGE_ACCEPT } };
}

function api(base: string, path: string): Untargeted {
  return { url: resolve(base, path), kind: 'api', headers: { accept: API_ACCEPT } };
}

/** `path` under the site's address, keeping a base path (`https://x/shop` + `/a` -> `https://x/shop/a`). */
export function resolve(base: string, path: string): string {
  const url = new URL(base);
  const prefix = url.pathname.replace(/\/+$/, '');
  const [pathname, query] = path.split(/\?(.*)/s, 2) as [string, string | undefined];
  url.pathname = `${prefix}${pathname}`;
  url.search = query !== undefined ? `?${query}` : '';
  return url.href;
}

/** Whether one answer is what the target expects. */
export function meets(target: ProbeTarget, seen: Seen): boolean {
  if (seen.error !== undefined || seen.status === undefined) return false;
  if (target.expect === 'site') return !seen.marker;
  if (!seen.marker) return false;
  const type = seen.contentType?.toLowerCase() ?? '';
  return target.kind === 'page' ? type.startsWith('text/html') : seen.json === true;
}

/** `503 with the maintenance marker (text/html)`, `200 without the marker`, `no answer: ...`. */
export function describeSeen(seen: Seen): string {
  if (seen.error !== undefined || seen.status === undefined) {
    return `no answer (${seen.error ?? 'unknown error'})`;
  }
  const type = seen.contentType ? ` (${seen.contentType.split(';')[0]!.trim()})` : '';
  return `${seen.status} ${seen.marker ? 'with' : 'without'} the maintenance marker${type}`;
}

/** What the target was waiting for, in the words of describeSeen. */
export function describeExpected(target: ProbeTarget): string {
  if (target.expect === 'site') return 'the site (no maintenance marker)';
  return `the maintenance ${target.kind === 'page' ? 'page (HTML)' : 'answer (JSON)'} with the marker`;
}

export type ProbeResult = 'ok' | 'timeout' | 'skipped';

/** One answer a target kept giving: first seen `atSeconds` after the start mark, `times` polls in a row. */
export interface SeenRun {
  readonly atSeconds: number;
  readonly answer: string;
  readonly times: number;
}

export interface TargetReport {
  readonly url: string;
  readonly kind: ProbeTarget['kind'];
  readonly as: ProbeTarget['as'];
  readonly expected: string;
  readonly held: boolean;
  /** Seconds after the start mark when the answer that held was first seen. */
  readonly heldFromSeconds?: number;
  readonly polls: number;
  /** What was seen, in order, repeated answers folded (the first and the latest runs when long). */
  readonly seen: readonly SeenRun[];
}

/** What the probe saw after the command; `CommandReport.probe`. */
export interface ProbeReport {
  readonly result: ProbeResult;
  /** Why the probe did not run (result `skipped`). */
  readonly skipped?: string;
  /** Seconds from the start mark until the expected answer held on every URL (result `ok`). */
  readonly seconds?: number;
  /** The start mark: the end of the command's writes, or the probe's start when nothing was written. */
  readonly countedFrom?: 'last write' | 'probe start';
  readonly timeoutSeconds?: number;
  /** Consecutive polls an answer must hold. */
  readonly consecutive?: number;
  readonly targets: readonly TargetReport[];
  /** The web ACL check, after a failed probe or with `verify`, when the config names the web ACL. */
  readonly webAcl?: WebAclCheck;
}
