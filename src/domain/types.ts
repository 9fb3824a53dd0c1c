// The vocabulary every layer shares. Pure types and constants: no I/O here.
import type { CalendarWindow } from './calendar.js';
import type { SetIds } from './config-set-ids.js';
import type { Slo } from './slo.js';

export const COMMANDS = ['enter', 'exit', 'allowlist-on', 'allowlist-off', 'status'] as const;
export type Command = (typeof COMMANDS)[number];

// Names shared with the Terraform module and the sandbox come from the contract package.
import type { Scope, SetRole } from '@maintenance-action/contract';
export {
  SCOPES,
  SET_ROLES,
  SET_TARGETS,
  BYPASS_SET_ROLE as BYPASS,
  CLOUDFRONT_REGION,
  setName,
  familyOf,
  type Scope,
  type SetRole,
  type SetTarget,
  type Family,
} from '@maintenance-action/contract';

export const STATES = ['normal', 'maintenance', 'maintenance-allowlisted', 'inconsistent'] as const;
export type State = (typeof STATES)[number];

/** Contents of the four sets: normalised CIDR strings per role. */
export type SetContents = Record<SetRole, readonly string[]>;

/** All of an environment's switchable state, as read in one round trip (or as a plan wants it). */
export interface EnvironmentContents {
  readonly sets: SetContents;
  /** The Description of `N-active-ipv4`: the window record. */
  readonly activeDescription: string | undefined;
  /** The regular expressions of `N-bypass`: one per bypass token. */
  readonly bypass: readonly string[];
}

/** CIDRs split by family, normalised (host bits clear, duplicates and covered ranges merged, sorted). */
export interface CidrsByFamily {
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
}

export interface Tester {
  readonly name: string;
  readonly cidrs: CidrsByFamily;
}

export interface Environment {
  /** Key under `environments:` in the config file, e.g. `production`. */
  readonly key: string;
  /** The module's name prefix N: the sets are `N-active-ipv4` etc. */
  readonly name: string;
  readonly scope: Scope;
  /** AWS region to call; always `us-east-1` for CLOUDFRONT. */
  readonly region: string;
  /** Names of the testers this environment lets through (all testers when the file names none). */
  readonly testers: readonly string[];
  /** `max-duration`: a window with no planned end of its own is due this long after its start. */
  readonly maxDurationMs?: number;
  /** The public address of the site (`url:`), normalised by URL; absent when not configured. */
  readonly url?: string;
  /** What the probe visits; present exactly when `url` is. */
  readonly probe?: ProbeSettings;
  /** The web ACL that serves the site (`web-acl:`), when configured. */
  readonly webAcl?: WebAclRef;
  /** `set-ids:`: sets to read by id instead of finding them by name (#14). */
  readonly setIds?: SetIds;
  /** `slo:`: what the error budget of a window is measured against (#13). */
  readonly slo?: Slo;
}

/** Paths the probe visits relative to the environment's `url` (config `probe:`). */
export interface ProbeSettings {
  /** Visited as a browser (Accept: text/html). At least one; default `/`. */
  readonly paths: readonly string[];
  /** Visited as an API client (Accept: application/json). */
  readonly apiPath?: string;
}

/** A web ACL by name and, to read it with GetWebACL, id. */
export interface WebAclRef {
  readonly name: string;
  readonly id?: string;
}

export interface Config {
  /** Path of the file the config came from, for messages. */
  readonly file: string;
  readonly testers: readonly Tester[];
  readonly environments: readonly Environment[];
  /** The maintenance calendar (`windows:`), in file order. */
  readonly calendar: readonly CalendarWindow[];
}
