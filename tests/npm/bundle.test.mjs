// The npm package through a bundler, as its README tells a web developer to use it: a
// small page that imports `newslens` and `newslens/element`, bundled with esbuild (the
// app and `newslens/worker.js` as two entry points; the wasm and the element's CSS
// copied beside them), served, and checked in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from '../browser/server.mjs';
import { installed, root } from './project.mjs';

const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
const article = readFileSync(join(root, 'tests', 'articles', '03-council.txt'), 'utf8');

let server;
let browser;
let page;
const problems = [];
const offOrigin = [];

before(async () => {
  const project = installed('a-site');
  mkdirSync(join(project, 'src'));
  writeFileSync(join(project, 'src', 'app.js'), `import { init, analyze } from 'newslens';
import 'newslens/element';

await init();
const result = analyze(document.querySelector('news-lens').textContent);
document.querySelector('#speakers').textContent = result.summary.speakers.map((s) => s.name).join(', ');
`);
  const site = join(project, 'public');
  mkdirSync(site);
  writeFileSync(join(site, 'index.html'), `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; worker-src 'self'; object-src 'none'; base-uri 'none'">
<title>A site with newslens</title>
<link rel="icon" href="data:,">
<script type="module" src="app.js"></script>
</head>
<body>
<p>Speakers: <span id="speakers">…</span></p>
<news-lens>${article.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</news-lens>
</body>
</html>
`);
  execFileSync(esbuild, ['app=./src/app.js', 'worker=newslens/worker.js', '--bundle', '--format=esm',
    '--outdir=public', '--log-level=warning'], { cwd: project, stdio: 'pipe' });
  for (const f of ['pkg/newslens_bg.wasm', 'news-lens.css']) {
    copyFileSync(join(project, 'node_modules', 'newslens', f), join(site, f.replace('pkg/', '')));
  }
  server = await serve(site);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  const origin = new URL(server.url).origin;
  page.on('request', (r) => { if (!r.url().startsWith('data:') && new URL(r.url()).origin !== origin) offOrigin.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the bundled page analyses on the main thread and in the element, from its own origin', async () => {
  await page.waitForFunction(() => document.querySelector('#speakers').textContent !== '…');
  await page.waitForFunction(() => document.querySelector('news-lens').result !== null);
  const speakers = await page.$eval('#speakers', (n) => n.textContent);
  assert.match(speakers, /Linda Okafor, Raj Patel/, speakers);
  const shadow = await page.$eval('news-lens', (n) => ({
    marks: [...n.shadowRoot.querySelectorAll('mark')].map((m) => `${m.dataset.kind}:${m.textContent}`),
    cards: [...n.shadowRoot.querySelectorAll('.speaker-group')].map((g) => g.querySelector('.speaker').textContent),
    quotes: n.shadowRoot.querySelectorAll('.quote').length,
    styled: getComputedStyle(n.shadowRoot.querySelector('mark[data-kind="person"]')).backgroundColor,
  }));
  assert.ok(shadow.marks.includes('person:Linda Okafor'), shadow.marks.join(', '));
  assert.ok(shadow.marks.includes('organization:Millbrook City Council'), shadow.marks.join(', '));
  assert.equal(shadow.cards.join(', '), speakers);
  assert.ok(shadow.quotes >= 4, `${shadow.quotes} quote cards`);
  // The element's stylesheet was found beside the bundle.
  assert.notEqual(shadow.styled, 'rgba(0, 0, 0, 0)');
  assert.deepEqual(problems, []);
  assert.deepEqual(offOrigin, []);
  assert.ok(server.requested.includes('/newslens_bg.wasm') && server.requested.includes('/worker.js'),
    server.requested.join(', '));
});
