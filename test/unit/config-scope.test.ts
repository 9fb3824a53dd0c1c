// Scoped validation: a problem stops a command only when it concerns the command's environment.
import { checkConfig } from '../../src/domain/config.js';
import { resolveConfig } from '../../src/domain/config-scope.js';
import { formatProblem } from '../../src/domain/errors.js';
import type { Command } from '../../src/domain/types.js';

const FILE = 'm.yml';
const config = (staging: string, testers = '') => `testers:
  - name: QA office
    cidrs: [203.0.113.0/24]
  - name: Agency
    cidrs: [198.51.100.0/24${testers}]
environments:
  production:
    name: shop-prod
    scope: CLOUDFRONT
    testers: [QA office]
  staging:
${staging}`;

const run = (text: string, key: string, command: Command) =>
  resolveConfig(checkConfig(text, FILE), key, command);

describe('resolveConfig', () => {
  const typo =
    '    name: shop-staging\n    scope: REGIONAL\n    region: eu-west-1\n    testers: [QA ofice]\n';

  it.each(['enter', 'exit', 'allowlist-on', 'allowlist-off', 'status'] as Command[])(
    "another environment's unknown tester is a warning for %s on production",
    (command) => {
      const { environment, warnings } = run(config(typo), 'production', command);
      expect(environment.name).toBe('shop-prod');
      expect(warnings.map(formatProblem)).toEqual([
        `${FILE}:15:15: environments.staging.testers[0]: unknown tester 'QA ofice'; did you mean 'QA office'? (value: "QA ofice")`,
      ]);
    },
  );

  it('blocks enter on the environment itself, but not exit or status', () => {
    expect(() => run(config(typo), 'staging', 'enter')).toThrow("unknown tester 'QA ofice'");
    expect(run(config(typo), 'staging', 'exit').environment.name).toBe('shop-staging');
    expect(run(config(typo), 'staging', 'status').warnings).toHaveLength(1);
  });

  it('a broken entry that does not resolve blocks even exit on it, and only on it', () => {
    const broken = '    name: shop staging\n    scope: REGIONAL\n    region: eu-west-1\n';
    expect(() => run(config(broken), 'staging', 'exit')).toThrow(
      `${FILE}:12:11: environments.staging.name: must be a WAF name prefix`,
    );
    expect(run(config(broken), 'production', 'exit').warnings).toHaveLength(1);
  });

  it('a bad tester blocks allowlist-on only where the tester is used', () => {
    const staging = '    name: shop-staging\n    scope: REGIONAL\n    region: eu-west-1\n';
    const text = config(staging, ', not-an-ip');
    expect(run(text, 'production', 'allowlist-on').warnings).toHaveLength(1);
    expect(() => run(text, 'staging', 'allowlist-on')).toThrow('not an IP address or CIDR');
    expect(run(text, 'staging', 'exit').warnings).toHaveLength(1);
  });

  it('problems with the file itself block every command', () => {
    const text = `${config('    name: s\n    scope: REGIONAL\n    region: eu-west-1\n')}extra: 1\n`;
    expect(() => run(text, 'production', 'status')).toThrow("unknown key 'extra'");
  });

  it('an unknown key is still named with the known ones', () => {
    const staging = '    name: shop-staging\n    scope: REGIONAL\n    region: eu-west-1\n';
    expect(() => run(config(staging), 'prod', 'status')).toThrow(
      'unknown environment; the file defines: production, staging',
    );
  });
});
