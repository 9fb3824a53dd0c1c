// reconcile through the shared front-door path, against the WAFv2 emulator over HTTP, with an
// injected clock: dry-run, an environment that cannot be read, max-duration overruns.
import { runReconcile } from '../../src/front-door/reconcile.js';
import { runConfiguredCommand } from '../../src/front-door/configured-command.js';
import { createEnvironmentSets } from '@maintenance-action/sandbox/waf-emulator/index.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const emulator = emulatorForSuite();

const T0 = Date.parse('2026-12-06T02:00:00.000Z');
const H = 3_600_000;
const invoker = { actor: 'scheduler', run: 'acme/shop/actions/runs/7' };
let seq = 0;

function config(extra = '') {
  const id = `${process.pid}-${++seq}`;
  const db = `rec-db-${id}`;
  createEnvironmentSets(emulator(), db, 'REGIONAL', 'eu-west-1');
  const text = `environments:
  db:
    name: ${db}
    scope: REGIONAL
    region: eu-west-1
    max-duration: 2h
  gone:
    name: rec-gone-${id}
    scope: REGIONAL
    region: eu-west-1
windows:
  - environments: [db, gone]
    start: 2026-12-06T02:00:00Z
    duration: 1h
    auto-exit: true
${extra}`;
  const writes = () => emulator().calls.filter((c) => c.operation === 'UpdateIPSet').length;
  const reconcile = (at: number, dryRun = false, environment?: string) =>
    runReconcile({
      environment,
      configText: text,
      configFile: 'maintenance.yml',
      dryRun,
      invoker,
      log: () => {},
      warn: () => {},
      now: () => new Date(at),
    });
  return { text, db, writes, reconcile };
}

describe('reconcile', () => {
  it('under dry-run says what it would do and writes nothing', async () => {
    const { writes, reconcile } = config();
    const before = writes();
    const report = await reconcile(T0 + 60_000, true);
    expect(writes()).toBe(before);
    const db = report.environments.find((o) => o.environment === 'db')!;
    expect(db).toMatchObject({ did: ['entered'], changed: false });
    expect(db.note).toContain('(planned)');
    expect(report.changed).toBe(false);
  });

  it('reconciles every environment it can, with one error for the one it cannot', async () => {
    const { reconcile } = config();
    const report = await reconcile(T0 + 60_000);
    expect(report.environments.map((o) => [o.environment, o.state, o.did])).toEqual([
      ['db', 'maintenance', ['entered']],
      ['gone', undefined, []],
    ]);
    expect(report.errors).toEqual([expect.stringMatching(/^gone: .*rec-gone-/)]);
    expect(report.environments[0]!.plannedEnd).toBe('2026-12-06T03:00:00.000Z');
  });

  it('with an environment given, reconciles that one only', async () => {
    const { reconcile } = config();
    const report = await reconcile(T0 + 60_000, false, 'db');
    expect(report.environments.map((o) => [o.environment, o.did])).toEqual([['db', ['entered']]]);
    expect(report.errors).toEqual([]);
  });

  it("fails on a window opened by hand past the environment's max-duration", async () => {
    const { text, reconcile } = config();
    await runConfiguredCommand({
      command: 'enter',
      configText: text,
      configFile: 'maintenance.yml',
      environment: 'db',
      extraAllowlist: [],
      extraAllowlistSource: '--allowlist',
      reason: 'by hand',
      dryRun: false,
      invoker: { actor: 'alice', run: 'cli@laptop' },
      log: () => {},
      warn: () => {},
      now: () => new Date(T0 - 3 * H),
    });
    const report = await reconcile(T0 - H + 60_000);
    const db = report.environments.find((o) => o.environment === 'db')!;
    expect(db).toMatchObject({ overrun: true, did: [], state: 'maintenance' });
    expect(report.errors).toEqual([
      expect.stringContaining(
        "Maintenance on db overran the environment's max-duration (2026-12-06T01:00:00.000Z) by 1m. Opened by alice",
      ),
      expect.stringMatching(/^gone: /),
    ]);
  });
});

describe('reconcile and bypass tokens', () => {
  it('ends expired tokens of an open window, keeps live ones, and then writes nothing', async () => {
    const { db, reconcile } = config();
    await reconcile(T0 + 60_000); // enters the calendar window
    const expired = '^mb1-20261206T020500Z-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$';
    const live = '^mb1-20261206T040000Z-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB$';
    emulator().setRegularExpressions(`${db}-bypass`, 'REGIONAL', 'eu-west-1', [expired, live]);
    const regexes = () =>
      emulator().getRegexPatternSet(`${db}-bypass`, 'REGIONAL', 'eu-west-1')?.regularExpressions;

    const report = await reconcile(T0 + 10 * 60_000, false, 'db');
    expect(regexes()).toEqual([live]);
    expect(report.environments[0]).toMatchObject({ changed: true, did: [] });
    expect(report.environments[0]!.note).toContain('ended 1 expired bypass token');

    const calls = emulator().calls.length;
    const again = await reconcile(T0 + 11 * 60_000, false, 'db');
    expect(
      emulator()
        .calls.slice(calls)
        .filter((c) => c.operation.startsWith('Update')),
    ).toEqual([]);
    expect(again.changed).toBe(false);
  });
});
