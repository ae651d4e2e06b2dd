// What the page (app.js) and <news-lens> (news-lens.js) share: the client of the one
// analysis worker, and the helpers that draw a result. The result comes ranked and
// grouped from Rust (`result.summary`): nothing here groups or counts.

let worker = null;
let ready = null;
let nextId = 0;
/** The analyses asked for and not yet answered, by id: their promise's ends and the
 * parts of a long result received so far. */
const waiting = new Map();

/** Starts the page's one analysis worker (worker.js), if it is not started yet;
 * resolves with newslens's version once it is ready, rejects if it cannot start. */
export function start() {
  if (ready) return ready;
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  ready = new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data.type === 'ready') {
        resolve(data.version);
        return;
      }
      const asked = waiting.get(data.id);
      if (!asked) return;
      if (data.type === 'part') {
        // A long result comes in parts, each a task of its own to receive.
        (asked.parts[data.key] ??= []).push(...data.items);
        return;
      }
      waiting.delete(data.id);
      if (data.type === 'result') {
        const result = { ...data.result, ...asked.parts };
        asked.resolve({ result, ms: data.ms });
      } else {
        asked.reject(new Error(data.message));
      }
    };
    worker.onerror = (event) => {
      const err = new Error(event.message || 'the analyser could not start');
      reject(err);
      for (const asked of waiting.values()) asked.reject(err);
      waiting.clear();
    };
  });
  return ready;
}

/** Analyses `text` in the worker, quotes found as `quotes` says ("all", "quoted",
 * "rules"; the default if undefined); resolves with `{ result, ms }`, the `Analysis`
 * (see pkg/newslens.d.ts) and the milliseconds it took. */
export async function analyze(text, quotes) {
  await start();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject, parts: {} });
    worker.postMessage({ id, text, quotes, parts: true });
  });
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
