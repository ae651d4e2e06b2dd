// Browser benchmark: times analyze() in headless Chromium on 10 KB, 100 KB and 1 MB of
// the project's own articles, and reports throughput and the wasm's size; then the
// page itself: the longest main-thread task while 1 MB is analysed and drawn; then each
// input shape of tests/it/shapes.rs at 1 MB (from SHAPES_DIR, which `make
// bench-browser` writes) against prose of the same size.
// Run with `make bench-browser` (after `make build`). Prints; asserts nothing.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './server.mjs';

const dir = new URL('../articles/', import.meta.url);
const names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
const articles = await Promise.all(names.map((n) => readFile(new URL(n, dir), 'utf8')));
const corpus = (size) => {
  let t = '';
  while (t.length < size) t += articles.join('\n\n') + '\n\n';
  return t.slice(0, size);
};

/** CoNLL documents detokenised as ../shared/tools/ner_eval.py does. */
function conllDocs(content) {
  const noBefore = new Set([',', '.', ';', ':', '!', '?', ')', ']', '}', '%', "'s", "'S", "n't", "'", "'re", "'ve", "'ll", "'d", "'m", '”', '’', '’s']);
  const noAfter = new Set(['(', '[', '{', '$', '“', '‘']);
  const docs = [];
  let lines = [];
  let sent = [];
  let tokens = 0;
  const endSent = () => {
    if (!sent.length) return;
    let text = '';
    let open = false;
    sent.forEach((w, i) => {
      let space = i > 0 && !noBefore.has(w) && !(i > 0 && noAfter.has(sent[i - 1]));
      if (w === '"') { if (open) space = false; open = !open; } else if (i > 0 && sent[i - 1] === '"' && open) space = false;
      text += (space ? ' ' : '') + w;
    });
    lines.push(text);
    tokens += sent.length;
    sent = [];
  };
  const endDoc = () => { endSent(); if (lines.length) docs.push(lines.join('\n')); lines = []; };
  for (const line of content.split('\n')) {
    const p = line.trim().split(/\s+/);
    if (!line.trim()) endSent();
    else if (p[0] === '-DOCSTART-') endDoc();
    else sent.push(p[0]);
  }
  endDoc();
  return { docs, tokens };
}

const wasm = new URL('../../www/pkg/newslens_bg.wasm', import.meta.url);
const raw = (await stat(wasm)).size;
const gz = gzipSync(await readFile(wasm), { level: 9 }).length;
console.log(`wasm: ${raw} bytes, ${gz} bytes gzipped`);

