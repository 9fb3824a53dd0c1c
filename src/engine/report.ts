// What a command did (or, under dry-run, would do). Front doors render this; they never compute it.
import type { ScheduleReport } from '../domain/planned-end.js';
import type { ProbeReport } from '../domain/probe.js';
import type { Command, Environment, SetRole, State } from '../domain/types.js';
import type { WindowCost } from '../domain/window-cost.js';

/** One set whose contents change. `from`/`to` are normalised CIDR lists. */
export interface SetChange {
  readonly role: SetRole;
  /** WAF name of the set, e.g. `shop-prod-active-ipv4`. */
  readonly name: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
}

/** Metadata of a maintenance window, kept in the Description of `N-active-ipv4`. */
export interface MaintenanceWindow {
  /** ISO 8601 time the window started. */
  readonly since: string;
  /** Who started it (GitHub actor, or user@host from the CLI). */
  readonly actor: string;
  /** The run that started it: `owner/repo/actions/runs/123` or `cli@host`. */
  readonly run: string;
  readonly reason?: string;
  /** ISO 8601 time the window is planned to end (from `duration`, `until` or the calendar). */
  readonly plannedEnd?: string;
  /** Id of the calendar window (config `windows:`) that `reconcile` opened this window for. */
  readonly calendarWindow?: string;
}

export interface CommandReport {
  readonly command: Command;
  readonly environment: Environment;
  readonly dryRun: boolean;
  readonly previousState: State;
  /** State after the command (under dry-run: the state the plan would reach). */
  readonly state: State;
  /** True when at least one set was written (always false under dry-run). */
  readonly changed: boolean;
  /** Sets written, or under dry-run the sets that would be written. Empty when nothing differs. */
  readonly changes: readonly SetChange[];
  /** Human-readable differences when a state is `inconsistent` (before, or after). */
  readonly inconsistencies: readonly string[];
  /** The window in force after the command (undefined when normal). */
  readonly window?: MaintenanceWindow;
  /** On exit: the window that just ended and how long it lasted. */
  readonly endedWindow?: MaintenanceWindow & { readonly durationMs: number };
  /** While normal: the last window, as recorded when it was closed (for `status`). */
  readonly lastWindow?: MaintenanceWindow & {
    readonly until: string;
    readonly closedBy: string;
    /** Why it was closed (`exit --reason`). */
    readonly closedReason?: string;
  };
  /** Planned end, time left or overrun, exit's adherence, upcoming calendar windows (#11). */
  readonly schedule?: ScheduleReport;
  /** CIDRs allowed through after the command (both families). */
  readonly allowlist: readonly string[];
  /** When the command started and finished (ISO). */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** What visitors saw after the command (the probe); absent for a plain `status`. */
  readonly probe?: ProbeReport;
  /** exit and status: what the window cost in requests and error budget (added after the engine). */
  readonly cost?: WindowCost;
}
