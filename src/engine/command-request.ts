// What a front door asks the engine to do: built completely (config validated, token issued,
// client made) before the engine reads anything.
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { Sleep } from '../aws/lock-retry.js';
import type { WriteTurns } from '../aws/write-pacer.js';
import type { Invoker } from '../domain/invoker.js';
import type { CidrsByFamily, Command, Environment } from '../domain/types.js';

export interface CommandRequest {
  readonly command: Command;
  readonly environment: Environment;
  /** The environment's testers plus extra CIDRs, normalised (see allowlistFor). Used by allowlist-on. */
  readonly allowlist: CidrsByFamily;
  readonly reason?: string;
  /** `enter`: when the window is planned to end (ISO); recorded in the window record (#11). */
  readonly plannedEnd?: string;
  /** `enter` from `reconcile`: the calendar window's id, recorded with the window (#11). */
  readonly calendarWindow?: string;
  readonly dryRun: boolean;
  /** Who runs the command. */
  readonly invoker: Invoker;
  /** allowlist-on with a bypass token: the set entry of the new token (`^<token>$`). */
  readonly bypassEntry?: string;
  readonly client: WAFV2Client;
  /** One command over many environments: this environment's place in its region's write queue. */
  readonly writeTurns?: WriteTurns;
  /** Says what the user should fix but that did not stop the command (a stale `set-ids`). */
  readonly warn?: (line: string) => void;
  /** Injected by tests. */
  readonly now?: () => Date;
  readonly sleep?: Sleep;
}
