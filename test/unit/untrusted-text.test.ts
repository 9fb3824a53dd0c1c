import { clipValue, formatProblem } from '../../src/domain/errors.js';
import { neutralizeWorkflowCommands } from '../../src/domain/untrusted-text.js';
import { wafEndpoint } from '../../src/aws/endpoint.js';
import { explainAwsError } from '../../src/aws/errors.js';

describe('neutralizeWorkflowCommands', () => {
  it('keeps text on one line, where no `::` can start a workflow command', () => {
    const text = neutralizeWorkflowCommands('db\n::error::x\r\n::stop-commands::abc %0A');
    expect(text).not.toMatch(/[\r\n]/);
    expect(text).not.toContain('::');
    expect(text).not.toContain('%0A');
    expect(text.replace(/\u200b/g, '')).toBe('db ::error::x ::stop-commands::abc %0A');
  });
});

describe('values quoted in messages', () => {
  it('are cut at 100 characters in messages, 1,000 in problems', () => {
    const long = 'x'.repeat(5000);
    expect(formatProblem({ message: 'bad', value: long })).toBe(
      `bad (value: "${'x'.repeat(97)}...")`,
    );
    expect(String(clipValue(long))).toHaveLength(1000);
  });
});

describe('wafEndpoint', () => {
  it('names the variable when an override has no scheme', () => {
    expect(() => wafEndpoint('eu-west-1', { AWS_ENDPOINT_URL_WAFV2: '127.0.0.1:5566' })).toThrow(
      'environment variable AWS_ENDPOINT_URL_WAFV2: must be an absolute URL with its scheme, e.g. http://127.0.0.1:5566',
    );
    expect(() => wafEndpoint('eu-west-1', { AWS_ENDPOINT_URL: 'localhost:4566' })).toThrow(
      'environment variable AWS_ENDPOINT_URL',
    );
  });

  it("is the region's default endpoint without an override", () => {
    expect(wafEndpoint('eu-west-1', {})).toEqual({ url: 'https://wafv2.eu-west-1.amazonaws.com' });
    expect(wafEndpoint('x', { AWS_ENDPOINT_URL_WAFV2: 'http://127.0.0.1:1' }).variable).toBe(
      'AWS_ENDPOINT_URL_WAFV2',
    );
  });
});

describe('explainAwsError for missing credentials', () => {
  const missing = Object.assign(new Error('Could not load credentials from any providers'), {
    name: 'CredentialsProviderError',
  });

  it('names the profile when AWS_PROFILE is set, instead of saying to set it', () => {
    const saved = process.env.AWS_PROFILE;
    process.env.AWS_PROFILE = 'nope';
    try {
      const message = explainAwsError(missing, 'ListIPSets', 'x').message;
      expect(message).toContain('No AWS credentials from profile "nope" (AWS_PROFILE)');
      expect(message).not.toContain('CLI, set AWS_PROFILE');
    } finally {
      if (saved === undefined) delete process.env.AWS_PROFILE;
      else process.env.AWS_PROFILE = saved;
    }
  });
});
