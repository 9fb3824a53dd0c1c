// `npm run bench`: counts what is stable (API calls, writes, sequential round trips) and reports
// times as medians, against the local WAFv2 emulator with injected latency. Prints tables: each
// command in-process and as the processes users run, config validation, and cold start against
// a baseline (BENCH_BASE, default main; BENCH_BASE=none skips it). BENCH_ONLY=cold-start (or
// commands, many, validation; comma-separated) runs only those sections.
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../src/domain/config.js';
import { FULL_ACTIVE } from '../src/domain/state.js';
import type { Command, Environment } from '../src/domain/types.js';
import { runConfiguredCommand } from '../src/front-door/configured-command.js';
import {
  createEnvironmentSets,
  startWafEmulator,
  type WafEmulator,
} from '@maintenance-action/sandbox/waf-emulator/index.js';
import { awsEnvFor, useEmulatorEndpoint } from '@maintenance-action/sandbox/aws-env.js';
import { baselineDist, benchColdStartAB } from './bench/cold-start.js';
import { runActionProcess, runCliProcess, workspaceWith } from './bench/processes.js';
import { benchManyEnvironments } from './bench/many-environments.js';
import { setIdLines } from '@maintenance-action/sandbox/set-id-lines.js';
import { median, roundTripsOf, table } from './bench/stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LATENCY_MS = 50;
const RUNS = 7;
const COLD_RUNS = 15;
const DIST = join(ROOT, 'dist');

type Setup = 'normal' | 'maintenance' | 'allowlisted';
interface Case {
  label: string;
  command: Command;
  from: Setup;
  /** The config carries the sets' ids (`set-ids`, as the module's config_entry output writes them). */
  ids?: boolean;
  target?: { writes?: number; roundTrips?: number };
}

const CASES: Case[] = [
  { label: 'status', command: 'status', from: 'maintenance', target: { writes: 0, roundTrips: 2 } },
  // find, read, write, and the verifying read after the writes (issue 8: a command exits 0 only
  // when a fresh read shows what it wanted): one round trip more than before verification.
  { label: 'enter', command: 'enter', from: 'normal', target: { writes: 2, roundTrips: 4 } },
  { label: 'enter (repeated)', command: 'enter', from: 'maintenance', target: { writes: 0 } },
  { label: 'allowlist-on', command: 'allowlist-on', from: 'maintenance' },
  { label: 'allowlist-off', command: 'allowlist-off', from: 'allowlisted' },
  { label: 'exit', command: 'exit', from: 'allowlisted' },
  { label: 'exit (repeated)', command: 'exit', from: 'normal', target: { writes: 0 } },
  // With set-ids (#14) the sets are read by id: no List round trip. The floor is 1 for status
  // and 2 for enter (read, then write), plus the verifying read.
  {
    label: 'status, set-ids',
    command: 'status',
    from: 'maintenance',
    ids: true,
    target: { writes: 0, roundTrips: 1 },
  },
  {
    label: 'enter, set-ids',
    command: 'enter',
    from: 'normal',
    ids: true,
    target: { writes: 2, roundTrips: 3 },
  },
  {
    label: 'exit, set-ids',
    command: 'exit',
    from: 'allowlisted',
    ids: true,
    target: { roundTrips: 3 },
  },
];

function configFor(environment: Environment, ids: string[] = []): string {
  return [
    'testers:',
    '  - name: QA office',
    "    cidrs: [203.0.113.0/24, '2001:db8:1234::/48']",
    'environments:',
    `  ${environment.key}:`,
    `    name: ${environment.name}`,
    `    scope: ${environment.scope}`,
    `    region: ${environment.region}`,
    ...ids,
    '',
  ].join('\n');
}

let seq = 0;
function prepare(emulator: WafEmulator, from: Setup): Environment {
  const env: Environment = {
    key: 'bench',
    name: `bench-${++seq}`,
    scope: 'REGIONAL',
    region: 'eu-west-1',
    testers: [],
  };
  createEnvironmentSets(emulator, env.name, env.scope, env.region);
  const set = (role: string, addresses: readonly string[]): void =>
    emulator.setAddresses(`${env.name}-${role}`, env.scope, env.region, [...addresses]);
  if (from !== 'normal') {
    set('active-ipv4', FULL_ACTIVE['active-ipv4']);
    set('active-ipv6', FULL_ACTIVE['active-ipv6']);
  }
  if (from === 'allowlisted') set('allow-ipv4', ['203.0.113.0/24']);
  return env;
}

