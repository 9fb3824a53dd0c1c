// The maintenance window's metadata, kept in the Description of `N-active-ipv4` and written in
// the same UpdateIPSet call that switches maintenance on (or off), so it can never drift.
import type { MaintenanceWindow } from '../engine/report.js';
import { neutralizeWorkflowCommands } from './untrusted-text.js';

/** WAF's Description limits: 1..256 characters of [\w+=:#@/\-,.] and whitespace, no edge spaces. */
export const MAX_DESCRIPTION_LENGTH = 256;
const DESCRIPTION_PATTERN = /^[\w+=:#@/\-,.][\w+=:#@/\-,.\s]+[\w+=:#@/\-,.]$/;
const NOT_ALLOWED = /[^\w+=:#@/\-,.\s]/g;
const NOT_ALLOWED_IN_TOKEN = /[^\w+=:#@/\-,.]/g;

/** A window that has ended: what `status` shows as "last window" while the site is normal. */
export interface ClosedWindow extends MaintenanceWindow {
  readonly until: string;
  readonly closedBy: string;
}

export type WindowRecord =
  | { readonly kind: 'open'; readonly window: MaintenanceWindow }
  | { readonly kind: 'closed'; readonly window: ClosedWindow };

function token(value: string): string {
  return value.replace(NOT_ALLOWED_IN_TOKEN, '_') || '_';
}

/** Accents and other combining marks, once NFKD has split them from their letters. */
const COMBINING_MARKS = /\p{M}/gu;

/**
 * Free text squeezed into WAF's character set so it still reads well: accents are dropped
 * (é -> e, ﬁ -> fi), other characters become a space, runs of space collapse to one.
 */
export function sanitizeReason(reason: string): string {
  return reason
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(NOT_ALLOWED, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Encodes a window as `key=value` tokens; `reason` goes last because it may contain spaces. */
export function encodeWindow(record: WindowRecord): string {
  const w = record.window;
  const fields: string[] = [`since=${token(w.since)}`];
  if (record.kind === 'closed') {
    fields.push(`until=${token(record.window.until)}`, `closedby=${token(record.window.closedBy)}`);
  }
  fields.push(`by=${token(w.actor)}`, `run=${token(w.run)}`);
  let text = fields.join(' ');
  const reason = w.reason === undefined ? '' : sanitizeReason(w.reason);
  if (reason) {
    const room = MAX_DESCRIPTION_LENGTH - text.length - ' reason='.length;
    if (room > 0) {
      // Trimming can leave a trailing space, which WAF rejects.
      const cut = reason.length > room ? `${reason.slice(0, room - 3).trimEnd()}...` : reason;
      text += ` reason=${cut}`;
    }
  }
  text = text.slice(0, MAX_DESCRIPTION_LENGTH).trimEnd();
  if (!DESCRIPTION_PATTERN.test(text)) {
    throw new Error(`internal: window description does not match WAF's pattern: ${text}`);
  }
  return text;
}

/** Reads a description written by encodeWindow; anything else (a human's note) yields undefined. */
export function decodeWindow(stored: string | undefined): WindowRecord | undefined {
  if (!stored) return undefined;
  // Written by anyone with access to the account: every field is printed, so none may carry a
  // workflow command.
  const description = neutralizeWorkflowCommands(stored);
  const reasonAt = description.indexOf(' reason=');
  const head = reasonAt === -1 ? description : description.slice(0, reasonAt);
  const reason = reasonAt === -1 ? undefined : description.slice(reasonAt + ' reason='.length);
  const fields = new Map<string, string>();
  for (const part of head.split(' ')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const since = fields.get('since');
  const actor = fields.get('by');
  const run = fields.get('run');
  if (!since || !actor || !run || Number.isNaN(Date.parse(since))) return undefined;
  const base: MaintenanceWindow = { since, actor, run, ...(reason ? { reason } : {}) };
  const until = fields.get('until');
  if (until === undefined) return { kind: 'open', window: base };
  return {
    kind: 'closed',
    window: { ...base, until, closedBy: fields.get('closedby') ?? 'unknown' },
  };
}
