// The error budget a window uses, both ways of the SRE seed
// (../shared/seeds/maintenance-windows-and-error-budgets.md), checked against its worked example
// and against a request-based example computed by hand.
import {
  allowedDowntimeMs,
  remainingErrorRate,
  requestBasedUse,
  timeBasedUse,
} from '../../src/domain/budget.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const seedSlo = { objective: 99, periodMs: 28 * DAY };

describe('time-based: the window as downtime', () => {
  it('99% over 28 days allows 1% of 672 hours: 6 h 43 m 12 s', () => {
    expect(allowedDowntimeMs(seedSlo)).toBe(6 * HOUR + 43 * 60_000 + 12_000);
  });

  it('the seed: a 2-hour window against "about seven hours and 20 minutes" is 27%', () => {
    // The seed's 27% divides by its own round figure for the allowed downtime (7 h 20 m, which
    // is 1% of about 30.5 days, not of 28): 2 h / 7 h 20 m = 27.3%.
    const seedAllowed = 7 * HOUR + 20 * 60_000;
    expect(Math.round(((2 * HOUR) / seedAllowed) * 100)).toBe(27);
  });

  it('computed exactly, a 2-hour window uses 29.8% of a 99%, 28-day budget', () => {
    // 2 h / (0.01 x 672 h) = 2 / 6.72 = 0.2976...
    expect(timeBasedUse(2 * HOUR, seedSlo)).toBeCloseTo(2 / 6.72, 10);
    expect((timeBasedUse(2 * HOUR, seedSlo) * 100).toFixed(1)).toBe('29.8');
  });

  it('leaves (100 - 27) x 0.01 = 0.73% of errors for the rest of the period, as the seed says', () => {
    expect(remainingErrorRate(0.27, seedSlo)).toBeCloseTo(0.0073, 10);
    expect(remainingErrorRate(1.5, seedSlo)).toBe(0);
  });
});

describe('request-based: the requests turned away', () => {
  it('1,200 turned away of 2,000,000 requests in the period against 99.9% uses 60%', () => {
    // By hand: 0.1% of 2,000,000 = 2,000 requests may fail; 1,200 / 2,000 = 0.6.
    expect(requestBasedUse(1_200, 2_000_000, { objective: 99.9 })).toBeCloseTo(0.6, 10);
  });

  it('can exceed the whole budget (more than 1)', () => {
    // 12 turned away of 15 requests against 1%: 12 / 0.15 = 80 budgets.
    expect(requestBasedUse(12, 15, { objective: 99 })).toBeCloseTo(80, 10);
  });

  it('is unknown when the period had no requests', () => {
    expect(requestBasedUse(0, 0, { objective: 99 })).toBeUndefined();
  });
});
