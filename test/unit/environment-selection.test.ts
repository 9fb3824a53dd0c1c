import { checkConfig } from '../../src/domain/config.js';
import { InputError } from '../../src/domain/errors.js';
import { selectEnvironments } from '../../src/domain/environment-selection.js';

const CONFIG = `environments:
  prod-eu: { name: shop-eu, scope: REGIONAL, region: eu-west-1 }
  prod-us: { name: shop-us, scope: REGIONAL, region: us-east-2 }
  prod-edge: { name: shop-edge, scope: CLOUDFRONT }
  staging: { name: shop-staging, scope: REGIONAL, region: eu-west-1 }
groups:
  production: [prod-eu, prod-us, prod-edge]
  broken: [prod-eu, prod-uss]
  staging: [staging]
`;

function select(selector: string | undefined): readonly string[] | undefined {
  const check = checkConfig(CONFIG, 'm.yml');
  return selectEnvironments(selector, 'm.yml', {
    keys: check.keys,
    groups: check.groups,
    groupProblems: check.problems.filter((p) => p.path?.[0] === 'groups'),
  });
}

it('one key keeps the one-environment path', () => {
  expect(select('prod-eu')).toBeUndefined();
  expect(select(undefined)).toBeUndefined();
});

it('lists (comma or newline), groups and all expand in order, each environment once', () => {
  expect(select('prod-us, prod-eu')).toEqual(['prod-us', 'prod-eu']);
  expect(select('prod-us\nprod-eu\n')).toEqual(['prod-us', 'prod-eu']);
  expect(select('production')).toEqual(['prod-eu', 'prod-us', 'prod-edge']);
  expect(select('prod-edge,production')).toEqual(['prod-edge', 'prod-eu', 'prod-us']);
  expect(select('all')).toEqual(['prod-eu', 'prod-us', 'prod-edge', 'staging']);
});

it('a group with an unknown member or a name that is an environment key is a problem at its line', () => {
  const check = checkConfig(CONFIG, 'm.yml');
  const messages = check.problems.map((p) => `${p.problem.line}: ${p.problem.message}`);
  expect(messages).toContain("8: unknown environment 'prod-uss'; did you mean 'prod-us'?");
  expect(messages).toContain(
    "9: 'staging' is also an environment key; give the group another name",
  );
  // It blocks only a command that names it.
  expect(() => select('broken')).toThrow(/unknown environment 'prod-uss'; did you mean 'prod-us'/);
  expect(select('production')).toHaveLength(3);
});

it('an unknown name is an InputError naming what exists', () => {
  expect(() => select('prod-eu,prodution')).toThrow(InputError);
  expect(() => select('prod-eu,prodution')).toThrow(
    "'prodution' is neither an environment nor a group; did you mean 'production'?",
  );
});
