import { decodeWindow, encodeWindow, MAX_DESCRIPTION_LENGTH } from '../../src/domain/window.js';

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
    expect(text).toContain('reason=D_ploiement _v2_ _ _urgent_ xxx');
    expect(text.endsWith('...')).toBe(true);
  });

  it('ignores descriptions it did not write', () => {
    expect(decodeWindow('Managed by Terraform')).toBeUndefined();
    expect(decodeWindow(undefined)).toBeUndefined();
  });
});
