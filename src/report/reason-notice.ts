// When the window does not hold the reason exactly as the user gave it, say so: the reason is
// what `status` shows later, so a silent change would surprise whoever reads it.
import { sanitizeReason } from '../domain/window.js';
import type { CommandReport } from '../engine/report.js';

const WAF_RULE =
  "WAF descriptions allow letters, digits, spaces and + = : # @ / - , . (256 characters in all, with the window's start, actor and run)";

/** A warning about the reason given to `enter`, or undefined when it was stored as given. */
export function reasonNotice(given: string | undefined, report: CommandReport): string | undefined {
  const window = report.window;
  if (report.command !== 'enter' || given === undefined || given.trim() === '' || !window) {
    return undefined;
  }
  const stored = window.reason;
  // A window that started before this command is the one that was already open.
  if (Date.parse(window.since) < Date.parse(report.startedAt)) {
    const original = stored === undefined ? 'no reason' : `its original reason "${stored}"`;
    return `The reason "${given}" was not recorded: ${report.environment.key} was already in maintenance (since ${window.since}, by ${window.actor}), and the window keeps ${original}.`;
  }
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
