// Offline: after one visit the service worker serves the page and the wasm, so the page
// reloads and analyses with the network cut.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './server.mjs';

let server;
let browser;
let context;
const problems = [];

before(async () => {
  server = await serve();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  context = await browser.newContext();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('after one visit the page loads and analyses offline', async () => {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
  const manifest = await page.$eval('link[rel="manifest"]', (l) => l.href);
  const m = await (await page.request.get(manifest)).json();
  assert.equal(m.short_name, 'newslens');
  assert.ok(m.icons.length >= 1);

  await context.setOffline(true);
  const before = server.requested.length;
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'controlled by the service worker');
  await page.fill('#article', '"We will rebuild," Mayor Olena Koval said in Kyiv on Monday.');
  await page.click('#analyse');
  await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Found'));
  const speaker = await page.$eval('#quotes .quote .speaker', (s) => s.textContent);
  assert.equal(speaker, 'Olena Koval');
  assert.equal(server.requested.length, before, 'nothing reached the server while offline');
  await context.setOffline(false);
  const unexpected = problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(p));
  assert.deepEqual(unexpected, []);
});
