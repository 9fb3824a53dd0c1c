// Issue 8, finding 3: concurrent commands on one environment may not exit 0 having reported a
// state the sets do not hold. 20 repetitions of 20 concurrent enter/exit/allowlist-on/allowlist-off
// on one environment, through the engine in-process over HTTP (the real SDK against the emulator;
// 400 node processes would take minutes on this machine). A run that succeeded reported the
// state it read after its writes; unless a run that completed after it wrote something, the sets
// read at the end must be in that state.
//
// Shown to fail without the fix: with the verifying read removed from runCommand (a command
// reporting the state it wrote), five runs gave 34, 22, 34, 12 and 27 violations; with it, five
// runs gave 0 (2026-11-26; 8-27 s per run, at load averages 3 to 14 on 2 cores).
import { createWafClient } from '../../src/aws/client.js';
import { InputError } from '../../src/domain/errors.js';
import type { Command, Environment, State } from '../../src/domain/types.js';
import { ConcurrentChangeError } from '../../src/engine/concurrent-change-error.js';
import { PartialWriteError } from '../../src/engine/partial-write-error.js';
import { runCommand } from '../../src/engine/run-command.js';
import { createEnvironmentSets } from '../../sandbox/src/waf-emulator/index.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const emulator = emulatorForSuite();
const COMMANDS: readonly Command[] = ['enter', 'exit', 'allowlist-on', 'allowlist-off'];
const REPETITIONS = 20;
const WRITERS = 20;

/** A small deterministic generator, so a failing mix can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

interface Outcome {
  readonly command: Command;
  /** State the run reported (exit 0), or undefined when it failed. */
  readonly reported: State | undefined;
  /** True when it wrote something (or may have: an unexpected error). */
  readonly wrote: boolean;
  readonly failure?: string;
}

function run(command: Command, environment: Environment) {
  return runCommand({
    command,
    environment,
    allowlist: { ipv4: ['203.0.113.0/24'], ipv6: [] },
    dryRun: false,
    invoker: { actor: 'load', run: 'acme/shop/actions/runs/1' },
    client: createWafClient(environment),
  });
}

async function outcomeOf(command: Command, environment: Environment): Promise<Outcome> {
  try {
    const report = await run(command, environment);
    return { command, reported: report.state, wrote: report.changed };
  } catch (error) {
    if (error instanceof ConcurrentChangeError || error instanceof PartialWriteError) {
      return { command, reported: undefined, wrote: error.changed !== false, failure: error.name };
    }
    // Refused before any write (allowlist-on while not in maintenance).
    if (error instanceof InputError) {
      return { command, reported: undefined, wrote: false, failure: 'InputError' };
    }
    return { command, reported: undefined, wrote: true, failure: String(error) };
  }
}

it('no run exits 0 having reported a state the sets do not hold (20 x 20 concurrent)', async () => {
  const next = random(8);
  const counts = { runs: 0, succeeded: 0, refused: 0, didNotHold: 0, other: 0, violations: 0 };
  for (let repetition = 0; repetition < REPETITIONS; repetition++) {
    const environment: Environment = {
      key: 'production',
      name: `race-${repetition}`,
      scope: 'REGIONAL',
      region: 'eu-west-1',
      testers: [],
    };
    createEnvironmentSets(emulator(), environment.name, 'REGIONAL', 'eu-west-1');
    // Completion order, as the runs settle.
    const completed: Outcome[] = [];
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        const command = COMMANDS[Math.floor(next() * COMMANDS.length)]!;
        completed.push(await outcomeOf(command, environment));
      }),
    );
    const final = (await run('status', environment)).state;
    completed.forEach((outcome, i) => {
      counts.runs++;
      if (outcome.reported === undefined) {
        if (outcome.failure === 'InputError') counts.refused++;
        else if (outcome.failure === 'ConcurrentChangeError') counts.didNotHold++;
        else counts.other++;
        return;
      }
      counts.succeeded++;
      const changedLater = completed.slice(i + 1).some((later) => later.wrote);
      if (!changedLater && outcome.reported !== final) counts.violations++;
    });
  }
  // The numbers the issue note quotes.
  console.log(`20 x 20 concurrent commands: ${JSON.stringify(counts)}`);
  expect(counts.runs).toBe(REPETITIONS * WRITERS);
  expect(counts.violations).toBe(0);
  expect(counts.other).toBe(0);
  expect(counts.succeeded).toBeGreaterThan(0);
}, 120_000);
