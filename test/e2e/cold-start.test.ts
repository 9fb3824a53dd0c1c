// What `status` makes Node read before it runs (issue 14, cold start): the bundles in dist/ keep
// what only some commands need in chunks loaded with `await import()`, and the action does not
// load undici (whose WebAssembly HTTP parser compiles as it loads) through @actions/core.
import { expect } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/repo-root.js';
import { startupBytes, startupFiles } from '../support/bundle.js';

const ACTION = join(REPO_ROOT, 'dist');
const CLI = join(REPO_ROOT, 'dist/cli');

/** Text only the code of one dependency carries, minified or not. */
const UNDICI = 'llhttp';
const OCTOKIT = 'api.github.com';
const CLOUDWATCH = 'GetMetricData';

/** The bundle's files that contain `marker`, split by whether Node reads them at start. */
function holders(dir: string, marker: string): { atStart: string[]; later: string[] } {
  const start = startupFiles(dir);
  const files = readdirSync(dir).filter((file) => file.endsWith('.js'));
  const holding = files.filter((file) => readFileSync(join(dir, file), 'utf8').includes(marker));
  return {
    atStart: holding.filter((file) => start.has(file)),
    later: holding.filter((file) => !start.has(file)),
  };
}

describe('the action (dist/index.js)', () => {
  test('reads neither undici nor Octokit at start; Octokit (with its undici) is a chunk for a config read through the API', () => {
    expect(holders(ACTION, UNDICI).atStart).toEqual([]);
    expect(holders(ACTION, OCTOKIT).atStart).toEqual([]);
    expect(holders(ACTION, OCTOKIT).later).not.toEqual([]);
    expect(holders(ACTION, UNDICI).later).not.toEqual([]);
  });

  test('reads the CloudWatch client only to cost a window', () => {
    expect(holders(ACTION, CLOUDWATCH)).toEqual({
      atStart: [],
      later: [expect.stringMatching(/^cloudwatch-\w+\.js$/)],
    });
  });

  test('reads under 640 KiB of JavaScript at start (one bundle was 1.2 MiB, ncc 3 MiB)', () => {
    expect(startupBytes(ACTION)).toBeLessThan(640 * 1024);
  });
});

describe('the CLI (dist/cli/index.js)', () => {
  test('reads the CloudWatch client only to cost a window', () => {
    expect(holders(CLI, CLOUDWATCH)).toEqual({
      atStart: [],
      later: [expect.stringMatching(/^cloudwatch-\w+\.js$/)],
    });
  });

  test('reads under 560 KiB of JavaScript at start (one bundle was 640 KiB, ncc 1.7 MiB)', () => {
    expect(startupBytes(CLI)).toBeLessThan(560 * 1024);
  });
});
