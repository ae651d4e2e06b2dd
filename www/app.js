// The page: sends the article to the worker, renders the result with text nodes only
// (never innerHTML with article text), and links cards and entities to their spans.
import { EXAMPLE } from './example.js';
import { count, cueText, el, kindText, markAttrs, marksOf, quoteClass, quoteSure, sharedAnalyzer, speakers, words } from './lens.js';

const $ = (id) => document.getElementById(id);
const input = $('article');
const analyseButton = $('analyse');
const status = $('status');

// Offline after the first visit (see sw.js). Not on file:// or where it is switched off.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('./sw.js').catch(() => {});
}

let typing = null; // the debounce timer of re-analysis as you type
let last = null; // the text and result on show
let latest = 0; // the analysis whose result is to be shown

const lens = sharedAnalyzer();
lens.ready.then((version) => {
  analyseButton.disabled = false;
  status.textContent = 'Ready.';
  $('version').textContent = `newslens ${version}`;
  document.body.dataset.ready = 'true';
}, (err) => {
  status.textContent = `The analyser could not start: ${err.message}`;
});

/** The longest text the page analyses, in UTF-16 code units (12 MB of English): 10 MB
 * takes some 5 seconds to analyse and 15 more to draw on two cores, and longer texts
 * ask more memory than a tab is sure to have; the command line reads any length. */
export const MAX_TEXT = 12_000_000;

async function analyze() {
  clearTimeout(typing);
  const text = input.value;
  if (text.length > MAX_TEXT) {
    status.textContent = `This text is ${(text.length / 1e6).toFixed(1)} million characters long; the page `
      + `analyses up to ${MAX_TEXT / 1e6} million at a time. Analyse it in parts, or with the newslens `
      + 'command line, which reads any length.';
    return;
  }
  drawing++; // a drawing under way stops
  const id = ++latest;
  analyseButton.disabled = true;
  $('busy').hidden = false;
  status.textContent = text.length > 200000 ? 'Analysing a long article…' : 'Analysing…';
  let result;
  try {
    result = await lens.analyze(text, { quotes: $('reported').checked ? 'all' : 'quoted' });
  } catch (err) {
    if (id !== latest) return;
    status.textContent = `The analysis failed: ${err.message}`;
    analyseButton.disabled = false;
    $('busy').hidden = true;
    return;
  }
  if (id !== latest) return;
  analyseButton.disabled = false;
  const found = `Found ${result.entities.length} entities and ${result.quotes.length} quotes in ${result.ms.toFixed(0)} ms.`;
  status.textContent = `${found} Drawing…`;
  if (await render(text, result)) {
    status.textContent = found;
    $('busy').hidden = true;
  }
}

analyseButton.addEventListener('click', analyze);
// Reading for all reported speech or not: the article on show is analysed again.
$('reported').addEventListener('change', () => {
  if (!analyseButton.disabled && last) analyze();
});
$('example').addEventListener('click', () => {
  input.value = EXAMPLE;
  if (!analyseButton.disabled) analyze();
});
// Re-analysis as you type, once the typing pauses.
input.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    if (!analyseButton.disabled && input.value.trim() && input.value !== last?.text) analyze();
  }, 400);
});

/** An HTML document's readable text, without ever building its elements: comments,
 * scripts, styles and the head cut out, block tags turned into paragraph breaks, every
 * other tag dropped; only then are the entities decoded, through an inert <template>
 * that by now holds nothing but text. No script runs, nothing loads, no handler or
 * style attribute is ever seen by the browser. */
