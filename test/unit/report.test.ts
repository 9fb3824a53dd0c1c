// What a person reads in the job summary, the action log and the CLI table.
import { formatCidrs, formatDuration } from '../../src/report/format.js';
import { headline } from '../../src/report/facts.js';
import { renderFailureMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import type { CommandReport } from '../../src/engine/report.js';
import {
  allowlistPlan,
  enterAgain,
  entered,
  exited,
  inconsistentStatus,
  manyTesters,
} from '../fixtures/reports.js';

const bob = { actor: 'bob', run: 'acme/shop/actions/runs/77' };

/** `status` while normal, after a window alice opened and carol closed 2h 5m 3s later. */
const normalAfterWindow: CommandReport = {
  ...(Object.fromEntries(
    Object.entries(exited).filter(([key]) => key !== 'endedWindow'),
  ) as unknown as CommandReport),
  command: 'status',
  previousState: 'normal',
  changed: false,
  changes: [],
  lastWindow: {
    ...entered.window!,
    until: '2026-03-01T12:05:03.000Z',
    closedBy: 'carol',
  },
  startedAt: '2026-03-02T09:00:00.000Z',
  finishedAt: '2026-03-02T09:00:00.300Z',
};
/** `status` in maintenance, a day and a half after the window opened. */
const stillInMaintenance: CommandReport = {
  ...entered,
  command: 'status',
  previousState: 'maintenance',
  changed: false,
  changes: [],
  finishedAt: '2026-03-02T22:30:00.000Z',
};

describe('formatCidrs', () => {
  it('says (empty) for an empty set and lists short ones whole', () => {
    expect(formatCidrs([])).toBe('(empty)');
    expect(formatCidrs(['0.0.0.0/1', '128.0.0.0/1'])).toBe('0.0.0.0/1, 128.0.0.0/1');
  });

  it('lists CIDRs in one numeric order, IPv4 before IPv6, whatever order they come in', () => {
    expect(formatCidrs(['8000::/1', '::/1'])).toBe('::/1, 8000::/1');
    expect(formatCidrs(['2001:db8:9::/48', '2001:db8:1234::/48', '203.0.113.0/24'])).toBe(
      '203.0.113.0/24, 2001:db8:9::/48, 2001:db8:1234::/48',
    );
    expect(formatCidrs(['10.0.10.0/24', '10.0.9.0/24', '9.0.0.0/8'])).toBe(
      '9.0.0.0/8, 10.0.9.0/24, 10.0.10.0/24',
    );
  });

  it('shortens long lists and says how many are left out', () => {
    const text = formatCidrs(manyTesters);
    expect(text).toBe(
      '10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24, 10.0.4.0/24, 10.0.5.0/24 ... and 34 more',
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [(2 * 3600 + 5 * 60 + 3) * 1000, '2h 5m 3s'],
    [(26 * 3600 + 60) * 1000, '1d 2h 1m'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('headline', () => {
  it('tells what changed, what did not, and what a dry run would do', () => {
    expect(headline(entered)).toBe('enter production: normal -> maintenance, 2 sets written');
    expect(headline(enterAgain)).toBe('enter production: already maintenance, nothing written');
    expect(headline(allowlistPlan)).toBe(
      'dry run: allowlist-on production: maintenance -> maintenance-allowlisted (planned), 1 set would be written',
    );
    expect(headline(inconsistentStatus)).toBe('status production: inconsistent');
  });
});

describe('renderText (CLI table and action log)', () => {
  it('shows environment, states, the sets written, the window and who ran it', () => {
    const text = renderText(entered, bob);
    expect(text).toContain('Environment   production (prefix shop-prod, CLOUDFRONT, us-east-1)');
    expect(text).toContain('State         normal -> maintenance');
    expect(text).toContain(
      'Sets written  shop-prod-active-ipv4: (empty) -> 0.0.0.0/1, 128.0.0.0/1',
    );
    expect(text).toContain('              shop-prod-active-ipv6: (empty) -> ::/1, 8000::/1');
    expect(text).toContain(
      'Window        since 2026-03-01T10:00:00.000Z by alice (acme/shop/actions/runs/42)',
    );
    expect(text).toContain('              reason: schema migration 0042');
    expect(text).toContain('Allowlist     none');
    expect(text).toContain(
      'Run by        bob (acme/shop/actions/runs/77) at 2026-03-01T10:00:01.200Z',
    );
  });

  it('says nothing was written when the sets already match', () => {
    expect(renderText(enterAgain, bob)).toContain('Sets written  none: the sets already match');
  });

  it('on exit, says how long the window lasted and that none is open', () => {
    const text = renderText(exited, bob);
    expect(text).toContain('State         maintenance-allowlisted -> normal');
    expect(text).toContain('shop-prod-allow-ipv4: 203.0.113.0/24 -> (empty)');
    expect(text).toContain(
      'Ended window  started 2026-03-01T10:00:00.000Z by alice (acme/shop/actions/runs/42), lasted 2h 5m 3s',
    );
    expect(text).toContain('Window        none');
    expect(renderText({ ...exited, lastWindow: normalAfterWindow.lastWindow! }, bob)).not.toContain(
      'Last window',
    );
  });

  it('for status while normal, shows the last window: when, who, how long and why', () => {
    const text = renderText(normalAfterWindow, bob);
    expect(text).toContain('Window       none');
    expect(text).toContain(
      'Last window  started 2026-03-01T10:00:00.000Z by alice (acme/shop/actions/runs/42)\n' +
        '             ended 2026-03-01T12:05:03.000Z by carol, lasted 2h 5m 3s\n' +
        '             reason: schema migration 0042',
    );
  });

  it('for status in maintenance, shows how long the window has been open so far', () => {
    expect(renderText(stillInMaintenance, bob)).toContain(
      'Window       since 2026-03-01T10:00:00.000Z by alice (acme/shop/actions/runs/42), open for 1d 12h 30m so far',
    );
  });

  it('for status, shows the state and what differs, without a sets row', () => {
    const text = renderText(inconsistentStatus, bob);
    expect(text).toContain('State        inconsistent\n');
    expect(text).toContain(
      'Differences  shop-prod-active-ipv4 is full (0.0.0.0/1, 128.0.0.0/1) but shop-prod-active-ipv6 is empty',
    );
    expect(text).not.toContain('Sets written');
  });
});

describe('renderMarkdown (job summary)', () => {
  it('under dry-run shows the plan, shortened, and says nothing was written', () => {
    const md = renderMarkdown(allowlistPlan, bob);
    expect(md).toContain('### Maintenance: allowlist-on production');
    expect(md).toContain('| State | maintenance now -&gt; maintenance-allowlisted (planned) |');
    expect(md).toContain(
      '| Plan (nothing written) | shop-prod-allow-ipv4: (empty) -&gt; 10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24, 10.0.4.0/24, 10.0.5.0/24 ... and 34 more |',
    );
    expect(md).not.toContain('10.0.6.0/24');
    expect(md).toContain('| Window (planned) | since 2026-03-01T10:00:00.000Z by alice');
  });

  it('puts multi-line facts in one cell and escapes user text', () => {
    const md = renderMarkdown(
      { ...entered, window: { ...entered.window!, reason: 'fix <b>|</b>\nnow' } },
      bob,
    );
    expect(md).toContain(
      '| Window | since 2026-03-01T10:00:00.000Z by alice (acme/shop/actions/runs/42), open for 1s so far<br>reason: fix &lt;b&gt;\\|&lt;/b&gt;<br>now |',
    );
  });

  it('shows the last window in the summary too', () => {
    expect(renderMarkdown(normalAfterWindow, bob)).toContain(
      '| Last window | started 2026-03-01T10:00:00.000Z by alice (acme/shop/actions/runs/42)<br>ended 2026-03-01T12:05:03.000Z by carol, lasted 2h 5m 3s<br>reason: schema migration 0042 |',
    );
  });

  it('escapes markdown in user text, so reasons and actors show as typed', () => {
    const md = renderMarkdown(
      {
        ...entered,
        window: { ...entered.window!, actor: 'dev_bot', reason: '*urgent* `db` | _v2_ [x](y) <i>' },
      },
      bob,
    );
    expect(md).toContain('by dev\\_bot');
    expect(md).toContain('reason: \\*urgent\\* \\`db\\` \\| \\_v2\\_ \\[x\\](y) &lt;i&gt; |');
  });

  it('heads the table with real column names', () => {
    const lines = renderMarkdown(entered, bob).split('\n');
    const header = lines.indexOf('| Field | Value |');
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toBe('| --- | --- |');
    expect(lines).not.toContain('| | |');
  });

  it('keeps a message with backticks inside its code block', () => {
    const md = renderFailureMarkdown('enter production', 'bad value ```x```');
    expect(md).toBe(
      '### Maintenance: enter production failed\n\n````text\nbad value ```x```\n````\n',
    );
  });

  it('on failure, shows the message as it was thrown', () => {
    const md = renderFailureMarkdown('exit production', 'shop-prod-active-ipv6 was not written');
    expect(md).toBe(
      '### Maintenance: exit production failed\n\n```text\nshop-prod-active-ipv6 was not written\n```\n',
    );
  });
});
