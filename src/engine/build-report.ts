// Report: the one place a CommandReport is built, from the first read and the last read (or,
// under dry-run, the plan). The state reported is always one that was read, except that a dry
// run also says which state it would reach.
import { liveEntries } from '../domain/bypass-token.js';
import type { Plan } from '../domain/plan.js';
import { stateOf } from '../domain/state.js';
import { hasActiveAddresses, sameAddresses } from '../domain/state.js';
import { BYPASS, SET_ROLES, type EnvironmentContents, type SetTarget } from '../domain/types.js';
import { decodeWindow } from '../domain/window.js';
import { openWindow } from '../domain/window-record.js';
import type { CommandRequest } from './command-request.js';
import type { BypassReport, CommandReport, SetChange } from './report.js';

export interface ReportInput {
  readonly request: CommandRequest;
  readonly nameOf: (target: SetTarget) => string;
  /** As first read: the state before the command. */
  readonly before: EnvironmentContents;
  /** As read after the writes (verified), or as first read when nothing was written. */
  readonly after: EnvironmentContents;
  /** Sets written by this run, over all rounds. */
  readonly written: readonly SetTarget[];
  /** Under dry-run: what the command would write. */
  readonly plan?: Plan;
  readonly startedAt: Date;
  readonly finishedAt: Date;
}

export function buildReport(input: ReportInput): CommandReport {
  const { request, nameOf, before, after, startedAt } = input;
  const dryRun = input.plan !== undefined;
  // Under dry-run the sets are as planned; otherwise as read after the writes.
  const shown = input.plan?.desired ?? after;
  const touched = dryRun ? new Set(input.plan.phases.flat()) : new Set(input.written);
  const changes: SetChange[] = SET_ROLES.filter(
    (role) => touched.has(role) && !sameAddresses(before.sets[role], shown.sets[role]),
  ).map((role) => ({ role, name: nameOf(role), from: before.sets[role], to: shown.sets[role] }));

  const stateBefore = stateOf(before, nameOf, startedAt);
  const stateAfter = stateOf(after, nameOf, input.finishedAt);
  const window = hasActiveAddresses(shown.sets) ? openWindow(shown.activeDescription) : undefined;
  const previousWindow = openWindow(before.activeDescription);
  const ended =
    previousWindow && hasActiveAddresses(before.sets) && !hasActiveAddresses(shown.sets)
      ? { ...previousWindow, durationMs: startedAt.getTime() - Date.parse(previousWindow.since) }
      : undefined;
  const record = decodeWindow(shown.activeDescription);
  const shownState = dryRun ? input.plan.state : stateAfter.state;
  const last = shownState === 'normal' && record?.kind === 'closed' ? record.window : undefined;

  return {
    command: request.command,
    environment: request.environment,
    dryRun,
    previousState: stateBefore.state,
    state: stateAfter.state,
    ...(dryRun ? { plannedState: input.plan.state } : {}),
    changed: !dryRun && input.written.length > 0,
    changes,
    inconsistencies: [...stateBefore.inconsistencies, ...stateAfter.inconsistencies].filter(
      (v, i, all) => all.indexOf(v) === i,
    ),
    ...(window ? { window } : {}),
    ...(ended ? { endedWindow: ended } : {}),
    ...(last ? { lastWindow: last } : {}),
    allowlist: [...shown.sets['allow-ipv4'], ...shown.sets['allow-ipv6']],
    bypass: bypassReport(nameOf(BYPASS), before.bypass, shown.bypass, input.finishedAt),
    startedAt: startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
  };
}

function bypassReport(
  name: string,
  before: readonly string[],
  after: readonly string[],
  now: Date,
): BypassReport {
  const removed = before.filter((entry) => !after.includes(entry));
  const live = liveEntries(after, now)
    .map((e) => e.expiresAt?.toISOString() ?? null)
    .sort((a, b) => (a ?? '\uffff').localeCompare(b ?? '\uffff'));
  const stillLive = new Set(liveEntries(removed, now).map((e) => e.entry));
  return {
    name,
    live,
    added: after.filter((entry) => !before.includes(entry)).length,
    removed: removed.length,
    expiredRemoved: removed.filter((entry) => !stillLive.has(entry)).length,
  };
}
