// Which window the Description of `N-active-ipv4` records, before and after a command.
import { hasActiveAddresses, isMaintenanceOn, sameAddresses } from '../domain/state.js';
import type { SetContents, SetRole } from '../domain/types.js';
import { decodeWindow, encodeWindow } from '../domain/window.js';
import type { IpSetSnapshot } from '../aws/ip-sets.js';
import type { MaintenanceWindow } from './report.js';

export function openWindow(description: string | undefined): MaintenanceWindow | undefined {
  const record = decodeWindow(description);
  return record?.kind === 'open' ? record.window : undefined;
}

export interface WindowAuthor {
  readonly actor: string;
  readonly run: string;
  readonly reason?: string;
  /** `enter` only: when the window is planned to end (ISO); set again on an open window, it moves the end. */
  readonly plannedEnd?: string;
  /** `enter` by `reconcile` only: the calendar window this window is opened for. */
  readonly calendarWindow?: string;
}

/** The Description `N-active-ipv4` should carry after the command. */
export function nextActiveDescription(
  author: WindowAuthor,
  before: SetContents,
  after: SetContents,
  current: string | undefined,
  now: Date,
): string | undefined {
  const open = openWindow(current);
  if (!isMaintenanceOn(before) && isMaintenanceOn(after)) {
    // Repairing a half-switched environment continues its window; otherwise a new one starts.
    if (open && hasActiveAddresses(before)) return current;
    return encodeWindow({
      kind: 'open',
      window: {
        since: now.toISOString(),
        actor: author.actor,
        run: author.run,
        ...(author.reason ? { reason: author.reason } : {}),
        ...(author.plannedEnd ? { plannedEnd: author.plannedEnd } : {}),
        ...(author.calendarWindow ? { calendarWindow: author.calendarWindow } : {}),
      },
    });
  }
  // `enter` with a planned end on an open window moves its end (e.g. to extend an overrun).
  if (open && isMaintenanceOn(after) && author.plannedEnd !== undefined) {
    const moved = encodeWindow({
      kind: 'open',
      window: { ...open, plannedEnd: author.plannedEnd },
    });
    if (moved !== current) return moved;
  }
  if (open && after['active-ipv4'].length === 0) {
    return encodeWindow({
      kind: 'closed',
      window: {
        ...open,
        until: now.toISOString(),
        closedBy: author.actor,
        ...(author.reason ? { closedReason: author.reason } : {}),
      },
    });
  }
  return current;
}

/**
 * Only `N-active-ipv4` carries the window. After a lock conflict, a concurrent writer that
 * already switched the set the same way also wrote its window: keep it rather than replace it.
 */
export function descriptionFor(
  role: SetRole,
  fresh: IpSetSnapshot,
  read: IpSetSnapshot,
  wanted: readonly string[],
  activeDescription: string | undefined,
): string | undefined {
  if (role !== 'active-ipv4') return fresh.description;
  const doneByOther = fresh !== read && sameAddresses(fresh.addresses, wanted);
  return doneByOther ? fresh.description : activeDescription;
}
