import { describe, expect, it } from '@jest/globals';
import { InputError, type Problem } from '../../src/domain/errors.js';
import { synthesizeMaintenanceWaf, type MaintenanceWafProps } from '../../terraform/src/index.js';

const valid: MaintenanceWafProps = { name: 'shop', scope: 'REGIONAL' };

function problemsOf(props: Partial<MaintenanceWafProps>): Problem[] {
  try {
    synthesizeMaintenanceWaf({ ...valid, ...props });
  } catch (error) {
    if (error instanceof InputError) return [...error.problems];
    throw error;
  }
  return [];
}

const OIDC = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

describe('MaintenanceWaf prop validation', () => {
  it.each<[string, Partial<MaintenanceWafProps>, string, unknown, RegExp]>([
    ['a name with a space', { name: 'shop prod' }, 'name', 'shop prod', /only letters, digits/],
    ['a name with a dot', { name: 'shop.prod' }, 'name', 'shop.prod', /only letters, digits/],
    [
      'a name too long for N-active-ipv4 to fit 128',
      { name: 'n'.repeat(117) },
      'name',
      'n'.repeat(117),
      /1 to 116 characters/,
    ],
    ['an empty name', { name: '' }, 'name', '', /1 to 116 characters/],
    ['a reserved metric name', { name: 'All' }, 'name', 'All', /reserved/],
    [
      'an unknown scope',
      { scope: 'GLOBAL' as 'REGIONAL' },
      'scope',
      'GLOBAL',
      /REGIONAL, CLOUDFRONT/,
    ],
    [
      'a fractional Retry-After',
      { retryAfterSeconds: 1.5 },
      'retryAfterSeconds',
      1.5,
      /whole number from 1 to 604800/,
    ],
    ['a zero Retry-After', { retryAfterSeconds: 0 }, 'retryAfterSeconds', 0, /whole number/],
    [
      'a status code WAF rejects',
      { statusCode: 600 },
      'statusCode',
      600,
      /status code WAF supports/,
    ],
    ['a status code below 200', { statusCode: 199 }, 'statusCode', 199, /status code WAF supports/],
    [
      'a status code in range that WAF does not support in custom responses',
      { statusCode: 418 },
      'statusCode',
      418,
      /200, 201, 202, 204, 206, 300.*505$/,
    ],
    ['an empty page', { maintenancePageHtml: '' }, 'maintenancePageHtml', '', /1 to 4096 bytes/],
    [
      'JSON that does not parse',
      { apiResponseJson: '{error:1}' },
      'apiResponseJson',
      '{error:1}',
      /valid JSON/,
    ],
    [
      'a path prefix without a slash',
      { reachablePathPrefixes: ['status'] },
      'reachablePathPrefixes[0]',
      'status',
      /start with "\/"/,
    ],
    [
      'a path prefix longer than a search string',
      { reachablePathPrefixes: [`/${'a'.repeat(200)}`] },
      'reachablePathPrefixes[0]',
      `/${'a'.repeat(200)}`,
      /at most 200/,
    ],
    [
      'a duplicate path prefix',
      { reachablePathPrefixes: ['/a', '/a'] },
      'reachablePathPrefixes[1]',
      '/a',
      /twice/,
    ],
    [
      'more prefixes than the capacity allows',
      { reachablePathPrefixes: Array.from({ length: 11 }, (_, i) => `/${i}`) },
      'reachablePathPrefixes',
      Array.from({ length: 11 }, (_, i) => `/${i}`),
      /at most 10 prefixes.*it lists 11/,
    ],
    [
      'an association ARN that is no ARN',
      { associatedResourceArn: 'my-alb' },
      'associatedResourceArn',
      'my-alb',
      /ARN of a regional resource/,
    ],
    [
      'an association without the web ACL',
      {
        associatedResourceArn:
          'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/a/b',
        createWebAcl: false,
      },
      'associatedResourceArn',
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/a/b',
      /createWebAcl: false/,
    ],
    [
      'a repository without owner',
      { github: { repository: 'shop', environments: ['production'] } },
      'github.repository',
      'shop',
      /OWNER\/REPO/,
    ],
    [
      'an environment with a wildcard',
      { github: { repository: 'acme/shop', environments: ['production', 'prod*'] } },
      'github.environments[1]',
      'prod*',
      /no ":", "\*" or "\?"/,
    ],
    [
      'an OIDC provider ARN for another issuer',
      {
        github: {
          repository: 'acme/shop',
          environments: ['production'],
          oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/example.com',
        },
      },
      'github.oidcProviderArn',
      'arn:aws:iam::123456789012:oidc-provider/example.com',
      /token.actions.githubusercontent.com/,
    ],
    [
      'a default role name over IAM 64 characters',
      {
        name: 'n'.repeat(50),
        github: { repository: 'acme/shop', environments: ['production'], oidcProviderArn: OIDC },
      },
      'github.roleName',
      `${'n'.repeat(50)}-maintenance-action`,
      /at most 64.*set github.roleName/,
    ],
  ])('rejects %s, naming the prop and its value', (_, props, field, value, message) => {
    const problems = problemsOf(props);
    const problem = problems.find((p) => p.field === field && message.test(p.message));
    expect(problem).toBeDefined();
    expect(problem!.value).toEqual(value);
    // The construct path says which environment of the stack is wrong.
    expect(problem!.file).toBe('MaintenanceWaf "stack/maintenance"');
  });

  it('measures body size in UTF-8 bytes: 4096 bytes pass, one more fails', () => {
    const page = (bytes: number) => `<p>${'é'.repeat((bytes - 7) / 2)}</p>`;
    expect(Buffer.byteLength(page(4095))).toBe(4095);
    expect(problemsOf({ maintenancePageHtml: page(4095) })).toEqual([]);
    const tooBig = `${page(4095)}xx`;
    const [problem] = problemsOf({ maintenancePageHtml: tooBig });
    expect(problem!.field).toBe('maintenancePageHtml');
    expect(problem!.message).toMatch(/it is 4097 bytes/);
  });

  it('counts bytes, not characters: 8,000 bytes of "é" (4,000 characters) are rejected', () => {
    const [problem] = problemsOf({ maintenancePageHtml: 'é'.repeat(4000) });
    expect(problem!.field).toBe('maintenancePageHtml');
    expect(problem!.message).toMatch(/1 to 4096 bytes.*it is 8000 bytes/);
  });

  it.each<[string, string[], string, RegExp]>([
    ['no environment', [], 'github.environments', /1 to 10 GitHub environments/],
    [
      'eleven environments',
      Array.from({ length: 11 }, (_, i) => `env-${i}`),
      'github.environments',
      /1 to 10/,
    ],
    ['an environment twice', ['production', 'production'], 'github.environments[1]', /twice/],
  ])('rejects a role trusting %s', (_, environments, field, message) => {
    const problems = problemsOf({ github: { repository: 'acme/shop', environments } });
    expect(problems.find((p) => p.field === field && message.test(p.message))).toBeDefined();
  });

  it('accepts the longest name that fits and a long name with an explicit role name', () => {
    expect(problemsOf({ name: 'n'.repeat(116) })).toEqual([]);
    expect(
      problemsOf({
        name: 'n'.repeat(116),
        github: {
          repository: 'acme/shop',
          environments: ['production'],
          roleName: 'shop-maintenance',
        },
      }),
    ).toEqual([]);
  });

  it('reports every problem at once in one readable message', () => {
    const attempt = () =>
      synthesizeMaintenanceWaf({
        name: 'bad name',
        scope: 'REGIONAL',
        statusCode: 99,
        retryAfterSeconds: -1,
      });
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(/3 problems:/);
    expect(attempt).toThrow(/name: may contain only letters.*\(value: "bad name"\)/);
    expect(attempt).toThrow(/statusCode: must be a status code WAF supports.*\(value: 99\)/);
  });
});
