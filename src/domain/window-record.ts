// Which window the Description of `N-active-ipv4` records, before and after a command.
import type { Invoker } from './invoker.js';
import { hasActiveAddresses, isMaintenanceOn, sameAddresses } from './state.js';
import type { SetContents, SetRole } from './types.js';
import { decodeWindow, encodeWindow, type MaintenanceWindow } from './window.js';

export function openWindow(description: string | undefined): MaintenanceWindow | undefined {
  const record = decodeWindow(description);
  return record?.kind === 'open' ? record.window : undefined;
}

/** What a command asks of the window it opens (or moves): who, why, until when. */
export interface WindowRequest {
  readonly invoker: Invoker;
  readonly reason?: string;
  /** `enter` only: when the window is planned to end (ISO); set again on an open window, it moves the end. */
  readonly plannedEnd?: string;
  /** `enter` by `reconcile` only: the calendar window this window is opened for. */
  readonly calendarWindow?: string;
}

/** The Description `N-active-ipv4` should carry after the command. */
export function nextActiveDescription(
  request: WindowRequest,
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
        actor: request.invoker.actor,
        run: request.invoker.run,
        ...(request.reason ? { reason: request.reason } : {}),
        ...(request.plannedEnd ? { plannedEnd: request.plannedEnd } : {}),
        ...(request.calendarWindow ? { calendarWindow: request.calendarWindow } : {}),
      },
    });
  }
  // `enter` with a planned end on an open window moves its end (e.g. to extend an overrun).
  if (open && isMaintenanceOn(after) && request.plannedEnd !== undefined) {
    const moved = encodeWindow({
      kind: 'open',
      window: { ...open, plannedEnd: request.plannedEnd },
    });
    if (moved !== current) return moved;
  }
  if (open && after['active-ipv4'].length === 0) {
    return encodeWindow({
      kind: 'closed',
      window: {
        ...open,
        until: now.toISOString(),
        closedBy: request.invoker.actor,
        ...(request.reason ? { closedReason: request.reason } : {}),
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
  fresh: { readonly addresses: readonly string[]; readonly description: string | undefined },
  afterConflict: boolean,
  wanted: readonly string[],
  plannedDescription: string | undefined,
): string | undefined {
  if (role !== 'active-ipv4') return fresh.description;
  const doneByOther = afterConflict && sameAddresses(fresh.addresses, wanted);
  return doneByOther ? fresh.description : plannedDescription;
}
