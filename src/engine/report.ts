// What a command did (or, under dry-run, would do). Front doors render this; they never compute it.
import type { ScheduleReport } from '../domain/planned-end.js';
import type { ProbeReport } from '../domain/probe.js';
import type { Command, Environment, SetRole, State } from '../domain/types.js';
import type { WindowCost } from '../domain/window-cost.js';
import type { ClosedWindow, MaintenanceWindow } from '../domain/window.js';

/** One set whose contents change. `from`/`to` are normalised CIDR lists. */
export interface SetChange {
  readonly role: SetRole;
  /** WAF name of the set, e.g. `shop-prod-active-ipv4`. */
  readonly name: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
}

/** The bypass set after the command: how many tokens let testers in and until when. Never the tokens. */
export interface BypassReport {
  /** WAF name of the regex pattern set, e.g. `shop-prod-bypass`. */
  readonly name: string;
  /** Each live token's expiry (ISO), soonest first; `null` for an entry not written by this tool. */
  readonly live: readonly (string | null)[];
  /** Entries this command added (its new token) and removed (expired, or all on allowlist-off/exit). */
  readonly added: number;
  readonly removed: number;
  /** Of the removed: tokens past their expiry. */
  readonly expiredRemoved: number;
}

export interface CommandReport {
  readonly command: Command;
  readonly environment: Environment;
  readonly dryRun: boolean;
  readonly previousState: State;
  /** State after the command, as read after its writes (under dry-run: the current state). */
  readonly state: State;
  /** Under dry-run: the state the plan would reach. */
  readonly plannedState?: State;
  /** True when at least one set was written (always false under dry-run). */
  readonly changed: boolean;
  /** IP sets written, or under dry-run the sets that would be written. Empty when nothing differs. */
  readonly changes: readonly SetChange[];
  /** Human-readable differences when a state is `inconsistent` (before, or after). */
  readonly inconsistencies: readonly string[];
  /** The window in force after the command (undefined when normal). */
  readonly window?: MaintenanceWindow;
  /** On exit: the window that just ended and how long it lasted. */
  readonly endedWindow?: MaintenanceWindow & { readonly durationMs: number };
  /** While normal: the last window, as recorded when it was closed (for `status`). */
  readonly lastWindow?: ClosedWindow;
  /** Planned end, time left or overrun, exit's adherence, upcoming calendar windows (#11). */
  readonly schedule?: ScheduleReport;
  /** CIDRs allowed through after the command (both families). */
  readonly allowlist: readonly string[];
  /** Bypass tokens after the command (under dry-run: as planned). */
  readonly bypass: BypassReport;
  /** Who each allowed CIDR lets in: tester names from the config (or the extra CIDRs' source). */
  readonly allowlistOwners?: Readonly<Record<string, readonly string[]>>;
  /** Warnings the command gave (a reason altered, an option ignored, another environment's problems). */
  readonly notices?: readonly string[];
  /** When the command started and finished (ISO). */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** What visitors saw after the command (the probe); absent for a plain `status`. */
  readonly probe?: ProbeReport;
  /** exit and status: what the window cost in requests and error budget (added after the engine). */
  readonly cost?: WindowCost;
}
