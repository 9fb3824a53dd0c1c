// The tester link in a real browser (Debian's Chromium through playwright-core), through the
// local edge evaluating the module's web ACL: `/some/page?maintenance-bypass=<token>` gets the
// maintenance page, whose script stores the token in a cookie and reloads the same URL without
// the parameter; the reload reaches the shop. A wrong token stays on the page, an expired link
// says so, and once the token is gone from the set the cookie no longer opens anything.
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { DESKTOP, launchChromium, PHONE } from '../../sandbox/src/chromium.js';
import { SANDBOX_CLIENT_IP_HEADER } from '../../sandbox/src/edge/index.js';
import { startLocalSite, type LocalSite } from '../../sandbox/src/edge/local-site.js';
import { SHOP_TITLE } from '../../sandbox/src/origin.js';
import { bypassToken, setBypassTokens } from '../support/bypass-set.js';

const NAME = 'shop-browser';
const REGION = 'eu-west-1';
const PAGE_TITLE = 'Down for maintenance';
const VISITOR_V4 = '198.51.100.23';
/** A phone on a mobile network: an IPv6 address no allowlist holds. */
const PHONE_V6 = '2001:db8:abcd::23';
const HOUR = 3600_000;

let site: LocalSite;
let browser: Browser;
let edge: string;

beforeAll(async () => {
  site = await startLocalSite({
    environments: [{ name: NAME, scope: 'REGIONAL', region: REGION }],
  });
  edge = site.environments[0]!.edge.url;
  // Maintenance for everyone: the active sets hold every address of both families.
  site.emulator.setAddresses(`${NAME}-active-ipv4`, 'REGIONAL', REGION, [
    '0.0.0.0/1',
    '128.0.0.0/1',
  ]);
  site.emulator.setAddresses(`${NAME}-active-ipv6`, 'REGIONAL', REGION, ['::/1', '8000::/1']);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const tokens = (...values: string[]) =>
  setBypassTokens(site.emulator.endpoint, REGION, NAME, values);

async function visitor(clientIp: string, options = DESKTOP): Promise<BrowserContext> {
  return browser.newContext({
    ...options,
    extraHTTPHeaders: { [SANDBOX_CLIENT_IP_HEADER]: clientIp },
  });
}

/** Every document response of the page's main frame, in order. */
function documents(page: Page): Response[] {
  const seen: Response[] = [];
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame())
      seen.push(response);
  });
  return seen;
}

/** Opens the link and waits until the page settles on a URL without the parameter. */
async function openLink(page: Page, token: string): Promise<void> {
  await page.goto(`${edge}/some/page?maintenance-bypass=${token}`);
  await page.waitForURL(`${edge}/some/page`);
  await page.waitForLoadState('load');
}

describe('the tester link', () => {
  it('on a desktop: the maintenance page, then the shop after the reload, without the parameter', async () => {
    const expiresAt = new Date(Date.now() + 2 * HOUR);
    const token = bypassToken(expiresAt);
    await tokens(token);
    const context = await visitor(VISITOR_V4);
    const page = await context.newPage();
    const seen = documents(page);

    await openLink(page, token);

    expect(seen.map((r) => r.status())).toEqual([503, 200]);
    expect(await seen[0]!.headerValue('x-maintenance-mode')).toBe('on');
    expect(await page.title()).toBe(SHOP_TITLE);
    expect(page.url()).toBe(`${edge}/some/page`);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({
      name: 'maintenance_bypass',
      value: token,
      path: '/',
      sameSite: 'Lax',
      secure: false, // http: Secure only on https
    });
    // Max-Age from the expiry written in the token itself.
    expect(Math.abs(cookie!.expires * 1000 - expiresAt.getTime())).toBeLessThan(5_000);

    // The cookie keeps working on other pages of the site.
    await page.goto(`${edge}/another/page`);
    expect(await page.title()).toBe(SHOP_TITLE);

    // Emptied set (allowlist-off empties it): the cookie no longer opens anything.
    await tokens();
    await page.reload();
    expect(await page.title()).toBe(PAGE_TITLE);
    await context.close();
  });

  it('on a phone (IPv6 client): the same link gets in', async () => {
    const token = bypassToken(new Date(Date.now() + HOUR));
    await tokens(token);
    const context = await visitor(PHONE_V6, PHONE);
    const page = await context.newPage();
    const seen = documents(page);

    await openLink(page, token);

    expect(seen.map((r) => r.status())).toEqual([503, 200]);
    expect(await page.title()).toBe(SHOP_TITLE);
    expect(site.environments[0]!.edge.decisions.at(-1)?.clientIp).toBe(PHONE_V6);

    // Without the link, the same phone waits like everyone else.
    const stranger = await visitor(PHONE_V6, PHONE);
    const other = await stranger.newPage();
    await other.goto(`${edge}/some/page`);
    expect(await other.title()).toBe(PAGE_TITLE);
    await stranger.close();
    await context.close();
  });

  it('a wrong token stays on the maintenance page (one reload, no loop)', async () => {
    await tokens(bypassToken(new Date(Date.now() + HOUR)));
    const wrong = bypassToken(new Date(Date.now() + HOUR));
    const context = await visitor(VISITOR_V4);
    const page = await context.newPage();
    const seen = documents(page);

    await openLink(page, wrong);

    expect(seen.map((r) => r.status())).toEqual([503, 503]);
    expect(await page.title()).toBe(PAGE_TITLE);
    expect(page.url()).toBe(`${edge}/some/page`);
    await context.close();
  });

  it('an expired link sets no cookie and says so', async () => {
    const expired = bypassToken(new Date(Date.now() - HOUR));
    await tokens(expired);
    const context = await visitor(VISITOR_V4);
    const page = await context.newPage();

    await page.goto(`${edge}/some/page?maintenance-bypass=${expired}`);

    await expect(page.isVisible('#bypass-notice')).resolves.toBe(true);
    expect(await context.cookies()).toEqual([]);
    expect(page.url()).toContain('maintenance-bypass=');
    await context.close();
  });

  it('keeps the page’s other query parameters and fragment', async () => {
    const token = bypassToken(new Date(Date.now() + HOUR));
    await tokens(token);
    const context = await visitor(VISITOR_V4);
    const page = await context.newPage();

    await page.goto(`${edge}/search?q=shoes&maintenance-bypass=${token}&page=2#results`);
    await page.waitForURL(`${edge}/search?q=shoes&page=2#results`);

    expect(await page.title()).toBe(SHOP_TITLE);
    await context.close();
  });
});
