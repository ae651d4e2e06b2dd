// <news-lens> inside another site's page (www/examples/embed.html): it analyses its text,
// renders in its shadow root, fires `analyzed`, re-analyses when `text` is set, and no CSS
// crosses the shadow boundary either way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './server.mjs';

let server;
let browser;
let page;
const problems = [];

before(async () => {
  server = await serve();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(new URL('examples/embed.html', server.url).href);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the element analyses its text content and the host hears `analyzed`', async () => {
  await page.waitForFunction(() => document.querySelector('#speakers li')?.textContent !== 'analysing…');
  const speakers = await page.$$eval('#speakers li', (ls) => ls.map((l) => l.textContent));
  assert.deepEqual(speakers, ['Fiona Grant', 'Tom Baird']);
  const shadow = await page.$eval('news-lens', (n) => ({
    marks: [...n.shadowRoot.querySelectorAll('mark')].map((m) => `${m.dataset.kind}:${m.textContent}`),
    quotes: [...n.shadowRoot.querySelectorAll('.speaker-group')].map((g) => g.querySelector('.speaker').textContent),
    people: n.shadowRoot.querySelector('.people').textContent,
    text: n.shadowRoot.querySelector('.article').textContent,
    own: n.textContent.trim(),
    quoted: [...n.shadowRoot.querySelectorAll('.quote.mixed em')].map((e) => e.textContent),
  }));
  // The speaker's own words inside a reported clause, set apart.
  assert.deepEqual(shadow.quoted, ['"a political stunt"']);
  assert.ok(shadow.marks.includes('person:Fiona Grant'), shadow.marks.join(', '));
  assert.ok(shadow.marks.includes('location:Elwin'), shadow.marks.join(', '));
  assert.equal(shadow.text, shadow.own);
  // Who said what, and the people, as the summary ranks them.
  assert.equal(shadow.quotes[0], 'Fiona Grant', shadow.quotes.join(', '));
  assert.match(shadow.people, /Fiona Grant \d+ mentions, \d+ quotes?/);
});

test('no CSS crosses the shadow boundary', async () => {
  const colours = await page.evaluate(() => ({
    host: getComputedStyle(document.querySelector('.kicker mark')).backgroundColor,
    inside: getComputedStyle(document.querySelector('news-lens').shadowRoot.querySelector('mark[data-kind="person"]')).backgroundColor,
    kicker: getComputedStyle(document.querySelector('.kicker')).fontStyle,
  }));
  assert.equal(colours.host, 'rgb(255, 0, 0)');
  assert.notEqual(colours.inside, 'rgb(255, 0, 0)');
  assert.equal(colours.kicker, 'italic');
});

test('setting `text` analyses again, and `result` holds the analysis', async () => {
  const result = await page.evaluate(() => new Promise((resolve) => {
    const n = document.querySelector('news-lens');
    n.addEventListener('analyzed', (e) => resolve({ detail: e.detail.quotes.length, result: n.result.quotes[0].speaker.name }), { once: true });
    n.text = '"We will rebuild," Mayor Olena Koval said in Kyiv. <b>not markup</b>';
  }));
  assert.deepEqual(result, { detail: 1, result: 'Olena Koval' });
  const text = await page.$eval('news-lens', (n) => n.shadowRoot.querySelector('.article').textContent);
  assert.ok(text.endsWith('<b>not markup</b>'));
  assert.equal(await page.$eval('news-lens', (n) => n.shadowRoot.querySelectorAll('b').length), 0);
});

test('reported speech in every cue sentence by default; `quotes="quoted"` reads quotation marks only', async () => {
  const kinds = (quotes) => page.evaluate((q) => new Promise((resolve) => {
    const n = document.querySelector('news-lens');
    n.addEventListener('analyzed', (e) => resolve(e.detail.quotes.map((x) => `${x.kind}:${x.speaker?.name}`)), { once: true });
    if (q === null) n.removeAttribute('quotes');
    else n.setAttribute('quotes', q);
    n.text = 'Power was cut to 80,000 homes overnight, the Electricity Supply Board said.';
  }), quotes);
  assert.deepEqual(await kinds(null), ['indirect:Electricity Supply Board']);
  assert.deepEqual(await kinds('quoted'), []);
  assert.deepEqual(await kinds('all'), ['indirect:Electricity Supply Board']);
  assert.deepEqual(await kinds('rules'), []);
});

test('a role phrase that refers to a named person is marked as that person', async () => {
  const refs = await page.evaluate(() => new Promise((resolve) => {
    const n = document.querySelector('news-lens');
    n.addEventListener('analyzed', () => resolve([...n.shadowRoot.querySelectorAll('mark.ref')]
      .map((m) => `${m.dataset.kind}:${m.textContent}:${m.title}`)), { once: true });
    n.text = 'A council spokeswoman, Ines Varga, said the road would reopen. The spokeswoman added that crews were on site.';
  }));
  assert.deepEqual(refs, ['person:The spokeswoman:person: refers to Ines Varga']);
});

test('nothing went wrong', () => {
  assert.deepEqual(problems, []);
});
