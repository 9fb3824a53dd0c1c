// Planned ends, overruns and adherence (#11) through the shared front-door path, against the
// WAFv2 emulator over HTTP, with an injected clock.
import {
  runConfiguredCommand,
  type ConfiguredCommand,
} from '../../src/front-door/configured-command.js';
import { InputError } from '../../src/domain/errors.js';
import { renderText } from '../../src/report/text.js';
import type { Command } from '../../src/domain/types.js';
import { createEnvironmentSets } from '@maintenance-action/sandbox/waf-emulator/index.js';
import { emulatorForSuite } from '../support/emulator-suite.js';

const emulator = emulatorForSuite();

const T0 = Date.parse('2026-12-06T01:00:00.000Z');
const MIN = 60_000;
let seq = 0;

function site(extra = '') {
  const name = `bounded-${process.pid}-${++seq}`;
  createEnvironmentSets(emulator(), name, 'REGIONAL', 'eu-west-1');
  const config = `environments:
  production:
    name: ${name}
    scope: REGIONAL
    region: eu-west-1
${extra}`;
  const description = () =>
    emulator().getIpSet(`${name}-active-ipv4`, 'REGIONAL', 'eu-west-1')?.description;
  const warnings: string[] = [];
  const run = (command: Command, at: number, more: Partial<ConfiguredCommand> = {}) =>
    runConfiguredCommand({
      command,
      configText: config,
      configFile: '.github/maintenance.yml',
      environment: 'production',
      extraAllowlist: [],
      extraAllowlistSource: '--allowlist',
      reason: undefined,
      dryRun: false,
      invoker: { actor: 'octocat', run: 'acme/shop/actions/runs/42' },
      log: () => undefined,
      warn: (line) => warnings.push(line),
      now: () => new Date(at),
      ...more,
    });
  return { run, description, warnings };
}

describe('a planned end', () => {
  it('enter --duration records it; status shows time left, then the overrun, loudly', async () => {
    const { run, description, warnings } = site();
    const enter = await run('enter', T0, { duration: '2h' });
    expect(description()).toContain(' e=20261206T030000Z ');
    expect(enter.schedule?.open).toEqual({
      plannedEnd: '2026-12-06T03:00:00.000Z',
      basis: 'planned',
      lateByMs: -120 * MIN,
      overrun: false,
    });
    expect(warnings).toEqual([]);

    const early = await run('status', T0 + 90 * MIN);
    expect(early.schedule?.open).toMatchObject({ overrun: false, lateByMs: -30 * MIN });
    expect(renderText(early, { actor: 'a', run: 'r' })).toMatch(
      /Planned end +2026-12-06T03:00:00.000Z: 30m left\n/,
    );
    expect(warnings).toEqual([]);

    const late = await run('status', T0 + 125 * MIN);
    expect(late.schedule?.open).toMatchObject({ overrun: true, lateByMs: 5 * MIN });
    expect(renderText(late, { actor: 'a', run: 'r' })).toContain('OVERRUN by 5m');
    expect(warnings).toEqual([
      'Maintenance on production overran its planned end (2026-12-06T03:00:00.000Z) by 5m. ' +
        'Opened by octocat at 2026-12-06T01:00:00.000Z in https://github.com/acme/shop/actions/runs/42. ' +
        'To end it: maintenance-action exit --environment production --config .github/maintenance.yml ' +
        '(in a workflow: this action with command: exit, environment: production). ' +
        'To keep it, give it a new end: enter with duration or until.',
    ]);
  });

  it('every command on an overrun environment warns, and exit reports the adherence', async () => {
    const { run, warnings } = site();
    await run('enter', T0, { until: '2026-12-06T02:30:00+01:00' }); // 01:30Z
    await run('allowlist-on', T0 + 40 * MIN, { extraAllowlist: ['203.0.113.0/24'] });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Maintenance on production overran its planned end .* by 10m\./);
    const exit = await run('exit', T0 + 45 * MIN);
    expect(exit.schedule?.open).toBeUndefined();
    expect(exit.schedule?.ended).toMatchObject({ overrun: true, lateByMs: 15 * MIN });
    expect(renderText(exit, { actor: 'a', run: 'r' })).toMatch(
      /Adherence +overran by 15m \(planned end 2026-12-06T01:30:00.000Z\)\n/,
    );
    expect(warnings).toHaveLength(1);
  });

  it('an exit before the planned end is on time', async () => {
    const { run } = site();
    await run('enter', T0, { duration: '1h' });
    const exit = await run('exit', T0 + 20 * MIN);
    expect(exit.schedule?.ended).toMatchObject({ overrun: false, lateByMs: -40 * MIN });
    expect(renderText(exit, { actor: 'a', run: 'r' })).toMatch(
      /Adherence +on time \(40m before the planned end 2026-12-06T02:00:00.000Z\)\n/,
    );
  });

  it('enter on an open window moves its planned end (one description write), keeping its start', async () => {
    const { run, description } = site();
    await run('enter', T0, { duration: '30m' });
    const calls = emulator().calls.length;
    const moved = await run('enter', T0 + 40 * MIN, { duration: '1h' });
    expect(
      emulator()
        .calls.slice(calls)
        .filter((c) => c.operation === 'UpdateIPSet'),
    ).toHaveLength(1);
    expect(moved.window?.since).toBe('2026-12-06T01:00:00.000Z');
    expect(moved.schedule?.open).toMatchObject({
      plannedEnd: '2026-12-06T02:40:00.000Z',
      overrun: false,
    });
    expect(description()).toContain(' e=20261206T024000Z ');
  });

  it("without a planned end, the environment's max-duration makes the window due", async () => {
    const { run, warnings } = site('    max-duration: 4h\n');
    const enter = await run('enter', T0);
    expect(enter.schedule?.open).toMatchObject({
      plannedEnd: '2026-12-06T05:00:00.000Z',
      basis: 'max-duration',
      overrun: false,
    });
    const late = await run('status', T0 + 5 * 60 * MIN);
    expect(late.schedule?.open).toMatchObject({ overrun: true, lateByMs: 60 * MIN });
    expect(warnings[0]).toContain(
      "overran the environment's max-duration (2026-12-06T05:00:00.000Z) by 1h",
    );
  });

  it('with no planned end and no max-duration: no planned end, never an overrun', async () => {
    const { run } = site();
    await run('enter', T0);
    const status = await run('status', T0 + 6 * 86_400_000);
    expect(status.schedule?.open).toBeUndefined();
  });

  it.each([
    [{ duration: '2h', until: '2026-12-06T04:00:00+01:00' }, /give one of them, not both/],
    [
      { duration: '2 weeks' },
      /duration: must be a whole number and a unit, m \(minutes\), h \(hours\), d \(days\)/,
    ],
    [{ duration: '30s' }, /duration: must be a whole number and a unit/],
    [{ until: '2026-12-06 04:00' }, /until: must be an ISO 8601 time with an offset/],
    [{ until: '2026-12-06T04:00:00' }, /until: must be an ISO 8601 time with an offset/],
    [{ until: '2026-12-06T01:59:00+01:00' }, /until: is not in the future/],
  ])('refuses %j before writing anything', async (given, message) => {
    const { run, description } = site();
    const before = description();
    await expect(run('enter', T0, given)).rejects.toThrow(InputError);
    await expect(run('enter', T0, given)).rejects.toThrow(message);
    expect(description()).toBe(before);
  });

  it('duration on another command is ignored, with a warning', async () => {
    const { run, warnings } = site();
    await run('status', T0, { duration: '2h' });
    expect(warnings).toEqual(['duration applies only to enter; ignored for status']);
  });
});
