// Cold start side by side: `status` through `node dist/index.js` and `node dist/cli/index.js`,
// this checkout's dist/ (B) against a build of a baseline commit (A), alternating A/B and B/A so
// drift on a shared machine falls on both, medians over runs. Target: B/A <= 0.75 for wall time
// and peak memory (issue #14).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startupBytes } from '../../test/support/bundle.js';
import { median, table } from './stats.js';
import { runActionProcess, runCliProcess, workspaceWith, type ProcessRun } from './processes.js';

export interface Dist {
  readonly label: string;
  readonly dir: string;
}

/**
 * The dist/ committed at `ref` (default main), extracted into a temp dir: on main that is the
 * build of main's sources (CI's check:dist fails otherwise), built by that commit's own bundler.
 */
export function baselineDist(root: string, ref: string): Dist {
  const commit = execFileSync('git', ['rev-parse', '--short', ref], {
    cwd: root,
    encoding: 'utf8',
  });
  const dir = mkdtempSync(join(tmpdir(), 'bench-baseline-'));
  const tar = execFileSync('git', ['archive', '--format=tar', ref, 'dist'], {
    cwd: root,
    maxBuffer: 1 << 30,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  return { label: `${ref} (${commit.trim()})`, dir: join(dir, 'dist') };
}

/** Bytes of the JavaScript a bundle directory holds (the entry and its lazily loaded chunks). */
function jsBytes(dir: string): number {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

const ENVIRONMENTS =
  'environments:\n  staging:\n    name: shop-staging\n    scope: REGIONAL\n    region: eu-west-1\n';
const CONFIG = ENVIRONMENTS;

/** 10,000 IPv4 and 10,000 IPv6 tester ranges: the front door asks the file several questions. */
function bigConfig(): string {
  const lines = ['testers:', '  - name: Load test', '    cidrs:'];
  for (let i = 0; i < 10_000; i++) {
    lines.push(`      - 11.${(i >> 8) & 255}.${i & 255}.0/25`);
    lines.push(`      - "2001:d00:${(2 * i).toString(16)}::/48"`);
  }
  return `${lines.join('\n')}\n${ENVIRONMENTS}`;
}

type Runner = (dist: Dist) => Promise<ProcessRun>;
/** A row's label, its runner, and whether the 0.75 cold-start target applies to it. */
type Row = [string, Runner, boolean];

export async function benchColdStartAB(
  awsEnv: Record<string, string>,
  baseline: Dist,
  current: Dist,
  runs: number,
): Promise<string> {
  const workspace = workspaceWith(CONFIG);
  const big = workspaceWith(bigConfig());
  const loadBefore = loadavg()[0]!;
  const runners: Row[] = [
    [
      'node dist/index.js (action), status',
      (dist) => runActionProcess(dist.dir, { command: 'status' }, workspace, awsEnv),
      true,
    ],
    [
      'node dist/cli/index.js status',
      (dist) =>
        runCliProcess(
          dist.dir,
          ['status', '--environment', 'staging', '--config', '.github/maintenance.yml'],
          workspace,
          awsEnv,
        ),
      true,
    ],
    [
      'node dist/index.js (action), status, 10,000 CIDRs per family (no target)',
      (dist) => runActionProcess(dist.dir, { command: 'status' }, big, awsEnv),
      false,
    ],
  ];
  const rows: (string | number)[][] = [];
  for (const [label, run, targeted] of runners) {
    await run(baseline); // warm the file cache for both before timing
    await run(current);
    const a: ProcessRun[] = [];
    const b: ProcessRun[] = [];
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        a.push(await run(baseline));
        b.push(await run(current));
      } else {
        b.push(await run(current));
        a.push(await run(baseline));
      }
    }
    const wallA = median(a.map((r) => r.wallMs));
    const wallB = median(b.map((r) => r.wallMs));
    const rss = (runs: ProcessRun[]): number | undefined =>
      runs[0]?.maxRssKiB === undefined ? undefined : median(runs.map((r) => r.maxRssKiB!)) / 1024;
    const [rssA, rssB] = [rss(a), rss(b)];
    const ok = (ratio: number): string =>
      targeted ? `${ratio.toFixed(2)} ${ratio <= 0.75 ? 'ok' : 'MISSED'}` : ratio.toFixed(2);
    rows.push([
      label,
      `${wallA.toFixed(0)} ms`,
      `${wallB.toFixed(0)} ms`,
      ok(wallB / wallA),
      rssA === undefined ? 'n/a' : `${rssA.toFixed(0)} MiB`,
      rssB === undefined ? 'n/a' : `${rssB.toFixed(0)} MiB`,
      rssA === undefined || rssB === undefined ? 'n/a' : ok(rssB / rssA),
    ]);
  }
  const loadAfter = loadavg()[0]!;
  const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
  rows.push([
    'bundle JavaScript (dist/*.js; dist/cli/*.js)',
    `${kib(jsBytes(baseline.dir))}; ${kib(jsBytes(join(baseline.dir, 'cli')))}`,
    `${kib(jsBytes(current.dir))}; ${kib(jsBytes(join(current.dir, 'cli')))}`,
    '-',
    '-',
    '-',
    '-',
  ]);
  rows.push([
    'of which read at start (entry + static imports)',
    `${kib(startupBytes(baseline.dir))}; ${kib(startupBytes(join(baseline.dir, 'cli')))}`,
    `${kib(startupBytes(current.dir))}; ${kib(startupBytes(join(current.dir, 'cli')))}`,
    '-',
    '-',
    '-',
    '-',
  ]);
  const load = `load average (1 min) ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${availableParallelism()} cores`;
  return `${table(
    [
      `median of ${runs} runs each, A/B alternating`,
      `A: ${baseline.label}`,
      `B: ${current.label}`,
      'wall B/A (<= 0.75)',
      'peak RSS A',
      'peak RSS B',
      'peak RSS B/A (<= 0.75)',
    ],
    rows,
  )}\n\n${load}`;
}