/** Each case gets its own emulator so the account holds only its sets (one ListIPSets page). */
async function benchCase(c: Case): Promise<(string | number)[]> {
  const emulator = await startWafEmulator({ latencyMs: LATENCY_MS });
  const restore = useEmulatorEndpoint(emulator.endpoint);
  const idsOf = (environment: Environment): string[] =>
    c.ids ? setIdLines(emulator, environment.name, environment.scope, environment.region) : [];
  try {
    const walls: number[] = [];
    const cliWalls: number[] = [];
    const actionWalls: number[] = [];
    const calls = new Set<number>();
    const writes = new Set<number>();
    const roundTrips = new Set<number>();
    for (let i = 0; i < RUNS; i++) {
      const environment = prepare(emulator, c.from);
      emulator.resetCalls();
      const start = performance.now();
      // The path both front doors take: config validation, the engine (read, plan, write, verify).
      await runConfiguredCommand({
        command: c.command,
        configText: configFor(environment, idsOf(environment)),
        configFile: 'bench.yml',
        environment: environment.key,
        extraAllowlist: [],
        extraAllowlistSource: 'bench',
        reason: undefined,
        dryRun: false,
        invoker: { actor: 'bench', run: 'bench' },
        metricsWaitMs: 0,
        bypassTtlMs: undefined,
        log: () => undefined,
        warn: (line) => console.warn(line),
      });
      walls.push(performance.now() - start);
      calls.add(emulator.calls.length);
      writes.add(emulator.calls.filter((r) => r.operation.startsWith('Update')).length);
      roundTrips.add(roundTripsOf(emulator.calls));
      // The same command as users run it: a fresh process each (module loading included).
      const awsEnv = awsEnvFor(emulator.endpoint);
      const forCli = prepare(emulator, c.from);
      const cliArgs = [
        c.command,
        '--environment',
        forCli.key,
        '--config',
        '.github/maintenance.yml',
      ];
      const cliWorkspace = workspaceWith(configFor(forCli, idsOf(forCli)));
      cliWalls.push((await runCliProcess(DIST, cliArgs, cliWorkspace, awsEnv)).wallMs);
      const forAction = prepare(emulator, c.from);
      const actionWorkspace = workspaceWith(configFor(forAction, idsOf(forAction)));
      const inputs = { command: c.command, environment: forAction.key };
      actionWalls.push((await runActionProcess(DIST, inputs, actionWorkspace, awsEnv)).wallMs);
    }
    const wall = median(walls);
    const worst = (values: Set<number>): number => Math.max(...values);
    const verdict: string[] = [];
    if (c.target?.writes !== undefined) {
      verdict.push(
        `writes <= ${c.target.writes}: ${worst(writes) <= c.target.writes ? 'ok' : 'MISSED'}`,
      );
    }
    if (c.target?.roundTrips !== undefined) {
      const ok = worst(roundTrips) <= c.target.roundTrips;
      verdict.push(`round trips <= ${c.target.roundTrips}: ${ok ? 'ok' : 'MISSED'}`);
    }
    return [
      c.label,
      worst(calls),
      worst(writes),
      worst(roundTrips),
      `${wall.toFixed(0)} ms`,
      `${median(cliWalls).toFixed(0)} ms`,
      `${median(actionWalls).toFixed(0)} ms`,
      (wall / LATENCY_MS).toFixed(1),
      verdict.join(', ') || '-',
    ];
  } finally {
    restore();
    await emulator.close();
  }
}

async function benchCommands(): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const c of CASES) rows.push(await benchCase(c));
  return table(
    [
      'command',
      'API calls',
      'writes',
      'sequential round trips',
      `in-process median wall (${RUNS} runs)`,
      'node dist/cli/index.js',
      'node dist/index.js',
      'in-process wall / latency',
      'target',
    ],
    rows,
  );
}

