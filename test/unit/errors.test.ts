import { InputError, formatProblem } from '../../src/domain/errors.js';

describe('InputError', () => {
  it('names file, line, field and value', () => {
    const text = formatProblem({
      file: '.github/maintenance.yml',
      line: 4,
      column: 13,
      field: 'testers[0].cidrs[0]',
      message: 'has host bits set; did you mean 203.0.113.0/24?',
      value: '203.0.113.5/24',
    });
    expect(text).toBe(
      '.github/maintenance.yml:4:13: testers[0].cidrs[0]: has host bits set; did you mean 203.0.113.0/24? (value: "203.0.113.5/24")',
    );
  });

  it('lists every problem when there are several', () => {
    const err = new InputError([{ message: 'a' }, { message: 'b', field: 'x' }]);
    expect(err.message).toBe('2 problems:\n  - a\n  - x: b');
    expect(err.problems).toHaveLength(2);
  });
});
