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

  it('round-trips an open window', () => {
    const text = encodeWindow({ kind: 'open', window });
    expect(text).toBe(
      'since=2026-11-21T23:00:00.000Z by=octocat run=acme/shop/actions/runs/123 reason=Schema migration v42',
    );
    expect(decodeWindow(text)).toEqual({ kind: 'open', window });
  });

  it('round-trips a closed window', () => {
    const closed = { ...window, until: '2026-11-22T00:30:00.000Z', closedBy: 'hubot' };
    expect(decodeWindow(encodeWindow({ kind: 'closed', window: closed }))).toEqual({
      kind: 'closed',
      window: closed,
    });
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
