import { formatDuration, parseDuration } from '../../src/domain/duration.js';
import { InputError } from '../../src/domain/errors.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    [' 2 m ', 120_000],
    ['6h', 21_600_000],
    ['1d', 86_400_000],
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration(text, { field: 'x' })).toBe(ms);
  });

  it.each(['0s', '0m', ' 00 s'])(
    '%j: must be at least 1s, naming the field and the value',
    (text) => {
      expect(() => parseDuration(text, { field: 'input "timeout"', units: ['s', 'm'] })).toThrow(
        `input "timeout": must be at least 1s (value: ${JSON.stringify(text)})`,
      );
    },
  );

  it.each(['', '-5s', '1.5m', '5', 'm', '5 minutes', '5w'])(
    'rejects %j, naming the field and the value',
    (text) => {
      expect(() => parseDuration(text, { field: 'input "timeout"', units: ['s', 'm'] })).toThrow(
        `input "timeout": must be a whole number and a unit, s (seconds), m (minutes), e.g. 30s or 5m (value: ${JSON.stringify(text)})`,
      );
    },
  );

  it('accepts only the field units and at most maxMs', () => {
    expect(() => parseDuration('1h', { field: '--timeout', units: ['s', 'm'] })).toThrow(
      InputError,
    );
    expect(() => parseDuration('11m', { field: '--timeout', maxMs: 600_000 })).toThrow(
      '--timeout: must be at most 10m (value: "11m")',
    );
  });

  it('formats back', () => {
    expect([60_000, 90_000, 3_600_000, 2_000].map(formatDuration)).toEqual([
      '1m',
      '90s',
      '1h',
      '2s',
    ]);
  });
});