export function htmlToText(html) {
  const blocks = /<\/?(p|div|br|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|article|section|header|footer|tr|table|figure|figcaption|pre|hr)\b[^>]*>/gi;
  const BREAK = '\uE000'; // a private-use mark for paragraph breaks
  const text = html
    .replaceAll(BREAK, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|head|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(blocks, BREAK)
    .replace(/<[^>]*>/g, '')
    .replaceAll('<', '&lt;');
  const t = document.createElement('template');
  t.innerHTML = text;
  return t.content.textContent
    .replace(/\s+/g, ' ')
    .split(BREAK)
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n\n');
}

async function openFile(file) {
  if (!file) return;
  const raw = await file.text();
  const html = /\.html?$/i.test(file.name) || file.type === 'text/html';
  input.value = html ? htmlToText(raw) : raw;
  status.textContent = `Opened ${file.name}.`;
  if (!analyseButton.disabled) analyze();
}
$('file').addEventListener('change', (e) => { openFile(e.target.files[0]); e.target.value = ''; });
const dropZone = document.querySelector('section.input');
dropZone.addEventListener('dragover', (e) => { e.preventDefault(); dropZone.classList.add('dragging'); });
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
dropZone.addEventListener('drop', (e) => {
  const file = e.dataTransfer?.files?.[0];
  dropZone.classList.remove('dragging');
  if (file) { e.preventDefault(); openFile(file); }
});

// Saving the result: the whole analysis as JSON, the quotes as CSV.
function save(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
const asJson = () => JSON.stringify({ text: last.text, ...last.result }, null, 2);
/** One CSV cell: quoted, quotes doubled, and a leading = + - @ defused for spreadsheets. */
const cell = (v) => {
  const s = String(v ?? '');
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replaceAll('"', '""')}"`;
};
export function quotesCsv(result) {
  const rows = [['speaker', 'quote', 'kind', 'cue', 'confidence', 'start', 'end']];
  for (const q of result.quotes) {
    rows.push([q.speaker ? q.speaker.name : '', q.text, q.kind, q.cue ? q.cue.text : '', q.confidence, q.start, q.end]);
  }
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
export function entitiesCsv(result) {
  const rows = [['text', 'kind', 'confidence', 'group', 'name', 'start', 'end']];
  for (const e of result.entities) {
    const group = e.group === null ? null : result.groups[e.group];
    rows.push([e.text, e.kind, e.confidence ?? '', e.group ?? '', group ? group.name : '', e.start, e.end]);
  }
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
$('download-json').addEventListener('click', () => last && save('newslens.json', 'application/json', asJson()));
$('download-csv').addEventListener('click', () => last && save('newslens-quotes.csv', 'text/csv', quotesCsv(last.result)));
$('download-entities').addEventListener('click', () => last && save('newslens-entities.csv', 'text/csv', entitiesCsv(last.result)));
$('download-report').addEventListener('click', async () => {
  if (!last) return;
  const css = await fetch('style.css').then((r) => r.text()).catch(() => '');
  save('newslens-report.html', 'text/html', reportHtml(last.result, css));
});
$('copy-json').addEventListener('click', async () => {
  if (!last) return;
  try {
    await navigator.clipboard.writeText(asJson());
    status.textContent = 'Copied the result as JSON.';
  } catch {
    status.textContent = 'Copying is not allowed here; use Download JSON.';
  }
});

input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !analyseButton.disabled) analyze();
});

/** The drawing under way: a newer one (or a new analysis) stops an older one. */
let drawing = 0;

/** Calls `step` until it returns false, giving the browser its turn whenever a slice has
 * run for 25 ms, so that no drawing blocks the page for long; false if drawing `run`
 * was stopped meanwhile. */
async function inSlices(run, step) {
  let t = performance.now();
  while (step()) {
    if (performance.now() - t > 25) {
      await (globalThis.scheduler?.yield ? scheduler.yield() : new Promise((r) => setTimeout(r, 0)));
      if (run !== drawing) return false;
      t = performance.now();
    }
  }
  return run === drawing;
}

function flash(nodes) {
  const list = [...nodes];
  if (!list.length) return;
  list[0].scrollIntoView({ behavior: 'smooth', block: 'center' });
  for (const n of list) {
    n.classList.remove('flash');
    void n.offsetWidth; // restart the animation
    n.classList.add('flash');
  }
}

/** How many characters a block of the text pane holds at least, when it can end at a
 * line break: blocks off screen are not laid out (`content-visibility: auto`). */
const BLOCK = 2000;

