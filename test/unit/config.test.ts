import { expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_CONFIG_PATH,
  allowlistFor,
  parseConfig,
  selectEnvironment,
} from '../../src/domain/config.js';
import { InputError, formatProblem, type Problem } from '../../src/domain/errors.js';

const FILE = '.github/maintenance.yml';

function read(path: string): string {
  return readFileSync(join(process.cwd(), path), 'utf8');
}

/** The problems parseConfig reports for `text` (fails the test if it accepts it). */
function problemsOf(text: string): readonly Problem[] {
  try {
    parseConfig(text, FILE);
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('parseConfig accepted invalid input');
}

/** A valid file with `environment` lines spliced in as the only environment (from line 5 on). */
function withEnvironment(environment: string): string {
  return `testers:
  - name: QA office
    cidrs: [203.0.113.0/24]
environments:
${environment}`;
}

describe('parseConfig: valid files', () => {
  it('reads the documented example into exactly this Config', () => {
    expect(parseConfig(read('examples/maintenance.yml'), FILE)).toEqual({
      file: FILE,
      testers: [
        { name: 'QA office', cidrs: { ipv4: ['203.0.113.0/24'], ipv6: ['2001:db8:1234::/48'] } },
        { name: 'Release manager', cidrs: { ipv4: ['198.51.100.7/32'], ipv6: [] } },
      ],
      environments: [
        {
          key: 'staging',
          name: 'shop-staging',
          scope: 'REGIONAL',
          region: 'eu-west-1',
          testers: ['QA office', 'Release manager'],
        },
        {
          key: 'production',
          name: 'shop-prod',
          scope: 'CLOUDFRONT',
          region: 'us-east-1',
          testers: ['QA office'],
        },
      ],
      calendar: [],
    });
  });

  it('normalises tester CIDRs and lets every tester through by default', () => {
    const config = parseConfig(read('test/fixtures/config/all-testers.yml'), 'all-testers.yml');
    expect(config.testers).toEqual([
      { name: 'QA office', cidrs: { ipv4: ['203.0.113.0/24'], ipv6: ['2001:db8:1234::/48'] } },
      {
        name: 'Release manager',
        cidrs: { ipv4: ['192.0.2.1/32', '198.51.100.7/32'], ipv6: [] },
      },
    ]);
    expect(config.environments).toEqual([
      {
        key: 'only',
        name: 'shop_1',
        scope: 'REGIONAL',
        region: 'us-gov-west-1',
        testers: ['QA office', 'Release manager'],
      },
    ]);
  });

  it.each([
    ['an empty list', 'testers: []\n'],
    ['an empty value', 'testers:\n'],
    ['no testers key', ''],
  ])('accepts no testers given as %s', (_, testers) => {
    const config = parseConfig(
      `${testers}environments:\n  prod:\n    name: shop\n    scope: CLOUDFRONT\n    region: us-east-1\n`,
      FILE,
    );
    expect(config.testers).toEqual([]);
    expect(config.environments[0]?.testers).toEqual([]);
  });

  it('accepts the same name prefix in another region or scope (different IP sets)', () => {
    const config = parseConfig(
      withEnvironment(`  eu:
    name: shop
    scope: REGIONAL
    region: eu-west-1
  us:
    name: shop
    scope: REGIONAL
    region: us-east-1
  cdn:
    name: shop
    scope: CLOUDFRONT
`),
      FILE,
    );
    expect(config.environments.map((env) => `${env.key} ${env.scope} ${env.region}`)).toEqual([
      'eu REGIONAL eu-west-1',
      'us REGIONAL us-east-1',
      'cdn CLOUDFRONT us-east-1',
    ]);
  });

  it('accepts a 116-character name prefix (N-active-ipv4 is then exactly 128)', () => {
    const name = 'n'.repeat(116);
    const config = parseConfig(
      withEnvironment(`  p:\n    name: ${name}\n    scope: CLOUDFRONT\n`),
      FILE,
    );
    expect(config.environments[0]?.name).toBe(name);
  });
});

describe('parseConfig: each mistake is reported with file, line, field and value', () => {
  it('YAML syntax errors (with the offending line)', () => {
    expect(problemsOf('testers:\n  - name: QA: office\nenvironments: {}\n')).toEqual([
      {
        file: FILE,
        line: 2,
        column: 11,
        message: expect.stringMatching(/^YAML syntax error: /),
        value: '- name: QA: office',
      },
    ]);
  });

  it('an alias to no anchor', () => {
    expect(problemsOf('environments:\n  staging: *nope\n')).toEqual([
      {
        file: FILE,
        line: 2,
        column: 12,
        message:
          "alias '*nope' refers to no anchor: define '&nope' above it, or write the value out",
        value: '*nope',
      },
    ]);
  });

  it('aliases that expand too far (a billion-laughs file)', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f'].entries()) {
      const previous = String.fromCharCode('a'.charCodeAt(0) + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    expect(problemsOf(`${levels.join('\n')}\n`)).toEqual([
      {
        file: FILE,
        line: 2,
        column: 8,
        message: expect.stringContaining(
          'YAML aliases (*name) expand to too many values',
        ) as unknown,
      },
    ]);
  });

  it('a second YAML document', () => {
    expect(problemsOf('environments: {}\n---\ntesters: []\n')).toEqual([
      {
        file: FILE,
        line: 2,
        column: 1,
        message:
          "a second YAML document starts here ('---'); the config is one document: remove this line and keep everything in the first",
        value: '---',
      },
    ]);
  });

  it('an empty file', () => {
    expect(problemsOf('# nothing yet\n')).toEqual([
      {
        file: FILE,
        line: 1,
        column: 1,
        message: "the file is empty; it needs 'environments' (and usually 'testers')",
      },
    ]);
  });

  it('unknown keys, suggesting the near miss', () => {
    const problems = problemsOf(
      withEnvironment(
        `  prod:\n    name: shop\n    scope: REGIONAL\n    regoin: eu-west-1\n    colour: red\n`,
      ),
    );
    expect(problems.map(formatProblem)).toEqual([
      `${FILE}:5:3: environments.prod.region: missing required field 'region': REGIONAL scope needs the AWS region of the IP sets, e.g. eu-west-1`,
      `${FILE}:8:5: environments.prod.regoin: unknown key 'regoin'; did you mean 'region'? (value: "regoin")`,
      `${FILE}:9:5: environments.prod.colour: unknown key 'colour'; allowed keys: name, scope, region, testers, max-duration, url, probe, slo, set-ids, web-acl (value: "colour")`,
    ]);
  });

  it("a top-level typo ('tester:') and the missing key it stands for", () => {
    expect(
      problemsOf('tester:\n  - name: QA\n    cidrs: [203.0.113.0/24]\n').map(formatProblem),
    ).toEqual([
      `${FILE}:1:1: environments: missing required field 'environments'`,
      `${FILE}:1:1: tester: unknown key 'tester'; did you mean 'testers'? (value: "tester")`,
    ]);
  });

  it('wrong types', () => {
    const problems = problemsOf(`testers:
  - name: 42
    cidrs: 203.0.113.0/24
environments: [prod]
`);
    expect(problems.map(formatProblem)).toEqual([
      `${FILE}:2:11: testers[0].name: must be a string (value: 42)`,
      `${FILE}:3:12: testers[0].cidrs: must be a list (value: "203.0.113.0/24")`,
      `${FILE}:4:1: environments: must be a mapping (key: value) (value: ["prod"])`,
    ]);
  });

  it('a CIDR that is not a string', () => {
    expect(
      problemsOf(
        withEnvironment('  p: {name: s, scope: CLOUDFRONT}\n').replace('[203.0.113.0/24]', '[10]'),
      ),
    ).toEqual([
      {
        file: FILE,
        line: 3,
        column: 13,
        field: 'testers[0].cidrs[0]',
        message: 'must be a string',
        value: 10,
      },
    ]);
  });

  it('missing required fields', () => {
    const problems = problemsOf(`testers:
  - name: QA office
environments:
  prod:
    scope: CLOUDFRONT
  empty: {}
`);
    expect(problems.map(formatProblem)).toEqual([
      `${FILE}:2:5: testers[0].cidrs: missing required field 'cidrs'`,
      `${FILE}:4:3: environments.prod.name: missing required field 'name'`,
      `${FILE}:6:3: environments.empty.name: missing required field 'name'`,
      `${FILE}:6:3: environments.empty.scope: missing required field 'scope'`,
    ]);
  });

  it('an environment with no settings at all', () => {
    expect(problemsOf('environments:\n  prod:\n').map(formatProblem)).toEqual([
      `${FILE}:2:3: environments.prod: must be a mapping (key: value) (value: null)`,
    ]);
  });

  it('no environments', () => {
    expect(problemsOf('testers: []\nenvironments: {}\n').map(formatProblem)).toEqual([
      `${FILE}:2:1: environments: must not be empty`,
    ]);
  });

  it('duplicate tester names', () => {
    const problems = problemsOf(
      withEnvironment('  p: {name: s, scope: CLOUDFRONT}\n').replace(
        'environments:',
        '  - name: QA office\n    cidrs: [198.51.100.7]\nenvironments:',
      ),
    );
    expect(problems).toEqual([
      {
        file: FILE,
        line: 4,
        column: 11,
        field: 'testers[1].name',
        message: 'duplicate tester name (first defined on line 2)',
        value: 'QA office',
      },
    ]);
  });

  it('duplicate environment keys', () => {
    const problems = problemsOf(
      withEnvironment(`  prod:
    name: a
    scope: CLOUDFRONT
  prod:
    name: b
    scope: CLOUDFRONT
`),
    );
    expect(problems.map(formatProblem)).toEqual([
      `${FILE}:8:3: environments.prod: duplicate key 'prod' (first defined on line 5); each key may appear once (value: "prod")`,
    ]);
  });

  it('two environments switching the same IP sets', () => {
    const problems = problemsOf(
      withEnvironment(`  staging: {name: shop, scope: REGIONAL, region: eu-west-1}
  staging-2: {name: shop, scope: REGIONAL, region: eu-west-1}
`),
    );
    expect(problems.map(formatProblem)).toEqual([
      `${FILE}:6:21: environments.staging-2.name: environment 'staging-2' switches the same IP sets as 'staging' (line 5): same name in REGIONAL eu-west-1 (value: "shop")`,
    ]);
  });

  it.each([
    ['shop prod', 'spaces'],
    ['shop.prod', 'a dot'],
    ['n'.repeat(117), '117 characters'],
  ])('a name prefix WAF cannot use: %j (%s)', (name) => {
    const problems = problemsOf(
      withEnvironment(`  p:\n    name: ${name}\n    scope: CLOUDFRONT\n`),
    );
    expect(problems).toEqual([
      {
        file: FILE,
        line: 6,
        column: 11,
        field: 'environments.p.name',
        message:
          "must be a WAF name prefix: 1 to 116 letters, digits, '_' or '-' (the longest derived name, '<name>-active-ipv4', must fit WAF's 128 characters)",
        value: name,
      },
    ]);
  });

  it('an unknown scope, suggesting the right spelling', () => {
    const problems = problemsOf(
      withEnvironment('  p:\n    name: shop\n    scope: regional\n    region: eu-west-1\n'),
    );
    expect(problems.map(formatProblem)).toEqual([
      `${FILE}:7:12: environments.p.scope: must be one of REGIONAL, CLOUDFRONT; did you mean 'REGIONAL'? (value: "regional")`,
    ]);
  });

  it('a CLOUDFRONT environment in another region', () => {
    const problems = problemsOf(
      withEnvironment('  p:\n    name: shop\n    scope: CLOUDFRONT\n    region: eu-west-1\n'),
    );
    expect(problems.map(formatProblem)).toEqual([
      `${FILE}:8:13: environments.p.region: region is always us-east-1 for CLOUDFRONT; remove it or set us-east-1 (value: "eu-west-1")`,
    ]);
  });

  it('a malformed region', () => {
    const problems = problemsOf(
      withEnvironment('  p:\n    name: shop\n    scope: REGIONAL\n    region: Ireland\n'),
    );
    expect(problems.map(formatProblem)).toEqual([
      `${FILE}:8:13: environments.p.region: must be an AWS region such as eu-west-1 (value: "Ireland")`,
    ]);
  });

  it('a tester subset naming unknown or repeated testers', () => {
    const problems = problemsOf(
      withEnvironment(
        '  p:\n    name: shop\n    scope: CLOUDFRONT\n    testers: [QA ofice, Ops, QA office, QA office]\n',
      ),
    );
    expect(problems.map(formatProblem)).toEqual([
      `${FILE}:8:15: environments.p.testers[0]: unknown tester 'QA ofice'; did you mean 'QA office'? (value: "QA ofice")`,
      `${FILE}:8:25: environments.p.testers[1]: unknown tester 'Ops'; the file's testers: QA office (value: "Ops")`,
      `${FILE}:8:41: environments.p.testers[3]: repeats entry [2] (value: "QA office")`,
    ]);
  });

  it('a tester subset when the file names no testers says so', () => {
    const problems = problemsOf(
      'testers: []\nenvironments:\n  p:\n    name: shop\n    scope: CLOUDFRONT\n    testers: [QA office]\n',
    );
    expect(problems.map(formatProblem)).toContain(
      `${FILE}:6:15: environments.p.testers[0]: unknown tester 'QA office'; 'testers' is empty (value: "QA office")`,
    );
  });

  it('malformed addresses, /0 and host bits set, each at its own line', () => {
    const problems = problemsOf(`testers:
  - name: QA office
    cidrs:
      - 203.0.113.5/24
      - 0.0.0.0/0
      - "2001:db8::1/32"
      - 10.0.0.0/33
      - qa.example.com
environments:
  p: {name: shop, scope: CLOUDFRONT}
`);
    expect(problems.map(formatProblem)).toEqual([
      `${FILE}:4:9: testers[0].cidrs[0]: host bits are set; did you mean 203.0.113.0/24? (value: "203.0.113.5/24")`,
      `${FILE}:5:9: testers[0].cidrs[1]: prefix /0 (every address) is not accepted by WAF; list the ranges you mean (value: "0.0.0.0/0")`,
      `${FILE}:6:9: testers[0].cidrs[2]: host bits are set; did you mean 2001:db8::/32? (value: "2001:db8::1/32")`,
      `${FILE}:7:9: testers[0].cidrs[3]: prefix /33 is out of range for IPv4 (1-32) (value: "10.0.0.0/33")`,
      `${FILE}:8:9: testers[0].cidrs[4]: not an IP address or CIDR (e.g. 203.0.113.0/24 or 2001:db8::/48) (value: "qa.example.com")`,
    ]);
  });

  it('more than 10,000 CIDRs of one family after merging', () => {
    const many = (count: number) =>
      Array.from({ length: count }, (_, i) => `      - 10.${i >> 8}.${i & 255}.0/25`).join('\n');
    const file = (extra: string) => `testers:
  - name: Office
    cidrs:
${many(10_000)}
  - name: Home
    cidrs: [${extra}]
environments:
  all: {name: shop, scope: CLOUDFRONT}
  office:
    name: shop-office
    scope: CLOUDFRONT
    testers: [Office]
`;
    // A duplicate merges away: still 10,000.
    expect(() => parseConfig(file('10.0.0.0/25'), FILE)).not.toThrow();
    expect(problemsOf(file('192.0.2.1')).map(formatProblem)).toEqual([
      `${FILE}:10007:3: environments.all.testers: testers add up to 10,001 IPv4 CIDRs after merging; a WAF IP set holds at most 10,000`,
    ]);
  });
});

describe('parseConfig: every problem at once', () => {
  it('reports all of them in file order, in one error', () => {
    const text = read('test/fixtures/config/every-problem.yml');
    let error: unknown;
    try {
      parseConfig(text, 'every-problem.yml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`11 problems:
  - every-problem.yml:2:1: tester: unknown key 'tester'; did you mean 'testers'? (value: "tester")
  - every-problem.yml:6:13: testers[0].cidrs[0]: host bits are set; did you mean 203.0.113.0/24? (value: "203.0.113.5/24")
  - every-problem.yml:6:29: testers[0].cidrs[1]: prefix /0 (every address) is not accepted by WAF; list the ranges you mean (value: "0.0.0.0/0")
  - every-problem.yml:6:40: testers[0].cidrs[2]: not an IP address or CIDR (e.g. 203.0.113.0/24 or 2001:db8::/48) (value: "not-an-ip")
  - every-problem.yml:7:11: testers[1].name: duplicate tester name (first defined on line 5) (value: "QA office")
  - every-problem.yml:9:5: testers[1].note: unknown key 'note'; allowed keys: name, cidrs (value: "note")
  - every-problem.yml:12:11: environments.staging.name: must be a WAF name prefix: 1 to 116 letters, digits, '_' or '-' (the longest derived name, '<name>-active-ipv4', must fit WAF's 128 characters) (value: "shop staging")
  - every-problem.yml:13:12: environments.staging.scope: must be one of REGIONAL, CLOUDFRONT; did you mean 'REGIONAL'? (value: "regional")
  - every-problem.yml:17:13: environments.production.region: region is always us-east-1 for CLOUDFRONT; remove it or set us-east-1 (value: "eu-west-1")
  - every-problem.yml:18:15: environments.production.testers[0]: unknown tester 'QA ofice'; did you mean 'QA office'? (value: "QA ofice")
  - every-problem.yml:20:11: environments.production-copy.name: environment 'production-copy' switches the same IP sets as 'production' (line 15): same name in CLOUDFRONT us-east-1 (value: "shop-prod")`);
  });

  it('parses 10,000 CIDRs in linear time (the benchmark script measures the 200 ms budget)', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `      - 10.${i >> 8}.${i & 255}.0/25`);
    const text = `testers:\n  - name: Office\n    cidrs:\n${lines.join('\n')}\nenvironments:\n  p: {name: shop, scope: CLOUDFRONT}\n`;
    parseConfig(text, FILE); // warm up (compiles the schema once)
    const started = performance.now();
    const config = parseConfig(text, FILE);
    const elapsed = performance.now() - started;
    expect(config.testers[0]?.cidrs.ipv4).toHaveLength(10_000);
    expect(elapsed).toBeLessThan(2_000); // catches O(n^2) (many seconds), not a benchmark
  });
});

describe('selectEnvironment', () => {
  const config = parseConfig(read('examples/maintenance.yml'), FILE);

  it('finds an environment by key', () => {
    expect(selectEnvironment(config, 'production').name).toBe('shop-prod');
  });

  it('defaults to the only environment', () => {
    const single = parseConfig(read('test/fixtures/config/all-testers.yml'), FILE);
    expect(selectEnvironment(single, undefined).key).toBe('only');
  });

  it('asks which one when there are several', () => {
    expect(() => selectEnvironment(config, undefined)).toThrow(
      new InputError({
        file: FILE,
        field: 'environment',
        message: 'choose one of the 2 environments in the file: staging, production',
      }),
    );
  });

  it('names the known keys for an unknown one', () => {
    expect(() => selectEnvironment(config, 'prod')).toThrow(
      `${FILE}: environment: unknown environment; the file defines: staging, production (value: "prod")`,
    );
    expect(() => selectEnvironment(config, 'stagign')).toThrow(
      `${FILE}: environment: unknown environment; did you mean 'staging'? The file defines: staging, production (value: "stagign")`,
    );
    expect(() => selectEnvironment(config, 'Staging')).toThrow(
      `${FILE}: environment: unknown environment; did you mean 'staging'? The file defines: staging, production (value: "Staging")`,
    );
  });

  it("points from an environment's name (its prefix N) to its key", () => {
    expect(() => selectEnvironment(config, 'shop-staging')).toThrow(
      `${FILE}: environment: unknown environment; did you mean 'staging' (its name is shop-staging)? The file defines: staging, production (value: "shop-staging")`,
    );
    expect(() => selectEnvironment(config, 'shop-prd')).toThrow(
      "did you mean 'production' (its name is shop-prod)?",
    );
  });
});

describe('allowlistFor', () => {
  const config = parseConfig(read('examples/maintenance.yml'), FILE);
  const production = selectEnvironment(config, 'production');
  const staging = selectEnvironment(config, 'staging');

  it("uses only the environment's testers", () => {
    expect(allowlistFor(config, production, [], "input 'allowlist'")).toEqual({
      ipv4: ['203.0.113.0/24'],
      ipv6: ['2001:db8:1234::/48'],
    });
    expect(allowlistFor(config, staging, [], "input 'allowlist'").ipv4).toEqual([
      '198.51.100.7/32',
      '203.0.113.0/24',
    ]);
  });

  it('adds extra entries, merged and normalised, skipping blank ones', () => {
    expect(
      allowlistFor(
        config,
        production,
        ['192.0.2.10', '', '  ', '203.0.113.77', '2001:DB8::5'],
        'x',
      ),
    ).toEqual({
      ipv4: ['192.0.2.10/32', '203.0.113.0/24'],
      ipv6: ['2001:db8::5/128', '2001:db8:1234::/48'],
    });
  });

  it('reports every bad extra entry by its number and changes nothing', () => {
    expect(() =>
      allowlistFor(config, production, ['192.0.2.10', '192.0.2.1/24', 'nope'], "input 'allowlist'"),
    ).toThrow(`2 problems:
  - input 'allowlist' entry 2: host bits are set; did you mean 192.0.2.0/24? (value: "192.0.2.1/24")
  - input 'allowlist' entry 3: not an IP address or CIDR (e.g. 203.0.113.0/24 or 2001:db8::/48) (value: "nope")`);
  });

  it('refuses more than 10,000 of one family after merging', () => {
    const extra = Array.from({ length: 10_000 }, (_, i) => `2001:db9:${(2 * i).toString(16)}::/48`);
    expect(allowlistFor(config, staging, extra.slice(1), 'x').ipv6).toHaveLength(10_000);
    expect(() => allowlistFor(config, production, extra, "input 'allowlist'")).toThrow(
      `the allow list for environment 'production' (testers in ${FILE} plus input 'allowlist') has 10,001 IPv6 CIDRs after merging; a WAF IP set holds at most 10,000`,
    );
  });
});

describe('the shipped example and schema', () => {
  const schema = JSON.parse(read('schema/maintenance.schema.json')) as Record<string, unknown>;

  it('points editors at the schema the action ships', () => {
    const modeline = read('examples/maintenance.yml').split('\n')[0];
    expect(modeline).toMatch(
      /^# yaml-language-server: \$schema=\S+\/schema\/maintenance\.schema\.json$/,
    );
    expect(schema['$id']).toMatch(/schema\/maintenance\.schema\.json$/);
    expect(DEFAULT_CONFIG_PATH).toBe('.github/maintenance.yml');
  });

  it('closes every object (additionalProperties: false) and describes every field for completion', () => {
    const open: string[] = [];
    const undescribed: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const object = node as Record<string, unknown>;
      if (object['properties'] && object['additionalProperties'] !== false) open.push(where);
      for (const [name, property] of Object.entries(
        (object['properties'] as Record<string, Record<string, unknown>> | undefined) ?? {},
      )) {
        if (!property['description'] && !property['$ref']) undescribed.push(`${where}.${name}`);
      }
      for (const [key, child] of Object.entries(object)) walk(child, `${where}/${key}`);
    };
    walk(schema, '#');
    // `if`/`then` only add conditions to the environment object, which is itself closed.
    expect(open.filter((where) => !where.endsWith('/if') && !where.endsWith('/then'))).toEqual([]);
    expect(
      undescribed.filter((where) => !where.includes('/if') && !where.includes('/then')),
    ).toEqual([]);
  });
});

describe("slo: what a window's error budget is measured against", () => {
  const prod = (slo: string) =>
    withEnvironment(`  prod:\n    name: shop\n    scope: REGIONAL\n    region: eu-west-1\n${slo}`);

  it('reads objective, period and counts-maintenance (true by default)', () => {
    const [env] = parseConfig(
      prod('    slo: { objective: 99.9, period: 28d }\n'),
      FILE,
    ).environments;
    expect(env!.slo).toEqual({
      objective: 99.9,
      periodMs: 28 * 86_400_000,
      countsMaintenance: true,
    });
    const [excluded] = parseConfig(
      prod('    slo: { objective: 99, period: 720h, counts-maintenance: false }\n'),
      FILE,
    ).environments;
    expect(excluded!.slo).toEqual({
      objective: 99,
      periodMs: 720 * 3_600_000,
      countsMaintenance: false,
    });
    expect(parseConfig(prod(''), FILE).environments[0]!.slo).toBeUndefined();
  });

  it.each([
    [
      '    slo:\n      objective: 100\n      period: 28d\n',
      `${FILE}:10:18: environments.prod.slo.objective: must be a percentage above 0 and below 100, e.g. 99.9 (value: 100)`,
    ],
    [
      '    slo:\n      objective: 99.9\n      period: 28 days\n',
      `${FILE}:11:15: environments.prod.slo.period: must be a whole number and a unit, h (hours), d (days), e.g. 6h or 1d (value: "28 days")`,
    ],
    [
      '    slo:\n      objective: 99.9\n      period: 120d\n',
      `${FILE}:11:15: environments.prod.slo.period: must be at most 90d (value: "120d")`,
    ],
    [
      '    slo:\n      objective: 99.9\n',
      `${FILE}:9:5: environments.prod.slo.period: missing required field 'period'`,
    ],
    [
      '    slo: { objective: 99.9, period: 28d, counts_maintenance: false }\n',
      `${FILE}:9:42: environments.prod.slo.counts_maintenance: unknown key 'counts_maintenance'; did you mean 'counts-maintenance'? (value: "counts_maintenance")`,
    ],
  ])('reports %j at its line', (slo, expected) => {
    expect(problemsOf(prod(slo)).map(formatProblem)).toEqual([expected]);
  });
});
