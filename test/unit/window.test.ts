import {
  decodeWindow,
  encodeWindow,
  MAX_DESCRIPTION_LENGTH,
  sanitizeReason,
} from '../../src/domain/window.js';

const WAF_DESCRIPTION = /^[\w+=:#@/\-,.][\w+=:#@/\-,.\s]+[\w+=:#@/\-,.]$/;

describe('window description', () => {
  const window = {
    since: '2026-11-21T23:00:00.000Z',
    actor: 'octocat',
    run: 'acme/shop/actions/runs/123',
    reason: 'Schema migration v42',
  };

  it('keeps milliseconds only when there are any', () => {
    const text = encodeWindow({
      kind: 'open',
      window: { ...window, since: '2026-11-21T23:00:00.123Z' },
    });
    expect(text).toContain('s=20261121T230000.123Z ');
    expect(decodeWindow(text)?.window.since).toBe('2026-11-21T23:00:00.123Z');
  });

  it('round-trips an open window, compactly', () => {
    const text = encodeWindow({ kind: 'open', window });
    expect(text).toBe(
      'mw2 s=20261121T230000Z b=octocat r=acme/shop#123 reason=Schema migration v42',
    );
    expect(decodeWindow(text)).toEqual({ kind: 'open', window });
  });

  it('round-trips a closed window', () => {
    const closed = { ...window, until: '2026-11-22T00:30:00.000Z', closedBy: 'hubot' };
    expect(decodeWindow(encodeWindow({ kind: 'closed', window: closed }))).toEqual({
      kind: 'closed',
      window: closed,
    });
    // Closed by the one who opened it: not repeated.
    const own = { ...closed, closedBy: 'octocat' };
    const text = encodeWindow({ kind: 'closed', window: own });
    expect(text).not.toContain('x=');
    expect(decodeWindow(text)).toEqual({ kind: 'closed', window: own });
  });

  it('round-trips the planned end and the calendar window, open and closed', () => {
    const planned = {
      ...window,
      plannedEnd: '2026-11-22T01:00:00.000Z',
      calendarWindow: '0a1b2c3d4e5f',
    };
    const open = encodeWindow({ kind: 'open', window: planned });
    expect(open).toBe(
      'mw2 s=20261121T230000Z e=20261122T010000Z c=0a1b2c3d4e5f b=octocat r=acme/shop#123 reason=Schema migration v42',
    );
    expect(decodeWindow(open)).toEqual({ kind: 'open', window: planned });
    const closed = { ...planned, until: '2026-11-22T00:30:00.000Z', closedBy: 'hubot' };
    expect(decodeWindow(encodeWindow({ kind: 'closed', window: closed }))).toEqual({
      kind: 'closed',
      window: closed,
    });
  });

  it('keeps the times and the people whole when names are as long as GitHub allows', () => {
    const long = {
      since: '2026-11-21T23:00:00.000Z',
      actor: 'a'.repeat(39),
      run: `${'o'.repeat(39)}/${'r'.repeat(30)}/actions/runs/12345678901`,
      plannedEnd: '2026-11-22T01:00:00.000Z',
      calendarWindow: '0a1b2c3d4e5f',
      reason: 'Database upgrade to 17',
      until: '2026-11-22T00:30:00.000Z',
      closedBy: 'b'.repeat(39),
    };
    const text = encodeWindow({ kind: 'closed', window: long });
    expect(text.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
    expect(text).toMatch(WAF_DESCRIPTION);
    const rest = { ...long, reason: expect.stringMatching(/^D/) as unknown };
    expect(decodeWindow(text)).toMatchObject({ kind: 'closed', window: rest });
    // A repository name of 100 characters: the run is left out whole rather than cut into a wrong link.
    const longer = { ...long, run: `${'o'.repeat(39)}/${'r'.repeat(100)}/actions/runs/1` };
    const decoded = decodeWindow(encodeWindow({ kind: 'closed', window: longer }));
    expect(decoded).toMatchObject({ kind: 'closed', window: { ...rest, run: 'unknown' } });
  });

  it('still reads the version 1 long form written before planned ends', () => {
    expect(
      decodeWindow(
        'since=2026-11-21T23:00:00.000Z by=octocat run=acme/shop/actions/runs/123 reason=Schema migration v42',
      ),
    ).toEqual({ kind: 'open', window });
    expect(
      decodeWindow(
        'since=2026-11-21T23:00:00.000Z until=2026-11-22T00:30:00.000Z closedby=hubot by=octocat run=acme/shop/actions/runs/123',
      ),
    ).toEqual({
      kind: 'closed',
      window: {
        since: '2026-11-21T23:00:00.000Z',
        until: '2026-11-22T00:30:00.000Z',
        closedBy: 'hubot',
        actor: 'octocat',
        run: 'acme/shop/actions/runs/123',
      },
    });
  });

  it('round-trips a closed window with the reason it was closed for', () => {
    const closed = {
      ...window,
      until: '2026-11-22T00:30:00.000Z',
      closedBy: 'hubot',
      closedReason: 'migration done, reason=ok',
    };
    const text = encodeWindow({ kind: 'closed', window: closed });
    expect(text).toBe(
      'mw2 s=20261121T230000Z u=20261122T003000Z x=hubot b=octocat r=acme/shop#123 reason=Schema migration v42 closing=migration done, reason=ok',
    );
    expect(decodeWindow(text)).toEqual({ kind: 'closed', window: closed });
  });

  it('a long opening reason leaves the closing reason at least half the room', () => {
    const closed = {
      ...window,
      reason: 'r'.repeat(198),
      until: '2026-11-22T00:30:00.000Z',
      closedBy: 'hubot',
      closedReason: 'c'.repeat(198),
    };
    const text = encodeWindow({ kind: 'closed', window: closed });
    expect(text.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
    const decoded = decodeWindow(text);
    expect(decoded?.kind).toBe('closed');
    const got = decoded!.window as typeof closed;
    expect(got.closedReason.length).toBeGreaterThanOrEqual(40);
    expect(got.closedReason.endsWith('...')).toBe(true);
    expect(got.reason.endsWith('...')).toBe(true);
  });

  it("squeezes any reason into WAF's character set and 256 characters", () => {
    const text = encodeWindow({
      kind: 'open',
      window: { ...window, reason: `Déploiement (v2) ; "urgent" ${'x'.repeat(400)}  ` },
    });
    expect(text.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
    expect(text).toMatch(WAF_DESCRIPTION);
    expect(text).toContain('reason=Deploiement v2 urgent xxx');
    expect(text.endsWith('...')).toBe(true);
  });

  it.each([
    ['Schéma | migration "0042"', 'Schema migration 0042'],
    ['Ünïcödé ﬁx — phase 2', 'Unicode fix phase 2'],
    ['🚀 release 1.2 🚀', 'release 1.2'],
    ['ticket #42: db/upgrade, v=1+2 @ops', 'ticket #42: db/upgrade, v=1+2 @ops'],
    ['tabs\tand\nnew  lines', 'tabs and new lines'],
  ])('keeps reasons readable: %j is stored as %j', (given, stored) => {
    expect(sanitizeReason(given)).toBe(stored);
  });

  it('ignores descriptions it did not write', () => {
    expect(decodeWindow('Managed by Terraform')).toBeUndefined();
    expect(decodeWindow(undefined)).toBeUndefined();
  });
});
