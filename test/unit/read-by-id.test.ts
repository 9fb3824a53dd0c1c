// The by-id read when WAF answers a Get with another set than the name asked for (WAF keys a
// set by name and id; should it ever answer by id alone, the name check still stops the command).
// The SDK client is a stub here: the emulator always honours the name.
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import { SET_ID_ROLES, type SetIds } from '../../src/domain/config-set-ids.js';
import { InputError } from '../../src/domain/errors.js';
import type { Environment } from '../../src/domain/types.js';
import { readIpSet } from '../../src/aws/ip-sets.js';
import { WrongSetError } from '../../src/aws/locked-set.js';
import { firstRead } from '../../src/engine/read-environment.js';

const ID = '11111111-1111-4111-8111-111111111111';

/** Answers every Get with a set named `${prefix}-<role>`, whatever name it was asked for. */
function stubClient(prefix: string, calls: string[]): WAFV2Client {
  const send = (command: { constructor: { name: string }; input: { Name: string } }) => {
    calls.push(command.constructor.name);
    const role = command.input.Name.replace(/^.*?-(active|allow|bypass)/, '$1');
    const set = { Name: `${prefix}-${role}`, Id: ID, ARN: `arn:aws:wafv2:x:${role}` };
    return Promise.resolve(
      command.constructor.name === 'GetIPSetCommand'
        ? { IPSet: { ...set, Addresses: [] }, LockToken: 't' }
        : { RegexPatternSet: { ...set, RegularExpressionList: [] }, LockToken: 't' },
    );
  };
  return { send } as unknown as WAFV2Client;
}

const setIds: SetIds = Object.fromEntries(
  SET_ID_ROLES.map((role, i) => [
    role,
    {
      id: ID,
      place: { file: 'm.yml', line: 7 + i, column: 20, field: `environments.prod.set-ids.${role}` },
    },
  ]),
);
const prod: Environment = {
  key: 'prod',
  name: 'shop-prod',
  scope: 'REGIONAL',
  region: 'eu-west-1',
  testers: [],
  setIds,
};

it('readIpSet refuses a set whose name is not the one asked for', async () => {
  const client = stubClient('shop-staging', []);
  const read = readIpSet(client, 'REGIONAL', {
    name: 'shop-prod-active-ipv4',
    id: ID,
    role: 'active-ipv4',
  });
  await expect(read).rejects.toBeInstanceOf(WrongSetError);
  await expect(read).rejects.toMatchObject({ actualName: 'shop-staging-active-ipv4' });
});

it('the first read turns it into a config problem for every set concerned, before any write', async () => {
  const calls: string[] = [];
  const failure = await firstRead(stubClient('shop-staging', calls), prod, () => {
    throw new Error('no warning expected');
  }).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(InputError);
  const problems = (failure as InputError).problems;
  expect(problems.map((p) => `${p.file}:${p.line} ${p.field}`)).toEqual([
    'm.yml:7 environments.prod.set-ids.active-ipv4',
    'm.yml:8 environments.prod.set-ids.active-ipv6',
    'm.yml:9 environments.prod.set-ids.allow-ipv4',
    'm.yml:10 environments.prod.set-ids.allow-ipv6',
    'm.yml:11 environments.prod.set-ids.bypass',
  ]);
  expect(problems[0]!.message).toMatch(
    /^is the id of the IP set shop-staging-active-ipv4, not of shop-prod-active-ipv4: nothing was written/,
  );
  expect(calls.every((name) => name.startsWith('Get'))).toBe(true);
});

it('with the right sets, reads by id only', async () => {
  const calls: string[] = [];
  const { snapshot } = await firstRead(stubClient('shop-prod', calls), prod, () => undefined);
  expect(snapshot.ipSets['active-ipv4']).toMatchObject({
    name: 'shop-prod-active-ipv4',
    id: ID,
    lockToken: 't',
  });
  expect(calls.sort()).toEqual([
    'GetIPSetCommand',
    'GetIPSetCommand',
    'GetIPSetCommand',
    'GetIPSetCommand',
    'GetRegexPatternSetCommand',
  ]);
});
