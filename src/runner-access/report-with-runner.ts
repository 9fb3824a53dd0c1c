// The command's report, updated with the runner's address: outputs and the summary then show
// what the allow sets really hold after the step.
import type { CommandReport, SetChange } from '../engine/report.js';
import type { SetRole } from '../domain/types.js';
import { normalizeCidrs } from '../domain/cidr.js';
import type { AddressChange } from './leases.js';

export function withRunnerAccess(
  report: CommandReport,
  role: SetRole,
  change: AddressChange | undefined,
): CommandReport {
  if (!change) return report;
  const earlier = report.changes.find((c) => c.role === role);
  const merged: SetChange = {
    role,
    name: change.set.name,
    from: earlier?.from ?? change.from,
    to: change.to,
  };
  const otherFamily = report.allowlist.filter((cidr) => !change.from.includes(cidr));
  const { ipv4, ipv6 } = normalizeCidrs([...otherFamily, ...change.to]);
  const allowlist = [...ipv4, ...ipv6];
  return {
    ...report,
    changed: true,
    changes: [...report.changes.filter((c) => c !== earlier), merged],
    allowlist,
    state:
      report.state === 'maintenance' && allowlist.length > 0
        ? 'maintenance-allowlisted'
        : report.state,
  };
}