const server = await serve();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  const load = async () => page.evaluate(async () => {
    const t0 = performance.now();
    const m = await import('./pkg/newslens.js');
    await m.default();
    const t1 = performance.now();
    m.analyze('Warm up, said Ann Lee.');
    window.newslens = m;
    return [t1 - t0, performance.now() - t1];
  });
  const [coldInit, coldFirst] = await load();
  console.log(`first visit: module load ${coldInit.toFixed(1)} ms, first analysis ${coldFirst.toFixed(1)} ms`);
  // A warm cache: reload, so the browser reuses the fetched and compiled module.
  await page.reload();
  const [warmInit, warmFirst] = await load();
  console.log(`warm cache: module load ${warmInit.toFixed(1)} ms, first analysis ${warmFirst.toFixed(1)} ms, ready in ${(warmInit + warmFirst).toFixed(1)} ms`);
  // Let the engine tier the wasm up before timing (the first calls run baseline code).
  await page.evaluate((t) => { for (let i = 0; i < 3; i++) window.newslens.analyze(t); }, corpus(200_000));
  for (const size of [10_000, 100_000, 1_000_000]) {
    const text = corpus(size);
    const r = await page.evaluate((t) => {
      const words = t.split(/\s+/).filter(Boolean).length;
      const runs = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        window.newslens.analyze(t);
        runs.push(performance.now() - t0);
      }
      runs.sort((a, b) => a - b);
      return { words, ms: runs[2] };
    }, text);
    console.log(`${String(size / 1000).padStart(5)} KB: ${r.ms.toFixed(1).padStart(7)} ms median of 5, ` +
      `${Math.round(r.words / (r.ms / 1000)).toLocaleString('en')} words/s, ${(size / 1e6 / (r.ms / 1000)).toFixed(2)} MB/s`);
  }
  // The CoNLL-2003 dev split as the scorer sends it, when ../shared is beside the repo.
  const devPath = new URL('../../../shared/data/conll2003/dev.txt', import.meta.url);
  let dev = null;
  try { dev = await readFile(devPath, 'utf8'); } catch { console.log('dev benchmark skipped: ../shared/data/conll2003/dev.txt is absent'); }
  if (dev) {
    const { docs, tokens } = conllDocs(dev);
    const ms = await page.evaluate((ds) => {
      for (const d of ds) window.newslens.analyze(d);
      const runs = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        for (const d of ds) window.newslens.analyze(d);
        runs.push(performance.now() - t0);
      }
      runs.sort((a, b) => a - b);
      return runs[2];
    }, docs);
    console.log(`CoNLL-2003 dev (${docs.length} docs, ${tokens} tokens): ${ms.toFixed(1)} ms median of 5, ` +
      `${Math.round(tokens / (ms / 1000)).toLocaleString('en')} tokens/s`);
  }
  // The page as a reader uses it: 1 MB pasted, analysed in the worker and drawn, the
  // longest task of the main thread meanwhile (PerformanceObserver `longtask`: tasks of
  // 50 ms or more).
  const reader = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await reader.goto(server.url);
  await reader.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  for (let run = 0; run < 3; run++) {
    const r = await reader.evaluate(async (t) => {
      const tasks = [];
      const seen = new PerformanceObserver((l) => { for (const e of l.getEntries()) tasks.push(e.duration); });
      seen.observe({ type: 'longtask' });
      document.querySelector('#article').value = t;
      const t0 = performance.now();
      document.querySelector('#analyse').click();
      const status = document.querySelector('#status');
      while (!/^Found .* ms\.$/.test(status.textContent)) await new Promise((r) => setTimeout(r, 20));
      const ms = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 500)); // the last frames
      seen.disconnect();
      return { ms, status: status.textContent, longest: Math.max(0, ...tasks), n: tasks.length };
    }, corpus(1_000_000));
    console.log(`page, 1 MB pasted, analysed and drawn: ${r.ms.toFixed(0)} ms (${r.status}); ` +
      `longest main-thread task ${r.longest.toFixed(0)} ms (${r.n} of 50 ms or more)`);
  }
  await reader.close();
  // Every input shape at 1 MB, as JavaScript gets it from the module, against prose.
  const shapesDir = process.env.SHAPES_DIR;
  if (!shapesDir) {
    console.log('shapes skipped: SHAPES_DIR is not set (make bench-browser sets it)');
  } else {
    const files = (await readdir(shapesDir)).filter((n) => n.endsWith('.txt')).sort();
    const first = ['prose.txt', ...files.filter((n) => n !== 'prose.txt')];
    let prose = null;
    let worst = 0;
    console.log('shape\tms at 1 MB (median of 5)\tx prose');
    for (const name of first) {
      const text = await readFile(join(shapesDir, name), 'utf8');
      const ms = await page.evaluate((t) => {
        const runs = [];
        for (let i = 0; i < 5; i++) {
          const t0 = performance.now();
          window.newslens.analyze(t);
          runs.push(performance.now() - t0);
        }
        return runs.sort((a, b) => a - b)[2];
      }, text);
      prose ??= ms;
      worst = Math.max(worst, ms / prose);
      console.log(`${name.replace(/\.txt$/, '')}\t${ms.toFixed(0)}\t${(ms / prose).toFixed(2)}`);
    }
    console.log(`shapes in Chromium: the slowest ${worst.toFixed(2)}x prose`);
  }
} finally {
  await browser.close();
  await server.close();
}
