// What the page (app.js) and <news-lens> (news-lens.js) share, and the package exports
// as `newslens/worker`: the client of the analysis worker (`Analyzer`), and the helpers
// that draw a result. The result comes ranked and
// grouped from Rust (`result.summary`): nothing here groups or counts.

/** A client of one analysis worker (worker.js): analyses run off the main thread, in
 * the order asked, and a long result comes back in parts, each a task of its own to
 * receive (no long block of the page).
 *
 *     const lens = new Analyzer();
 *     const result = await lens.analyze(text, { quotes: 'quoted' });
 */
export class Analyzer {
  #worker;
  #nextId = 0;
  /** The analyses asked for and not yet answered, by id: their promise's ends and the
   * parts of a long result received so far. */
  #waiting = new Map();

  /** Starts the worker; `workerUrl` is where worker.js is (beside this module if absent). */
  constructor(workerUrl = new URL('./worker.js', import.meta.url)) {
    this.#worker = new Worker(workerUrl, { type: 'module' });
    /** Resolves with newslens's version once the worker is ready; rejects if it cannot
     * start. */
    this.ready = new Promise((resolve, reject) => {
      this.#worker.onmessage = ({ data }) => {
        if (data.type === 'ready') {
          resolve(data.version);
          return;
        }
        const asked = this.#waiting.get(data.id);
        if (!asked) return;
        if (data.type === 'part') {
          (asked.parts[data.key] ??= []).push(...data.items);
          return;
        }
        this.#waiting.delete(data.id);
        if (data.type === 'result') {
          const result = { ...data.result, ...asked.parts };
          // The time the analysis itself took in the worker, in milliseconds.
          Object.defineProperty(result, 'ms', { value: data.ms, enumerable: false });
          asked.resolve(result);
        } else {
          asked.reject(new Error(data.message));
        }
      };
      this.#worker.onerror = (event) => {
        const err = new Error(event.message || 'the analyser could not start');
        reject(err);
        for (const asked of this.#waiting.values()) asked.reject(err);
        this.#waiting.clear();
      };
    });
  }

  /** Analyses `text` in the worker; `options.quotes` as `analyzeWith` takes it ("all",
   * the default, "quoted" or "rules"). Resolves with the `Analysis` (its `ms`, not
   * enumerable, is the time the analysis took in the worker). */
  async analyze(text, options = {}) {
    await this.ready;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject, parts: {} });
      this.#worker.postMessage({ id, text, quotes: options.quotes, parts: true });
    });
  }

  /** Stops the worker; analyses not yet answered are rejected. */
  terminate() {
    this.#worker.terminate();
    for (const asked of this.#waiting.values()) asked.reject(new Error('the analyser was stopped'));
    this.#waiting.clear();
  }
}

let shared = null;

/** The page's one shared analyser, started on first use (the page and every
 * `<news-lens>` on it use the same worker). */
export function sharedAnalyzer() {
  shared ??= new Analyzer();
  return shared;
}

/** An element: `class` and attributes with a dash (`data-*`, `aria-*`) set as
 * attributes, any other key as a property (`tabIndex`, `title`, `type`). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.includes('-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  node.append(...children);
  return node;
}

/** "1 quote", "2 quotes". */
export function count(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the text marks: each entity, and each role phrase that refers to a named person
 * ("the spokeswoman"), as that person's kind and group with `ref` set; in text order,
 * none overlapping another (an entity first). */
export function marksOf(result) {
  // The entities are in text order already; the role phrases, few, are merged in.
  const refs = result.groups.flatMap((g, group) => g.references.map((r) => ({ ...r, kind: g.kind, group, ref: g.name })))
    .sort((x, y) => x.start - y.start);
  const out = [];
  let at = 0;
  let r = 0;
  const take = (m) => {
    if (m.start >= at) {
      out.push(m);
      at = m.end;
    }
  };
  result.entities.forEach((e, entity) => {
    while (r < refs.length && refs[r].start < e.start) take(refs[r++]);
    take({ ...e, entity });
  });
  while (r < refs.length) take(refs[r++]);
  return out;
}

/** Names the model is less sure of than this (the probability that a name is right,
 * calibrated on three news and web dev sets) are drawn dimmed. */
export const UNSURE = 0.7;

/** An entity mark's attributes: its kind, its tooltip ("person · 62% sure") and, for a
 * name the model is unsure of, the class `unsure`. */
export function markAttrs(e) {
  const sure = e.confidence == null ? '' : ` · ${Math.round(e.confidence * 100)}% sure`;
  const attrs = { 'data-kind': e.kind, title: `${e.kind}${sure}` };
  if (e.confidence != null && e.confidence < UNSURE) attrs.class = 'unsure';
  return attrs;
}

/** Quotes less likely right than not (the probability that the words are someone's,
 * found as a careful reader would mark them, and said by the speaker given, calibrated
 * on PolNeAR dev) are shown as unsure, and the page can hide them. */
export const UNSURE_QUOTE = 0.5;

/** How sure a quote's attribution is, as a reader reads it: "62% sure". */
export function quoteSure(q) {
  return `${Math.round(q.confidence * 100)}% sure`;
}

/** The class of a quote's card and text: its kind, and `unsure` below UNSURE_QUOTE. */
export function quoteClass(q) {
  return q.confidence < UNSURE_QUOTE ? `${q.kind} unsure` : q.kind;
}

/** Who said what, as the summary lists it: each speaker (most quoted first) with the
 * indices of their quotes in text order, then the unattributed ones; `key` names the
 * entry for filters. */
export function speakers(result) {
  const { speakers: said, unattributed } = result.summary;
  const list = said.map((s, k) => ({ key: `s${k}`, name: s.name, group: s.group, quotes: s.quotes }));
  if (unattributed.length) list.push({ key: 'none', name: 'Unattributed', group: null, quotes: unattributed });
  return list;
}

/** A cue as a reader names it: a headline's or a transcript's colon ("Okoye: We
 * will ...") is "a label and a colon", not a lone ":". */
export function cueText(cue) {
  return cue.text === ':' ? 'a label and a colon' : cue.text;
}

/** A quote's kind as a reader names it. */
export function kindText(kind) {
  return kind === 'indirect' ? 'indirect · reported' : kind;
}

/** A quote's words: its pieces, with " … " where its cue interrupts it, and the
 * speaker's own words inside a mixed quote set apart (em.own). */
export function words(q) {
  const out = [];
  q.parts.forEach((p, k) => {
    if (k) out.push(' … ');
    let at = p.start;
    for (const w of q.quoted.filter((w) => p.start <= w.start && w.end <= p.end)) {
      out.push(p.text.slice(at - p.start, w.start - p.start), el('em', { class: 'own' }, w.text));
      at = w.end;
    }
    out.push(p.text.slice(at - p.start));
  });
  return out;
}
