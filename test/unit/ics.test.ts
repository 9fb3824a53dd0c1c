// calendar --ics: an RFC 5545 file that a real iCalendar parser (ical.js) reads back.
import ICAL from 'ical.js';
import { parseConfig } from '../../src/domain/config.js';
import { escapeText, foldLine, renderIcs } from '../../src/report/ics.js';

const CONFIG = `environments:
  production:
    name: shop-prod
    scope: CLOUDFRONT
  staging:
    name: shop-staging
    scope: REGIONAL
    region: eu-west-1
windows:
  - environments: [production]
    start: 2026-12-06T02:00:00+01:00
    end: 2026-12-06T04:00:00+01:00
    reason: Database upgrade to 17; then reindex, vacuum \\ and a long tail of words to fold the line — déjà vu
    auto-exit: true
  - environments: [staging, production]
    start: 2026-12-07T02:00:00Z
    duration: 90m
`;

describe('renderIcs', () => {
  const calendar = parseConfig(CONFIG, 'maintenance.yml').calendar;
  const text = renderIcs(calendar, new Date('2026-11-26T09:00:00Z'));

  it('parses with ical.js: one VEVENT per window, times, summary and text as written', () => {
    const component = new ICAL.Component(ICAL.parse(text));
    const events = component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    expect(events[0]!.uid).toBe(`${calendar[0]!.id}@maintenance-action`);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-12-06T01:00:00.000Z');
    expect(events[0]!.endDate.toJSDate().toISOString()).toBe('2026-12-06T03:00:00.000Z');
    expect(events[0]!.summary).toBe(
      'Maintenance: production (Database upgrade to 17; then reindex, vacuum \\ and a long tail of words to fold the line — déjà vu)',
    );
    expect(events[0]!.description).toContain('\nIt ends automatically');
    expect(events[1]!.summary).toBe('Maintenance: staging, production');
    expect(events[1]!.endDate.toJSDate().toISOString()).toBe('2026-12-07T03:30:00.000Z');
  });

  it('keeps every UID across runs (a later run, a reordered file)', () => {
    const later = renderIcs(calendar, new Date('2026-11-27T09:00:00Z'));
    const uids = (ics: string) => [...ics.matchAll(/^UID:(.*)\r$/gm)].map((m) => m[1]);
    expect(uids(later)).toEqual(uids(text));
    const swapped = CONFIG.replace('[staging, production]', '[production, staging]');
    expect(uids(renderIcs(parseConfig(swapped, 'm.yml').calendar, new Date()))).toEqual(uids(text));
  });

  it('ends lines with CRLF and folds them at 75 octets without splitting a character', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).not.toMatch(/[^\r]\n/);
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    expect(folded.split('\r\n ').join('')).toBe(`SUMMARY:${'é'.repeat(60)}`);
  });

  it('escapes TEXT as RFC 5545 says', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });
});
