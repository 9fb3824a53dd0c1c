// The bypass tokens after a command: how many are live and when each expires. Never a token.
import type { CommandReport } from '../engine/report.js';
import type { Fact } from './facts.js';

export function bypassFact(report: CommandReport, planned: string): Fact {
  const { live, added, removed, expiredRemoved } = report.bypass;
  const count = `${live.length} live token${live.length === 1 ? '' : 's'}`;
  const expiries = live.map((at) =>
    at === null ? 'an entry not written by this tool (no expiry)' : `expires ${at}`,
  );
  const changes = [
    added > 0 ? `${added} added` : '',
    removed > 0
      ? `${removed} removed${expiredRemoved > 0 ? ` (${expiredRemoved} expired)` : ''}`
      : '',
  ].filter(Boolean);
  return {
    label: `Bypass${planned}`,
    lines: [
      live.length === 0 ? 'none' : `${count}${changes.length > 0 ? `; ${changes.join(', ')}` : ''}`,
      ...(live.length === 0 && changes.length > 0 ? [changes.join(', ')] : []),
      ...expiries,
    ],
  };
}
