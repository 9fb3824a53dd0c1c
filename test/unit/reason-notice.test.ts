// The warning a user gets when the window does not hold the reason exactly as they gave it.
import { reasonNotice } from '../../src/report/reason-notice.js';
import { enterAgain, entered, exited } from '../fixtures/reports.js';
import type { CommandReport } from '../../src/engine/report.js';
import type { MaintenanceWindow } from '../../src/domain/window.js';

/** `enter` that started a window recording `stored` as its reason. */
const storing = (stored: string | undefined): CommandReport => ({
  ...entered,
  window: withReason(entered.window!, stored),
});

function withReason(window: MaintenanceWindow, reason: string | undefined): MaintenanceWindow {
  const { since, actor, run } = window;
  return reason === undefined ? { since, actor, run } : { since, actor, run, reason };
}

describe('reasonNotice', () => {
  it('says nothing when the reason was stored as given (or none was given)', () => {
    expect(reasonNotice('schema migration 0042', storing('schema migration 0042'))).toBeUndefined();
    expect(
      reasonNotice('  schema   migration 0042 ', storing('schema migration 0042')),
    ).toBeUndefined();
    expect(reasonNotice(undefined, storing(undefined))).toBeUndefined();
    expect(reasonNotice('after the release', exited)).toBeUndefined();
  });

  it('shows how an altered reason was stored, and why', () => {
    const notice = reasonNotice('Schéma | migration "0042"', storing('Schema migration 0042'));
    expect(notice).toBe(
      `The reason was stored as "Schema migration 0042" (other characters replaced; given: "Schéma | migration "0042""): ` +
        "WAF descriptions allow letters, digits, spaces and + = : # @ / - , . (256 characters in all, with the window's start, actor and run).",
    );
  });

  it('says when a long reason was cut', () => {
    const given = `upgrade ${'x'.repeat(300)}`;
    const notice = reasonNotice(given, storing(`upgrade ${'x'.repeat(150)}...`));
    expect(notice).toContain(`stored as "upgrade ${'x'.repeat(150)}..." (cut to fit; given:`);
    expect(notice).toContain('256 characters in all');
  });

  it('names the reason the window holds when it is not the one given', () => {
    expect(reasonNotice('migration', storing('schema migration 0042'))).toBe(
      'The reason "migration" was not recorded: the window holds "schema migration 0042" (written by alice, acme/shop/actions/runs/42).',
    );
  });

  it('says when nothing of the reason could be stored', () => {
    expect(reasonNotice('🚀🚀', storing(undefined))).toMatch(
      /^The reason "🚀🚀" was not recorded: none of its characters fit; WAF descriptions allow letters/,
    );
  });

  it('names the original reason when the environment was already in maintenance', () => {
    const earlier = { ...enterAgain, startedAt: '2026-03-01T11:00:00.000Z' };
    expect(reasonNotice('second try', earlier)).toBe(
      'The reason "second try" was not recorded: production was already in maintenance (since 2026-03-01T10:00:00.000Z, by alice), and the window keeps its original reason "schema migration 0042".',
    );
    const noReason = withReason(earlier.window!, undefined);
    expect(reasonNotice('second try', { ...earlier, window: noReason })).toContain(
      'and the window keeps no reason.',
    );
  });

  it('says nothing on a rerun with the same reason (the open window already holds it)', () => {
    const rerun = (stored: string): CommandReport => ({
      ...enterAgain,
      startedAt: '2026-03-01T11:00:00.000Z',
      window: withReason(enterAgain.window!, stored),
    });
    expect(reasonNotice('db upgrade', rerun('db upgrade'))).toBeUndefined();
    expect(reasonNotice(' db  upgrade', rerun('db upgrade'))).toBeUndefined();
    // Stored altered to fit the first time: the first run said so; the rerun has nothing new.
    expect(reasonNotice('db | upgrade', rerun('db upgrade'))).toBeUndefined();
    const long = `upgrade ${'x'.repeat(300)}`;
    expect(reasonNotice(long, rerun(`upgrade ${'x'.repeat(150)}...`))).toBeUndefined();
    expect(reasonNotice('db upgrade 2', rerun('db upgrade'))).toContain(
      'The reason "db upgrade 2" was not recorded',
    );
  });

  it('on exit: says how the closing reason was stored, and when the opening reason was cut again', () => {
    const closed = {
      since: '2026-03-01T10:00:00.000Z',
      actor: 'alice',
      run: 'acme/shop/actions/runs/42',
      until: '2026-03-01T12:00:00.000Z',
      closedBy: 'bob',
    };
    const exit = (opened: string, stored: string, closing?: string): CommandReport => ({
      ...exited,
      endedWindow: { ...closed, reason: opened, durationMs: 7_200_000 },
      lastWindow: { ...closed, reason: stored, ...(closing ? { closedReason: closing } : {}) },
    });
    expect(reasonNotice('done', exit('db', 'db', 'done'))).toBeUndefined();
    expect(reasonNotice('done | ok', exit('db', 'db', 'done ok'))).toContain(
      'The reason was stored as "done ok" (other characters replaced',
    );
    const long = 'x'.repeat(198);
    expect(reasonNotice(undefined, exit(long, `${'x'.repeat(120)}...`))).toBe(
      `The window's opening reason was cut to fit the closed record (which also holds the end and who closed it): stored "${'x'.repeat(120)}..."; it was "${long}".`,
    );
    const neverOpen: CommandReport = { ...exited };
    delete (neverOpen as { endedWindow?: unknown }).endedWindow;
    expect(reasonNotice('late', neverOpen)).toBe(
      'The reason "late" was not recorded: production had no open window to close.',
    );
  });
});