/** The article as text nodes, entities as <mark data-kind> (a role phrase that refers to
 * a named person, mark.ref), quotes as span.qspan (each piece of a quote its cue
 * interrupts on its own, the cue between left plain; the speaker's own words inside a
 * mixed quote, span.qspan.quoted, a span in its span); in blocks (div.block) of a few
 * paragraphs each, drawn in slices. */
function renderText(text, result, run) {
  const entities = marksOf(result);
  const quotes = result.quotes.flatMap((q, index) => [
    ...q.parts.map((p) => ({ ...p, kind: quoteClass(q), index })),
    ...q.quoted.map((p) => ({ ...p, kind: 'quoted', index })),
  ]).sort((x, y) => x.start - y.start || y.end - x.end);
  // Where a block may end: after a line break; in a paragraph many blocks long, at any
  // cut outside a name.
  const breaks = [];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + BLOCK)) breaks.push(at + 1);
  // Every start and end, sorted as numbers (a typed array's sort) without repeats.
  const all = new Float64Array(2 * (entities.length + quotes.length) + breaks.length + 2);
  let n = 0;
  for (const s of entities) { all[n++] = s.start; all[n++] = s.end; }
  for (const s of quotes) { all[n++] = s.start; all[n++] = s.end; }
  for (const b of breaks) all[n++] = b;
  all[n++] = 0;
  all[n++] = text.length;
  all.sort();
  const points = all.filter((p, k) => k === 0 || p !== all[k - 1]);
  const box = $('text');
  box.replaceChildren();
  let block = null;
  let blockStart = 0;
  let ei = 0;
  let qi = 0;
  let i = 0;
  return inSlices(run, () => {
    if (i + 1 >= points.length) {
      if (block) box.append(block);
      return false;
    }
    const a = points[i];
    const b = points[i + 1];
    i++;
    while (ei < entities.length && entities[ei].end <= a) ei++;
    while (qi < quotes.length && quotes[qi].end <= a) qi++;
    const e = entities[ei];
    const inName = e && e.start < a;
    const full = a - blockStart >= BLOCK && (text[a - 1] === '\n' || (a - blockStart >= 4 * BLOCK && !inName));
    if (!block || full) {
      if (block) box.append(block);
      block = el('div', { class: 'block' });
      blockStart = a;
    }
    let node = document.createTextNode(text.slice(a, b));
    if (e && e.start <= a && b <= e.end) {
      node = e.ref
        ? el('mark', { class: 'ref', 'data-kind': e.kind, title: `${e.kind}: refers to ${e.ref}` }, node)
        : el('mark', { ...markAttrs(e), 'data-entity': String(e.entity) }, node);
      if (e.group !== null) {
        node.dataset.group = String(e.group);
        node.tabIndex = 0;
      }
    }
    // The pieces over this stretch, innermost (started last) wrapped first.
    const over = [];
    for (let k = qi; k < quotes.length && quotes[k].start <= a; k++) {
      if (b <= quotes[k].end) over.push(quotes[k]);
    }
    for (const q of over.reverse()) {
      node = el('span', { class: `qspan ${q.kind}`, 'data-quote': String(q.index) }, node);
    }
    block.append(node);
    return true;
  });
}

/** The people and organisations, as the summary ranks them: each a button that shows
 * its mentions in the text. */
function renderPeople(result, run) {
  const list = $('people');
  const people = result.summary.people;
  list.replaceChildren();
  if (!people.length) list.append(el('li', { class: 'empty' }, 'No people or organisations found.'));
  let k = 0;
  return inSlices(run, () => {
    const p = people[k++];
    if (!p) return false;
    // Its names and the role phrases that refer to it ("the spokeswoman").
    const button = el('button', { type: 'button', class: 'person' },
      el('mark', { 'data-kind': p.kind }, p.name),
      el('span', { class: 'count' }, ` ${count(p.mentions, 'mention')}${p.quotes ? `, ${count(p.quotes, 'quote')}` : ''}`));
    button.addEventListener('click', () => flash(document.querySelectorAll(`#text mark[data-group="${p.group}"]`)));
    list.append(el('li', {}, button));
    return true;
  });
}

