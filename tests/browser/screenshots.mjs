// Screenshots of the page on the seed article, for docs/ and the README:
// `make screenshots` (needs ../shared beside the repo). 1280 and 375 px wide, light and
// dark; the full page.
import { readFile, mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './server.mjs';

const seed = new URL('../../../shared/data/seed/kharkiv-war-criminal.txt', import.meta.url);
const text = await readFile(seed, 'utf8').catch(() => null);
if (text === null) {
  console.log(`screenshots skipped: ${seed.pathname} is absent`);
  process.exit(0);
}
const server = await serve();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
await mkdir('docs', { recursive: true });
for (const width of [1280, 375]) {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.$eval('#article', (t, v) => { t.value = v; }, text);
    await page.click('#analyse');
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Found'));
    const path = `docs/page-${width}-${scheme}.png`;
    await page.screenshot({ path, fullPage: true });
    console.log(`wrote ${path}`);
    await page.close();
  }
}
await browser.close();
await server.close();
