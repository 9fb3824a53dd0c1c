// The tester link in a real browser (Debian's Chromium through playwright-core), through the
// local edge evaluating the module's web ACL. The bundled action (dist/, as a runner runs it)
// enters maintenance and issues the token with `allowlist-on` + `bypass-token: true`; the browser
// opens its `bypass-url` output, `/some/page?maintenance-bypass=<token>`, gets the maintenance
// page, whose script stores the token in a cookie and reloads the same URL without the
// parameter; the reload reaches the shop. A wrong token stays on the page, an expired link says
// so, and after `allowlist-off` (which empties the bypass set) the cookie opens nothing.
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { DESKTOP, launchChromium, PHONE } from '@maintenance-action/sandbox/chromium.js';
import { SANDBOX_CLIENT_IP_HEADER } from '@maintenance-action/sandbox/edge/index.js';
import { startLocalSite, type LocalSite } from '@maintenance-action/sandbox/edge/local-site.js';
import { SHOP_TITLE } from '@maintenance-action/sandbox/origin.js';
import { formatToken, TOKEN_RANDOM_BYTES } from '../../src/domain/bypass-token.js';
import { runAction, runPost, type StepResult } from '../support/runner.js';
import { writeWorkspace } from '../support/workspace.js';

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
let workspace: string;

beforeAll(async () => {
  site = await startLocalSite({
    environments: [{ name: NAME, scope: 'REGIONAL', region: REGION }],
  });
  edge = site.environments[0]!.edge.url;
  // The only fixed-address tester is elsewhere: whoever gets in here gets in by the token.
  workspace = await writeWorkspace(`testers:
  - name: Release manager
    cidrs: ["2001:db8:aaaa::1"]
environments:
  staging:
    name: ${NAME}
    scope: REGIONAL
    region: ${REGION}
    url: ${edge}/some/page
`);
  const enter = await step({ command: 'enter' });
  if (enter.exitCode !== 0) throw new Error(`enter failed: ${enter.stdout}${enter.stderr}`);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** One step of a job: the bundled action against the local site's WAFv2 (no probe: the browser is the check). */
function step(inputs: Record<string, string>): Promise<StepResult> {
  return runAction({
    workspace,
    inputs: { environment: 'staging', probe: 'false', ...inputs },
    env: awsEnvFor(site.emulator.endpoint),
  });
}

/** `allowlist-on` with a fresh token; returns the step (its post step ends the token). */
async function issueToken(): Promise<StepResult> {
  const on = await step({ command: 'allowlist-on', 'bypass-token': 'true' });
  expect(on.exitCode).toBe(0);
  expect(on.outputs['bypass-url']).toBe(
    `${edge}/some/page?maintenance-bypass=${on.outputs['bypass-token']}`,
  );
  return on;
}

/** A token the set does not hold, expiring at `expiresAt`. */
const strangeToken = (expiresAt: Date) => formatToken(expiresAt, randomBytes(TOKEN_RANDOM_BYTES));

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
async function openLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.waitForURL(`${edge}/some/page`);
  await page.waitForLoadState('load');
}

describe('the tester link', () => {
  it('on a desktop: the maintenance page, then the shop after the reload, without the parameter', async () => {
    const on = await issueToken();
    const token = on.outputs['bypass-token']!;
    const expiresAt = new Date(Date.now() + 6 * HOUR); // bypass-ttl's default
    const context = await visitor(VISITOR_V4);
    const page = await context.newPage();
    const seen = documents(page);

    await openLink(page, on.outputs['bypass-url']!);

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
    expect(Math.abs(cookie!.expires * 1000 - expiresAt.getTime())).toBeLessThan(60_000);

    // The cookie keeps working on other pages of the site.
    await page.goto(`${edge}/another/page`);
    expect(await page.title()).toBe(SHOP_TITLE);

    // allowlist-off empties the bypass set: the cookie no longer opens anything.
    expect((await step({ command: 'allowlist-off' })).exitCode).toBe(0);
    await page.reload();
    expect(await page.title()).toBe(PAGE_TITLE);
    await context.close();
  });

  it('on a phone (IPv6 client): the link gets in, until the job that issued it ends', async () => {
    const on = await issueToken();
    const context = await visitor(PHONE_V6, PHONE);
    const page = await context.newPage();
    const seen = documents(page);

    await openLink(page, on.outputs['bypass-url']!);

    expect(seen.map((r) => r.status())).toEqual([503, 200]);
    expect(await page.title()).toBe(SHOP_TITLE);
    expect(site.environments[0]!.edge.decisions.at(-1)?.clientIp).toBe(PHONE_V6);

    // Without the link, the same phone waits like everyone else.
    const stranger = await visitor(PHONE_V6, PHONE);
    const other = await stranger.newPage();
    await other.goto(`${edge}/some/page`);
    expect(await other.title()).toBe(PAGE_TITLE);
    await stranger.close();

    // The job's post step ends its token: the phone's cookie stops working.
    expect((await runPost(on)).exitCode).toBe(0);
    await page.reload();
    expect(await page.title()).toBe(PAGE_TITLE);
    await context.close();
  });

  it('a wrong token stays on the maintenance page (one reload, no loop)', async () => {
    const on = await issueToken();
    const wrong = strangeToken(new Date(Date.now() + HOUR));
    const context = await visitor(VISITOR_V4);
    const page = await context.newPage();
    const seen = documents(page);

    await openLink(page, `${edge}/some/page?maintenance-bypass=${wrong}`);

    expect(seen.map((r) => r.status())).toEqual([503, 503]);
    expect(await page.title()).toBe(PAGE_TITLE);
    expect(page.url()).toBe(`${edge}/some/page`);
    await context.close();
    await runPost(on);
  });

  it('an expired link sets no cookie and says so', async () => {
    const expired = strangeToken(new Date(Date.now() - HOUR));
    const context = await visitor(VISITOR_V4);
    const page = await context.newPage();

    await page.goto(`${edge}/some/page?maintenance-bypass=${expired}`);

    await expect(page.isVisible('#bypass-notice')).resolves.toBe(true);
    expect(await context.cookies()).toEqual([]);
    expect(page.url()).toContain('maintenance-bypass=');
    await context.close();
  });

  it('keeps the page’s other query parameters and fragment', async () => {
    const on = await issueToken();
    const token = on.outputs['bypass-token']!;
    const context = await visitor(VISITOR_V4);
    const page = await context.newPage();

    await page.goto(`${edge}/search?q=shoes&maintenance-bypass=${token}&page=2#results`);
    await page.waitForURL(`${edge}/search?q=shoes&page=2#results`);

    expect(await page.title()).toBe(SHOP_TITLE);
    await context.close();
    await runPost(on);
  });
});