/**
 * A config with `cidrs` IPv4 and `cidrs` IPv6 ranges, none adjacent to another (adjacent ones
 * would merge); `run` shifts them so no run reuses another's parses.
 */
function bigConfig(cidrs: number, run: number): string {
  const lines = ['testers:', '  - name: Load test', '    cidrs:'];
  for (let i = 0; i < cidrs; i++) {
    lines.push(`      - ${11 + run}.${(i >> 8) & 255}.${i & 255}.0/25`);
    lines.push(`      - "2001:${(0xd00 + run).toString(16)}:${(2 * i).toString(16)}::/48"`);
  }
  lines.push('environments:', '  production:', '    name: shop-prod', '    scope: CLOUDFRONT');
  return `${lines.join('\n')}\n`;
}

function benchValidation(): string {
  const RUNS = 11;
  const texts = Array.from({ length: RUNS }, (_, run) => bigConfig(10_000, run));
  parseConfig(bigConfig(100, RUNS), 'bench.yml'); // warm-up: JIT and schema compilation, once
  const times: number[] = [];
  // CPU time beside wall time: on a shared machine the gap between them is time spent waiting
  // for a core, not work.
  const cpuTimes: number[] = [];
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const load = loadavg()[0]!;
  for (const text of texts) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    parseConfig(text, 'bench.yml');
    const used = process.cpuUsage(cpu);
    times.push(performance.now() - start);
    cpuTimes.push((used.user + used.system) / 1000);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const ms = median(times);
  return table(
    [
      'check',
      `median wall (${RUNS} runs)`,
      'median CPU time',
      'target',
      'load average (1 min)',
      'peak extra heap',
      'process max RSS',
    ],
    [
      [
        'parse + validate 10,000 CIDRs per family (20,000 in all)',
        `${ms.toFixed(1)} ms`,
        `${median(cpuTimes).toFixed(1)} ms`,
        `< 200 ms: ${ms < 200 ? 'ok' : 'MISSED'}`,
        `${load.toFixed(1)} on ${availableParallelism()} cores`,
        `${((peakHeap - heapBefore) / 1048576).toFixed(1)} MiB`,
        `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
      ],
    ],
  );
}

/** `BENCH_ONLY=cold-start` (or commands, many, validation; comma-separated): those sections only. */
const ONLY = process.env['BENCH_ONLY']?.split(',').map((name) => name.trim());
const SECTIONS = ['commands', 'many', 'validation', 'cold-start'];
for (const name of ONLY ?? []) {
  if (!SECTIONS.includes(name))
    throw new Error(`BENCH_ONLY: no section '${name}' (sections: ${SECTIONS.join(', ')})`);
}
const runs = (section: string): boolean => !ONLY || ONLY.includes(section);

async function main(): Promise<void> {
  if (runs('commands')) {
    console.log(
      `## Commands (${LATENCY_MS} ms injected per API call; counts are the worst of ${RUNS} runs, from the emulator's call log)\n`,
    );
    console.log(await benchCommands());
  }
  if (runs('many')) {
    console.log(
      `\n## Many environments in one command (${LATENCY_MS} ms per call, WAF's write limit on; one run each)\n`,
    );
    console.log(await benchManyEnvironments(DIST, LATENCY_MS));
  }
  if (runs('validation')) {
    console.log('\n## Config validation\n');
    console.log(benchValidation());
  }
  const base = process.env['BENCH_BASE'] ?? 'main';
  if (!runs('cold-start') || base === 'none') return;
  const emulator = await startWafEmulator();
  try {
    createEnvironmentSets(emulator, 'shop-staging', 'REGIONAL', 'eu-west-1');
    console.log(
      `\n## Cold start: status as a process, against ${base}'s dist/ (no injected latency)\n`,
    );
    const current = { label: 'this checkout', dir: DIST };
    console.log(
      await benchColdStartAB(
        awsEnvFor(emulator.endpoint),
        baselineDist(ROOT, base),
        current,
        COLD_RUNS,
      ),
    );
  } finally {
    await emulator.close();
  }
}

await main();
