// What merging CIDRs did, as log lines: WAF holds 10,000 per set, so adjacent and covered ranges
// are joined into the smallest exact cover, and the user should see which became which.
import { mergesOf } from '../domain/cidr.js';

const SHOWN = 20;

export function mergeLines(cidrs: readonly string[]): string[] {
  const merges = mergesOf(cidrs);
  if (merges.length === 0) return [];
  const lines = merges.slice(0, SHOWN).map(({ into, from }) => `  ${from.join(' + ')} -> ${into}`);
  if (merges.length > SHOWN) lines.push(`  ... and ${merges.length - SHOWN} more`);
  const count = merges.reduce((n, merge) => n + merge.from.length, 0);
  return [
    `Merged ${count} CIDRs into ${merges.length} (adjacent or covered ranges; the same addresses):`,
    ...lines,
  ];
}
