// `npm run screenshots`: the module's maintenance page as visitors see it, at desktop and phone
// width, rendered by Debian's Chromium through the local edge, into docs/ (shown in the README).
import { resolve } from 'node:path';
import { DESKTOP, launchChromium, PHONE } from '@maintenance-action/sandbox/chromium.js';
import { startLocalSite } from '@maintenance-action/sandbox/edge/local-site.js';

const DOCS = resolve(import.meta.dirname, '../docs');
const NAME = 'shop';
const REGION = 'eu-west-1';

async function main(): Promise<void> {
  const site = await startLocalSite({
    environments: [{ name: NAME, scope: 'REGIONAL', region: REGION }],
  });
  const browser = await launchChromium();
  try {
    site.emulator.setAddresses(`${NAME}-active-ipv4`, 'REGIONAL', REGION, [
      '0.0.0.0/1',
      '128.0.0.0/1',
    ]);
    const url = `${site.environments[0]!.edge.url}/`;
    for (const [width, options] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const context = await browser.newContext({
        ...options,
        colorScheme: 'light',
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      const response = await page.goto(url);
      if (response?.status() !== 503)
        throw new Error(`expected the 503 page, got ${response?.status()}`);
      const path = resolve(DOCS, `maintenance-page-${width}.png`);
      await page.screenshot({ path });
      console.log(`wrote ${path}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
}

main().catch((error: unknown) => {
  console.error(`screenshots: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
