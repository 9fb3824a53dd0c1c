// How long each environment stood half-switched (active-ipv4 and active-ipv6 in different
// states), read from the emulator's call log: the time between the two successful writes of its
// active sets. Tests and the bench use it to hold pacing to the bound it promises.
import type { CallRecord } from './waf-emulator/index.js';

/**
 * Milliseconds between the last successful UpdateIPSet of `<prefix>-active-ipv4` and of
 * `<prefix>-active-ipv6` (answer times, when WAF applied them); undefined unless both were written.
 */
export function halfSwitchedMs(calls: readonly CallRecord[], prefix: string): number | undefined {
  const written = (family: 'ipv4' | 'ipv6'): number | undefined =>
    calls
      .filter((c) => c.operation === 'UpdateIPSet' && c.status === 200)
      .filter((c) => c.name === `${prefix}-active-${family}`)
      .at(-1)?.end;
  const v4 = written('ipv4');
  const v6 = written('ipv6');
  return v4 === undefined || v6 === undefined ? undefined : Math.abs(v4 - v6);
}
