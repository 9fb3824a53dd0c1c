// Small text formatters shared by the job summary, the log and the CLI table.
import { sortCidrs } from '../domain/cidr.js';

/** How many CIDRs a list shows before it is shortened: summaries stay readable with 10,000-entry sets. */
export const MAX_LISTED = 6;

/**
 * `a, b, c` ; `(empty)` ; `a, b, ... and 94 more` when longer than `max`. Always in one order
 * (IPv4 then IPv6, numerically), whatever order the set or the report holds them in.
 */
export function formatCidrs(cidrs: readonly string[], max = MAX_LISTED): string {
  if (cidrs.length === 0) return '(empty)';
  const sorted = sortCidrs(cidrs);
  if (sorted.length <= max) return sorted.join(', ');
  return `${sorted.slice(0, max).join(', ')} ... and ${sorted.length - max} more`;
}

/** `2h 5m 3s`, `45s`, `0s`: a window's length as a person reads it. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts = [
    days ? `${days}d` : '',
    hours ? `${hours}h` : '',
    minutes ? `${minutes}m` : '',
    seconds || total === 0 ? `${seconds}s` : '',
  ];
  return parts.filter(Boolean).join(' ');
}
