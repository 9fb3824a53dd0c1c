import { InputError, formatProblem } from '../../src/domain/errors.js';
import { explainAwsError } from '../../src/aws/errors.js';

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

describe('explainAwsError after the SDK gave up', () => {
  /** The message for an SDK error with that name and HTTP status, from `operation` on a set. */
  const explain = (name: string, status: number, operation: string) =>
    explainAwsError(
      Object.assign(new Error('Service is unavailable'), {
        name,
        $metadata: { httpStatusCode: status },
      }),
      operation,
      'arn:shop-set',
    ).message;

  it('a 5xx on a write: the outcome is unknown, the read after the failure tells', () => {
    const message = explain('WAFInternalErrorException', 500, 'UpdateIPSet');
    expect(message).toBe(
      "UpdateIPSet on arn:shop-set still failed after the SDK's retries (WAFInternalErrorException): WAF is throttling or unavailable. " +
        'WAF may have applied this write before failing, so its outcome is unknown until the set is read again (a command reads every set after a failed write and says which set is in which state); run the command again. AWS said: Service is unavailable',
    );
    expect(message).not.toMatch(/changed nothing|Nothing else was changed/);
  });

  it('throttling on a write is a refusal: nothing changed', () => {
    expect(explain('ThrottlingException', 400, 'UpdateRegexPatternSet')).toContain(
      'WAF refused this write, so it changed nothing; run the command again.',
    );
  });

  it('a 503 on a read changes nothing', () => {
    expect(explain('ServiceUnavailable', 503, 'GetIPSet')).toContain(
      'A read changes nothing; run the command again.',
    );
  });
});
