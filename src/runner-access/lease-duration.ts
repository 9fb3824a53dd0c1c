// The `allow-runner-ttl` input: how long a lease lasts if its job never runs its post step.
import type { Problem } from '../domain/errors.js';

/** GitHub-hosted jobs are cancelled after 6 hours, so a lease never needs to outlive that there. */
export const DEFAULT_LEASE_DURATION = '6h';
/** Self-hosted runners allow jobs of up to 5 days. */
const MAX_MS = 5 * 24 * 3600_000;
const UNIT_MS = { s: 1000, m: 60_000, h: 3600_000, d: 24 * 3600_000 } as const;
const DURATION = /^(\d+)\s*([smhd])$/;

/** `90m`, `6h`, `1d`, `30s` to milliseconds; a Problem naming the input when it is not one. */
export function parseLeaseDuration(text: string, field: string): number | Problem {
  const match = DURATION.exec(text.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : NaN;
  if (!(ms > 0 && ms <= MAX_MS)) {
    return {
      field,
      message:
        'must be a duration between 1s and 5d, a number and a unit: s, m, h or d (e.g. 6h, 90m)',
      value: text,
    };
  }
  return ms;
}
