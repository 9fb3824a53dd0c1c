// Issue 14's scale table: N environments across 1 or 2 regions, switched by one CLI process
// (`enter -e all`) against the emulator with latency and WAF's write limit on, beside the same
// environments switched one command (one process) each, as a user without groups would.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { halfSwitchedMs } from '@maintenance-action/sandbox/half-switched.js';
import {
  createEnvironmentSets,
  startWafEmulator,
} from '@maintenance-action/sandbox/waf-emulator/index.js';
import { runCliProcess, workspaceWith } from './processes.js';
import { setIdLines } from '@maintenance-action/sandbox/set-id-lines.js';
import { roundTripsOf, table } from './stats.js';

const REGIONS = ['eu-west-1', 'eu-central-1'];

let sequence = 0;

interface BenchEnvironment {
  readonly key: string;
  readonly name: string;
  readonly region: string;
}

function environments(count: number, regions: number): BenchEnvironment[] {
  const id = ++sequence;
  return Array.from({ length: count }, (_, i) => {
    const region = REGIONS[i % regions]!;
    const key = `env-${i + 1}`;
    return { key, name: `s${id}-${key}`, region };
  });
}

export async function benchManyEnvironments(dist: string, latencyMs: number): Promise<string> {
  const rows: (string | number)[][] = [];
  let baseline: number | undefined;
  // The sixteen environments again with set-ids (#14): none of them lists its sets.
  const runs = [
    ...[1, 2].flatMap((regions) => [1, 4, 8, 16].map((count) => ({ regions, count, ids: false }))),
    { regions: 2, count: 16, ids: true },
  ];
  for (const { regions, count, ids } of runs) {
    const emulator = await startWafEmulator({ latencyMs, writeRateLimit: true });
    try {
      const run = async (envs: BenchEnvironment[], selector: string) => {
        for (const e of envs) createEnvironmentSets(emulator, e.name, 'REGIONAL', e.region);
        const entries = envs.map(
          (e) =>
            `  ${e.key}:\n    name: ${e.name}\n    scope: REGIONAL\n    region: ${e.region}\n` +
            (ids ? `${setIdLines(emulator, e.name, 'REGIONAL', e.region).join('\n')}\n` : ''),
        );
        const config = `environments:
${entries.join('')}`;
        const args = ['enter', '-e', selector, '-c', '.github/maintenance.yml', '--no-probe'];
        return runCliProcess(dist, args, workspaceWith(config), awsEnvFor(emulator.endpoint));
      };
      const together = environments(count, regions);
      emulator.resetCalls();
      const one = await run(together, count === 1 ? together[0]!.key : 'all');
      // A copy: the runs one command each below add to the emulator's log.
      const calls = [...emulator.calls];
      const writes = calls.filter((c) => c.operation.startsWith('Update') && c.status < 400);
      const throttled = calls.filter((c) => c.status === 400 && c.errorType?.includes('Throttl'));
      const halfSwitched = Math.max(...together.map((e) => halfSwitchedMs(calls, e.name) ?? 0));
      // The same environments, one process each, one after another.
      const apart = environments(count, regions);
      const started = performance.now();
      for (const e of apart) await run([e], e.key);
      const separate = performance.now() - started;
      baseline ??= one.wallMs;
      rows.push([
        ids ? `${count}, set-ids` : count,
        regions,
        writes.length,
        calls.filter((c) => c.operation.startsWith('List')).length,
        throttled.length,
        `${halfSwitched.toFixed(0)} ms`,
        roundTripsOf(calls.filter((c) => !c.operation.startsWith('Update'))),
        `${one.wallMs.toFixed(0)} ms`,
        (one.wallMs / baseline).toFixed(1),
        `${separate.toFixed(0)} ms`,
        (one.wallMs / separate).toFixed(2),
      ]);
    } finally {
      await emulator.close();
    }
  }
  return table(
    [
      'environments',
      'regions',
      'writes',
      'List calls',
      'throttled',
      'longest half-switched',
      'read round trips',
      'one command: wall',
      'ratio to N=1',
      'one command each: wall',
      'one command / each',
    ],
    rows,
  );
}

// `npx tsx scripts/bench/many-environments.ts`: this table alone (npm run package first).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  console.log(await benchManyEnvironments(join(root, 'dist'), 50));
}
