// `environments.<key>.set-ids` (#14): read into the environment, each id with its place in the
// file; a malformed or repeated id named by file, line, field and value.
import { expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkConfig, parseConfig } from '../../src/domain/config.js';
import { resolveConfig } from '../../src/domain/config-scope.js';
import { WAF_ID } from '../../src/domain/config-set-ids.js';
import { formatProblem } from '../../src/domain/errors.js';

const FILE = '.github/maintenance.yml';
const IDS = {
  'active-ipv4': '11111111-1111-4111-8111-111111111111',
  'active-ipv6': '22222222-2222-4222-8222-222222222222',
  'allow-ipv4': '33333333-3333-4333-8333-333333333333',
  'allow-ipv6': '44444444-4444-4444-8444-444444444444',
  bypass: '55555555-5555-4555-8555-555555555555',
};

function config(setIds: Record<string, string>, extra = ''): string {
  const lines = Object.entries(setIds).map(([role, id]) => `      ${role}: ${id}`);
  return `environments:
  prod:
    name: shop-prod
    scope: REGIONAL
    region: eu-west-1
    set-ids:
${lines.join('\n')}
${extra}`;
}

/** Every problem in the file, as the user reads it. */
function problems(text: string): string[] {
  return checkConfig(text, FILE).problems.map((p) => formatProblem(p.problem));
}

describe('set-ids', () => {
  it('are read with the line and field of each id', () => {
    const [prod] = parseConfig(config(IDS), FILE).environments;
    expect(prod!.setIds).toEqual({
      'active-ipv4': {
        id: IDS['active-ipv4'],
        place: { file: FILE, line: 7, column: 20, field: 'environments.prod.set-ids.active-ipv4' },
      },
      'active-ipv6': expect.objectContaining({ id: IDS['active-ipv6'] }),
      'allow-ipv4': expect.objectContaining({ id: IDS['allow-ipv4'] }),
      'allow-ipv6': expect.objectContaining({ id: IDS['allow-ipv6'] }),
      bypass: {
        id: IDS.bypass,
        place: { file: FILE, line: 11, column: 15, field: 'environments.prod.set-ids.bypass' },
      },
    });
  });

  it('may name only some sets: the others are found by name', () => {
    const [prod] = parseConfig(config({ 'active-ipv4': IDS['active-ipv4'] }), FILE).environments;
    expect(Object.keys(prod!.setIds!)).toEqual(['active-ipv4']);
  });

  it('are absent without set-ids', () => {
    const text = 'environments:\n  prod:\n    name: shop-prod\n    scope: CLOUDFRONT\n';
    expect(parseConfig(text, FILE).environments[0]!.setIds).toBeUndefined();
  });

  it('name a malformed id by file, line, field and value', () => {
    const text = config({ ...IDS, 'allow-ipv6': 'ipset-1234' });
    expect(problems(text)).toEqual([
      `${FILE}:10:19: environments.prod.set-ids.allow-ipv6: must be a WAF id such as 1a2b3c4d-5e6f-4a1b-9c8d-0e1f2a3b4c5d (value: "ipset-1234")`,
    ]);
  });

  it('name an unknown role with the known ones', () => {
    expect(problems(config({ ...IDS, 'active-ipv7': IDS.bypass }))).toEqual([
      expect.stringContaining(
        "environments.prod.set-ids.active-ipv7: unknown key 'active-ipv7'; did you mean 'active-ipv4'?",
      ),
    ]);
  });

  it('leave a malformed id out, so exit and status find that set by name (and warn)', () => {
    const check = checkConfig(config({ ...IDS, bypass: 'not-an-id' }), FILE);
    const { environment, warnings } = resolveConfig(check, 'prod', 'exit');
    expect(Object.keys(environment.setIds!)).toEqual([
      'active-ipv4',
      'active-ipv6',
      'allow-ipv4',
      'allow-ipv6',
    ]);
    expect(warnings.map(formatProblem)).toEqual([
      expect.stringContaining(`${FILE}:11:15: environments.prod.set-ids.bypass: must be a WAF id`),
    ]);
    // enter lets testers in: a wrong config stops it before anything is read.
    expect(() => resolveConfig(check, 'prod', 'enter')).toThrow(
      /set-ids\.bypass: must be a WAF id/,
    );
  });

  it('one id under two roles is reported where it repeats', () => {
    expect(problems(config({ ...IDS, 'allow-ipv4': IDS['active-ipv4'] }))).toEqual([
      `${FILE}:9:19: environments.prod.set-ids.allow-ipv4: is also the id of environments.prod.set-ids.active-ipv4 (line 7): each set has its own id; copy this environment's set-ids from its own module's config_entry output (terraform output) (value: "${IDS['active-ipv4']}")`,
    ]);
  });

  it("another environment's id (a pasted entry) is reported in the environment that repeats it", () => {
    const staging = `  staging:
    name: shop-staging
    scope: REGIONAL
    region: eu-west-1
    set-ids:
      active-ipv4: ${IDS['active-ipv4']}
`;
    expect(problems(config(IDS, staging))).toEqual([
      expect.stringMatching(
        /^\.github\/maintenance\.yml:17:20: environments\.staging\.set-ids\.active-ipv4: is also the id of environments\.prod\.set-ids\.active-ipv4 \(line 7\)/,
      ),
    ]);
  });

  it('the id pattern is the schema’s', () => {
    const schema = JSON.parse(
      readFileSync(join(process.cwd(), 'schema/maintenance.schema.json'), 'utf8'),
    ) as { $defs: { wafId: { pattern: string } } };
    expect(WAF_ID.source).toBe(schema.$defs.wafId.pattern);
  });
});