/** Who said what: one entry per speaker (most quotes first, unattributed last), each
 * with its quote cards in text order; indirect (reported) speech marked apart. */
function renderQuotes(result, run) {
  const list = $('quotes');
  $('quote-count').textContent = `(${result.quotes.length})`;
  const ordered = speakers(result);
  const filter = $('speaker-filter');
  filter.replaceChildren(el('option', { value: '' }, 'all'),
    ...ordered.map((s) => el('option', { value: s.key }, `${s.name} (${s.quotes.length})`)));
  list.replaceChildren();
  if (!result.quotes.length) list.append(el('li', { class: 'empty' }, 'No quotations found.'));
  // One card a step (a speaker's list may hold thousands), shown as the filters say.
  let s = 0;
  let k = 0;
  let group = null;
  let shown = 0;
  return inSlices(run, () => {
    const speaker = ordered[s];
    if (!speaker) return false;
    if (k === 0) {
      group = el('li', { class: 'speaker-group', 'data-speaker': speaker.key },
        el('h3', {}, speaker.name, el('span', { class: 'count' }, ` ${count(speaker.quotes.length, 'quote')}`)),
        el('ol', { class: 'quotes' }));
      shown = 0;
      list.append(group);
    }
    const i = speaker.quotes[k++];
    const q = result.quotes[i];
    const c = card(q, i);
    c.hidden = !shows(speaker.key, q.kind, c.classList.contains('unsure'));
    shown += !c.hidden;
    group.lastChild.append(c);
    if (k === speaker.quotes.length) {
      group.hidden = shown === 0;
      s++;
      k = 0;
    }
    return true;
  });
}

function card(q, i) {
  const who = q.speaker
    ? (q.speaker.name === q.speaker.text ? q.speaker.name : `${q.speaker.name} (“${q.speaker.text}”)`)
    : 'Unattributed';
  const reported = q.kind === 'indirect';
  const node = el('li', { class: `quote ${quoteClass(q)}`, tabIndex: 0, 'data-quote': String(i), 'data-kind': q.kind },
    el('blockquote', {}, ...words(q)),
    el('p', { class: 'meta' },
      el('span', { class: 'speaker' }, who),
      el('span', { class: 'kind', title: reported ? 'reported speech, not in quotation marks' : 'in quotation marks' },
        kindText(q.kind)),
      el('span', { class: 'sure', title: 'how likely these words and their speaker are right' }, quoteSure(q)),
      q.cue ? el('span', { class: 'cue' }, `cue: ${cueText(q.cue)}`) : ''));
  const show = () => flash(document.querySelectorAll(`#text .qspan[data-quote="${i}"]`));
  node.addEventListener('click', show);
  node.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(); } });
  return node;
}

/** Hides the cards the kind and speaker filters leave out, and speakers left empty. */
function applyFilters() {
  for (const group of document.querySelectorAll('#quotes .speaker-group')) {
    let shown = 0;
    for (const c of group.querySelectorAll('.quote')) {
      c.hidden = !shows(group.dataset.speaker, c.dataset.kind, c.classList.contains('unsure'));
      shown += !c.hidden;
    }
    group.hidden = shown === 0;
  }
}

/** Whether the filters show a card of this speaker (key) and kind, unsure or not. */
function shows(speaker, kind, unsure) {
  const k = $('kind-filter').value;
  const s = $('speaker-filter').value;
  return (!k || kind === k || (k === 'quoted' && kind !== 'indirect')) && (!s || speaker === s)
    && !(unsure && $('hide-unsure').checked);
}
$('kind-filter').addEventListener('change', applyFilters);
$('speaker-filter').addEventListener('change', applyFilters);
$('hide-unsure').addEventListener('change', () => {
  $('text').classList.toggle('hide-unsure', $('hide-unsure').checked);
  applyFilters();
});

