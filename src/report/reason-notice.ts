// When the window does not hold the reason exactly as the user gave it, say so: the reason is
// what `status` shows later, so a silent change would surprise whoever reads it.
import { sanitizeReason } from '../domain/window.js';
import type { CommandReport } from '../engine/report.js';

const WAF_RULE =
  "WAF descriptions allow letters, digits, spaces and + = : # @ / - , . (256 characters in all, with the window's start, actor and run)";

/** A warning about the reason given to `enter` or `exit`, or undefined when it was stored as given. */
export function reasonNotice(given: string | undefined, report: CommandReport): string | undefined {
  if (report.command === 'exit') return exitNotice(given, report);
  const window = report.window;
  if (report.command !== 'enter' || given === undefined || given.trim() === '' || !window) {
    return undefined;
  }
  const stored = window.reason;
  // A window that started before this command is the one that was already open. A rerun with
  // the same reason (after a partial failure, say) finds it there: nothing to tell.
  if (Date.parse(window.since) < Date.parse(report.startedAt)) {
    if (storedAs(given, stored)) return undefined;
    const original = stored === undefined ? 'no reason' : `its original reason "${stored}"`;
    return `The reason "${given}" was not recorded: ${report.environment.key} was already in maintenance (since ${window.since}, by ${window.actor}), and the window keeps ${original}.`;
  }
  return alteredNotice(given, stored, window);
}

/** True when `stored` is what a window records for `given` (as given, or altered to fit). */
function storedAs(given: string, stored: string | undefined): boolean {
  if (stored === undefined) return false;
  const sanitized = sanitizeReason(given);
  return (
    stored === given.replace(/\s+/g, ' ').trim() ||
    stored === sanitized ||
    (stored.endsWith('...') && sanitized.startsWith(stored.slice(0, -3)))
  );
}

/** How `stored` differs from `given` (characters replaced, cut), or undefined when it does not. */
function alteredNotice(
  given: string,
  stored: string | undefined,
  window: { readonly actor: string; readonly run: string },
): string | undefined {
  if (stored === given.replace(/\s+/g, ' ').trim()) return undefined;
  if (stored === undefined) {
    return `The reason "${given}" was not recorded: none of its characters fit; ${WAF_RULE}.`;
  }
  const sanitized = sanitizeReason(given);
  const altered = sanitized !== given.replace(/\s+/g, ' ').trim();
  const cut =
    stored !== sanitized && stored.endsWith('...') && sanitized.startsWith(stored.slice(0, -3));
  if (stored !== sanitized && !cut) {
    // Only a concurrent enter that won the race can leave another reason in a new window.
    return `The reason "${given}" was not recorded: the window holds "${stored}" (written by ${window.actor}, ${window.run}).`;
  }
  const how = [altered ? 'other characters replaced' : '', cut ? 'cut to fit' : '']
    .filter(Boolean)
    .join(' and ');
  return `The reason was stored as "${stored}" (${how}; given: "${given}"): ${WAF_RULE}.`;
}

/**
 * On exit: the closing reason as stored, and the opening reason when the closed record (which
 * also holds the end time and who closed it) had to cut it again.
 */
function exitNotice(given: string | undefined, report: CommandReport): string | undefined {
  const closed = report.lastWindow;
  const notices: string[] = [];
  if (given !== undefined && given.trim() !== '') {
    if (!report.endedWindow) {
      notices.push(
        `The reason "${given}" was not recorded: ${report.environment.key} had no open window to close.`,
      );
    } else if (closed) {
      const altered = alteredNotice(given, closed.closedReason, closed);
      if (altered) notices.push(altered);
    }
  }
  const opened = report.endedWindow?.reason;
  if (closed && opened !== undefined && closed.reason !== opened) {
    notices.push(
      `The window's opening reason was cut to fit the closed record (which also holds the end and who closed it): stored "${closed.reason ?? ''}"; it was "${opened}".`,
    );
  }
  return notices.length > 0 ? notices.join(' ') : undefined;
}
