// <news-lens>: a drop-in element that analyses a news article on the reader's machine
// and shows it with its entities highlighted and its quotes listed with their speakers.
//
//   <script type="module" src="/newslens/news-lens.js"></script>
//   <news-lens>President Ann Lee said on Monday that ...</news-lens>
//
// The text is the element's own text content, or its `text` attribute or property.
// `quotes="quoted"` reads only the sentences with quotation marks (faster, little
// reported speech; `"rules"`: the rules alone); the default, `"all"`, as `analyzeWith`
// takes it, finds reported speech in every sentence with a likely cue too.
// The analysis runs in a Web Worker; when it is done the element fires `analyzed`
// (bubbling) with the result (see pkg/newslens.d.ts, `Analysis`) as `event.detail`.
// Everything is drawn in a shadow root with its own stylesheet: no CSS leaks in or out,
// and the article is only ever written as text nodes.

let worker = null;
let nextId = 0;
const waiting = new Map();

/** The page's one analysis worker, started on first use. */
function analyze(text, quotes) {
  if (!worker) {
    worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => {
      const done = waiting.get(data.id);
      if (!done) return;
      waiting.delete(data.id);
      if (data.type === 'result') done.resolve(data.result);
      else done.reject(new Error(data.message));
    };
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, text, quotes });
  });
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** A quote's words: its pieces joined by " … ", the speaker's own words inside a mixed
 * quote in <em>. */
function words(q) {
  return q.parts.flatMap((p, k) => {
    const out = k ? [' … '] : [];
    let at = p.start;
    for (const w of q.quoted.filter((w) => p.start <= w.start && w.end <= p.end)) {
      out.push(p.text.slice(at - p.start, w.start - p.start), el('em', {}, w.text));
      at = w.end;
    }
    out.push(p.text.slice(at - p.start));
    return out;
  });
}

export class NewsLens extends HTMLElement {
  static observedAttributes = ['text', 'quotes'];

  #text = null;
  #result = null;
  #run = 0;
  #root;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.append(
      el('link', { rel: 'stylesheet', href: new URL('./news-lens.css', import.meta.url).href }),
      el('div', { class: 'article', part: 'article' }),
      el('ol', { class: 'quotes', part: 'quotes', 'aria-label': 'Quotes' }),
    );
  }

  /** The text analysed: the `text` attribute or property, else the text content. */
  get text() {
    return this.#text ?? this.getAttribute('text') ?? this.textContent.trim();
  }

  set text(value) {
    this.#text = String(value);
    this.#update();
  }

  /** The last analysis, or null before the first one ends. */
  get result() {
    return this.#result;
  }

  connectedCallback() {
    this.#update();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#update();
  }

  async #update() {
    const run = ++this.#run;
    const text = this.text;
    let result;
    try {
      result = await analyze(text, this.getAttribute('quotes') ?? undefined);
    } catch (err) {
      this.dispatchEvent(new CustomEvent('error', { detail: err }));
      return;
    }
    if (run !== this.#run) return; // a newer text came in meanwhile
    this.#result = result;
    this.#render(text, result);
    this.dispatchEvent(new CustomEvent('analyzed', { detail: result, bubbles: true }));
  }

  #render(text, { entities, groups, quotes }) {
    const article = this.#root.querySelector('.article');
    const frag = document.createDocumentFragment();
    // The entities, and the role phrases that refer to a named person ("the
    // spokeswoman", mark.ref), in text order; an entity first where they meet.
    const refs = groups.flatMap((g) => g.references.map((r) => ({ ...r, kind: g.kind, ref: g.name })));
    const marks = [...entities, ...refs].sort((x, y) => x.start - y.start || !!x.ref - !!y.ref);
    let at = 0;
    for (const e of marks) {
      if (e.start < at) continue;
      frag.append(text.slice(at, e.start), e.ref
        ? el('mark', { class: 'ref', 'data-kind': e.kind, title: `${e.kind}: refers to ${e.ref}` }, text.slice(e.start, e.end))
        : el('mark', { 'data-kind': e.kind, title: e.kind }, text.slice(e.start, e.end)));
      at = e.end;
    }
    frag.append(text.slice(at));
    article.replaceChildren(frag);
    this.#root.querySelector('.quotes').replaceChildren(...quotes.map((q) => el('li', { class: `quote ${q.kind}` },
      el('blockquote', {}, ...words(q)),
      el('p', { class: 'meta' },
        el('span', { class: 'speaker' }, q.speaker ? q.speaker.name : 'Unattributed'),
        ' · ',
        el('span', { class: 'kind' }, q.kind === 'indirect' ? 'reported' : q.kind),
        // A headline's or a transcript's colon ("Okoye: ...") is named in words.
        ...(q.cue ? [' · ', el('span', { class: 'cue' }, q.cue.text === ':' ? 'a label and a colon' : q.cue.text)] : [])))));
  }
}

if (!customElements.get('news-lens')) customElements.define('news-lens', NewsLens);