// The legend: a count per kind, and a box to hide each kind's highlights.
for (const box of document.querySelectorAll('.legend input[data-kind]')) {
  box.addEventListener('change', () => $('text').classList.toggle(`hide-${box.dataset.kind}`, !box.checked));
}
function renderLegend(result) {
  const counts = {};
  for (const e of result.entities) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  for (const c of document.querySelectorAll('.legend [data-count]')) c.textContent = String(counts[c.dataset.count] ?? 0);
}

// Hovering or focusing a mention outlines every mention of the same entity.
function showSame(event, on) {
  const mark = event.target.closest?.('mark[data-group]');
  if (!mark) return;
  for (const m of document.querySelectorAll(`#text mark[data-group="${mark.dataset.group}"]`)) m.classList.toggle('same', on);
}
$('text').addEventListener('mouseover', (e) => showSame(e, true));
$('text').addEventListener('mouseout', (e) => showSame(e, false));
$('text').addEventListener('focusin', (e) => showSame(e, true));
$('text').addEventListener('focusout', (e) => showSame(e, false));

$('text').addEventListener('click', (event) => {
  const mark = event.target.closest('mark[data-group]');
  if (mark) flash(document.querySelectorAll(`#text mark[data-group="${mark.dataset.group}"]`));
});

/** Text escaped for HTML, in element content and in double-quoted attributes. */
const esc = (s) => String(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** A static HTML report of the article on show: the highlighted text (the page's own
 * text pane, serialised, so the article's text comes out escaped), the counts per kind,
 * and who said what. The file carries no script, and its Content-Security-Policy
 * allows none. */
export function reportHtml(result, css) {
  const pane = $('text').cloneNode(true);
  pane.removeAttribute('tabindex');
  pane.removeAttribute('aria-label');
  pane.removeAttribute('id');
  pane.className = 'text';
  for (const m of pane.querySelectorAll('mark')) m.removeAttribute('tabindex');
  for (const n of pane.querySelectorAll('.flash, .same')) n.classList.remove('flash', 'same');
  for (const n of pane.querySelectorAll('[class=""]')) n.removeAttribute('class');
  const counts = {};
  for (const e of result.entities) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  const legend = Object.entries(counts).map(([k, n]) => `<li><mark data-kind="${esc(k)}">${esc(k)}</mark> ${n}</li>`).join('');
  const card = (q) => `<li class="quote ${esc(quoteClass(q))}">${el('blockquote', {}, ...words(q)).outerHTML}`
    + `<p class="meta"><span class="speaker">${esc(q.speaker ? q.speaker.name : 'Unattributed')}</span>`
    + `<span class="kind">${esc(kindText(q.kind))}</span><span class="sure">${esc(quoteSure(q))}</span>`
    + `${q.cue ? `<span class="cue">cue: ${esc(cueText(q.cue))}</span>` : ''}</p></li>`;
  const quotes = speakers(result).map((s) => `<li class="speaker-group"><h3>${esc(s.name)}`
    + `<span class="count"> ${count(s.quotes.length, 'quote')}</span></h3>\n<ol class="quotes">\n`
    + `${s.quotes.map((i) => card(result.quotes[i])).join('\n')}\n</ol></li>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newslens report</title>
<style>${css.replaceAll('</', '<\\/')}
body { max-width: 60rem; margin: 0 auto; padding: 0 1rem 2rem; } .text { max-height: none; } .quote, mark { cursor: auto; }</style>
</head><body><main>
<h1>newslens report</h1>
<p class="tagline">${result.entities.length} entities and ${result.quotes.length} quotes, found by newslens on ${new Date().toISOString().slice(0, 10)}.</p>
<ul class="legend" aria-label="Entity kinds">${legend}</ul>
<h2>Article</h2>
${pane.outerHTML}
<h2>Who said what</h2>
<ol class="quotes">
${quotes}
</ol>
</main></body></html>
`;
}

/** Draws the result of `text`, in slices; true once all is drawn, false if a newer
 * drawing or analysis stopped it. */
async function render(text, result) {
  const run = ++drawing;
  last = { text, result };
  $('results').hidden = false;
  renderLegend(result);
  return await renderText(text, result, run)
    && await renderPeople(result, run)
    && renderQuotes(result, run);
}
