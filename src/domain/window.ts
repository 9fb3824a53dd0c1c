// The maintenance window's metadata, kept in the Description of `N-active-ipv4` and written in
// the same UpdateIPSet call that switches maintenance on (or off), so it can never drift.
import type { Invoker } from './invoker.js';
import { neutralizeWorkflowCommands } from './untrusted-text.js';

/** A maintenance window: when it started, the invoker that started it, and why. */
export interface MaintenanceWindow extends Invoker {
  /** ISO 8601 time the window started. */
  readonly since: string;
  readonly reason?: string;
  /** ISO 8601 time the window is planned to end (from `duration`, `until` or the calendar). */
  readonly plannedEnd?: string;
  /** Id of the calendar window (config `windows:`) that `reconcile` opened this window for. */
  readonly calendarWindow?: string;
}

/** WAF's Description limits: 1..256 characters of [\w+=:#@/\-,.] and whitespace, no edge spaces. */
export const MAX_DESCRIPTION_LENGTH = 256;
const DESCRIPTION_PATTERN = /^[\w+=:#@/\-,.][\w+=:#@/\-,.\s]+[\w+=:#@/\-,.]$/;
const NOT_ALLOWED = /[^\w+=:#@/\-,.\s]/g;
const NOT_ALLOWED_IN_TOKEN = /[^\w+=:#@/\-,.]/g;

/** A window that has ended: what `status` shows as "last window" while the site is normal. */
export interface ClosedWindow extends MaintenanceWindow {
  readonly until: string;
  readonly closedBy: string;
  /** Why it was closed (`exit --reason`). */
  readonly closedReason?: string;
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

/** Marks the compact encoding (version 2); a description without it is read as version 1. */
const COMPACT_MARK = 'mw2';

/**
 * `2026-11-26T09:43:00.000Z` -> `20261126T094300Z` (the bypass token's form); milliseconds are
 * kept only when there are any: `20261126T094300.123Z`.
 */
export function compactTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return token(iso);
  return date
    .toISOString()
    .replace(/\.000Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** `20261126T094300Z` -> `2026-11-26T09:43:00.000Z`; undefined when it is not that shape. */
export function expandTime(text: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\.\d{3})?Z$/.exec(text ?? '');
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * Encodes a window, compactly (version 2: with a planned end and a calendar id, the version 1
 * long form no longer fits WAF's 256 characters with long actor and repository names):
 * `mw2 s=<since> e=<planned end> c=<calendar id> u=<until> x=<closed by> b=<actor> r=<run> reason=<text>`
 * (a GitHub run `owner/repo/actions/runs/N` is kept as `owner/repo#N`)
 * Times are `YYYYMMDDTHHMMSSZ`; `e`, `c`, `u` and `x` only when they apply (`x` only when it
 * differs from `b`); the free texts go last because they may contain spaces: `reason` (why it
 * opened), then on a closed window `closing` (why it closed, `exit --reason`). When both do not
 * fit, the closing reason gets at least half the room left.
 */
/** `text` cut to `room` characters, marked with `...` when cut; '' when nothing fits. */
function fit(text: string, room: number): string {
  if (text.length <= room) return text;
  // Trimming can leave a trailing space, which WAF rejects.
  return room > 3 ? `${text.slice(0, room - 3).trimEnd()}...` : '';
}

export function encodeWindow(record: WindowRecord): string {
  const w = record.window;
  const fields: string[] = [COMPACT_MARK, `s=${compactTime(w.since)}`];
  if (w.plannedEnd !== undefined) fields.push(`e=${compactTime(w.plannedEnd)}`);
  if (w.calendarWindow !== undefined) fields.push(`c=${token(w.calendarWindow)}`);
  if (record.kind === 'closed') {
    fields.push(`u=${compactTime(record.window.until)}`);
    if (record.window.closedBy !== w.actor) fields.push(`x=${token(record.window.closedBy)}`);
  }
  fields.push(`b=${token(w.actor)}`);
  // The run goes last: with the longest names GitHub allows it may not fit, and a cut run would
  // be a wrong link, so it is left out whole (read back as 'unknown').
  const run = `r=${token(compactRun(w.run))}`;
  if (fields.join(' ').length + 1 + run.length <= MAX_DESCRIPTION_LENGTH) fields.push(run);
  let text = fields.join(' ');
  const reason = w.reason === undefined ? '' : sanitizeReason(w.reason);
  const closing =
    record.kind === 'closed' && record.window.closedReason !== undefined
      ? sanitizeReason(record.window.closedReason)
      : '';
  let room = MAX_DESCRIPTION_LENGTH - text.length;
  const closingRoom = closing ? Math.max(0, room - ' reason='.length - reason.length) : 0;
  const closingText = fit(
    closing,
    Math.max(closingRoom, Math.floor(room / 2)) - ' closing='.length,
  );
  if (closingText) room -= ' closing='.length + closingText.length;
  const reasonText = reason ? fit(reason, room - ' reason='.length) : '';
  if (reasonText) text += ` reason=${reasonText}`;
  if (closingText) text += ` closing=${closingText}`;
  text = text.slice(0, MAX_DESCRIPTION_LENGTH).trimEnd();
  if (!DESCRIPTION_PATTERN.test(text)) {
    throw new Error(`internal: window description does not match WAF's pattern: ${text}`);
  }
  return text;
}

const GITHUB_RUN = /^([^/\s]+\/[^/\s]+)\/actions\/runs\/(\d+)$/;

/** `acme/shop/actions/runs/42` -> `acme/shop#42`; other runs (`cli@host`) as they are. */
function compactRun(run: string): string {
  const m = GITHUB_RUN.exec(run);
  return m ? `${m[1]}#${m[2]}` : run;
}

function expandRun(run: string): string {
  const m = /^([^/\s]+\/[^/\s#]+)#(\d+)$/.exec(run);
  return m ? `${m[1]}/actions/runs/${m[2]}` : run;
}

/** `key=value` fields before ` reason=`, the reason itself, and the closing reason after it. */
function splitFields(description: string): {
  fields: Map<string, string>;
  reason?: string;
  closing?: string;
} {
  const closingAt = description.lastIndexOf(' closing=');
  const closing = closingAt === -1 ? undefined : description.slice(closingAt + ' closing='.length);
  const rest = closingAt === -1 ? description : description.slice(0, closingAt);
  const reasonAt = rest.indexOf(' reason=');
  const head = reasonAt === -1 ? rest : rest.slice(0, reasonAt);
  const reason = reasonAt === -1 ? undefined : rest.slice(reasonAt + ' reason='.length);
  const fields = new Map<string, string>();
  for (const part of head.split(' ')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return { fields, ...(reason ? { reason } : {}), ...(closing ? { closing } : {}) };
}

/** Reads a description written by encodeWindow (either version); anything else (a human's note) yields undefined. */
export function decodeWindow(stored: string | undefined): WindowRecord | undefined {
  if (!stored) return undefined;
  // Written by anyone with access to the account: every field is printed, so none may carry a
  // workflow command.
  const description = neutralizeWorkflowCommands(stored);
  return description.startsWith(`${COMPACT_MARK} `)
    ? decodeCompact(description)
    : decodeVersion1(description);
}

function decodeCompact(description: string): WindowRecord | undefined {
  const { fields, reason, closing } = splitFields(description);
  const since = expandTime(fields.get('s'));
  const actor = fields.get('b');
  const run = expandRun(fields.get('r') ?? 'unknown');
  if (!since || !actor) return undefined;
  const plannedEnd = expandTime(fields.get('e'));
  const calendarWindow = fields.get('c');
  const base: MaintenanceWindow = {
    since,
    actor,
    run,
    ...(reason ? { reason } : {}),
    ...(plannedEnd ? { plannedEnd } : {}),
    ...(calendarWindow ? { calendarWindow } : {}),
  };
  const until = expandTime(fields.get('u'));
  if (until === undefined) return { kind: 'open', window: base };
  return {
    kind: 'closed',
    window: {
      ...base,
      until,
      closedBy: fields.get('x') ?? actor,
      ...(closing ? { closedReason: closing } : {}),
    },
  };
}

/** Version 1, the long form written before planned ends existed: `since=<ISO> by=... run=... reason=...`. */
function decodeVersion1(description: string): WindowRecord | undefined {
  const { fields, reason } = splitFields(description);
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
