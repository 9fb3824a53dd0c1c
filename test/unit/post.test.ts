// The post step's front door with @actions/core mocked: what it holds, and what it refuses to
// read, before any AWS call (the removals themselves run against the emulator in the e2e suites).
import { jest } from '@jest/globals';
import * as core from '../fixtures/core.js';
import { entryFor, formatToken } from '../../src/domain/bypass-token.js';
import type { Environment } from '../../src/domain/types.js';
import type { IssuedBypassToken } from '../../src/front-door/issue-bypass-token.js';
import { decodeHeldTokens, encodeHeldTokens, HELD_TOKEN_STATE } from '../../src/post/held-token.js';

jest.unstable_mockModule('@actions/core', () => core);
const { runPost } = await import('../../src/post/main.js');

beforeEach(() => core.resetCore());

function issued(seed: number): IssuedBypassToken {
  const expiresAt = new Date(Date.UTC(2030, 0, 1));
  const token = formatToken(expiresAt, Buffer.alloc(24, seed));
  return { token, entry: entryFor(token), expiresAt };
}

const environment = (key: string, scope: Environment['scope']): Environment =>
  ({
    key,
    name: `shop-${key}`,
    scope,
    region: scope === 'CLOUDFRONT' ? 'us-east-1' : 'eu-west-1',
  }) as Environment;

it('holds one token per environment, and reads back exactly what the main step saved', () => {
  const held = [
    { environment: environment('prod-eu', 'REGIONAL'), token: issued(1) },
    { environment: environment('prod-edge', 'CLOUDFRONT'), token: issued(2) },
  ];
  expect(decodeHeldTokens(encodeHeldTokens(held))).toEqual(
    held.map(({ environment: { key, name, scope, region }, token }) => ({
      environment: { key, name, scope, region },
      entry: token.entry,
    })),
  );
  expect(decodeHeldTokens('')).toEqual([]);
});

it('refuses a saved state it cannot trust, without echoing it (it holds tokens)', () => {
  const one = JSON.parse(
    encodeHeldTokens([{ environment: environment('prod', 'REGIONAL'), token: issued(3) }]),
  ) as { entry: string }[];
  for (const bad of [
    'not json',
    JSON.stringify(one[0]), // an object, not a list
    JSON.stringify([{ ...one[0], entry: '^no-expiry$' }]),
    JSON.stringify(Array.from({ length: 1001 }, () => one[0])),
  ]) {
    expect(() => decodeHeldTokens(bad)).toThrow(
      /^the main step's saved bypass tokens are incomplete or unreadable$/,
    );
  }
});

it('with nothing held, ends nothing and does not fail, whatever the other inputs say', async () => {
  core.inputs['timeout'] = 'soon'; // the main step failed on it, before issuing any token
  await runPost();
  expect(core.setFailed).not.toHaveBeenCalled();
  expect(core.info).toHaveBeenCalledWith('This step issued no bypass token; nothing to end.');
});

it('fails on an unreadable state, before any AWS call', async () => {
  core.states[HELD_TOKEN_STATE] = '[{"environment":{}}]';
  await runPost();
  expect(core.setFailed).toHaveBeenCalledWith(
    "the main step's saved bypass tokens are incomplete or unreadable",
  );
});
