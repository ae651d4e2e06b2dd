// <news-lens>: a drop-in element that analyses a news article on the reader's machine
// and shows it with its entities highlighted, the people and organisations it names,
// and who said what.
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

import { count, cueText, el, kindText, markAttrs, marksOf, quoteClass, quoteSure, sharedAnalyzer, speakers, words } from './lens.js';

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
      el('ul', { class: 'people', part: 'people', 'aria-label': 'People and organisations' }),
      el('ol', { class: 'quotes', part: 'quotes', 'aria-label': 'Who said what' }),
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
      result = await sharedAnalyzer().analyze(text, { quotes: this.getAttribute('quotes') ?? undefined });
    } catch (err) {
      this.dispatchEvent(new CustomEvent('error', { detail: err }));
      return;
    }
    if (run !== this.#run) return; // a newer text came in meanwhile
    this.#result = result;
    this.#render(text, result);
    this.dispatchEvent(new CustomEvent('analyzed', { detail: result, bubbles: true }));
  }

  #render(text, result) {
    const frag = document.createDocumentFragment();
    // The entities, and the role phrases that refer to a named person ("the
    // spokeswoman", mark.ref), in text order.
    let at = 0;
    for (const m of marksOf(result)) {
      frag.append(text.slice(at, m.start), m.ref
        ? el('mark', { class: 'ref', 'data-kind': m.kind, title: `${m.kind}: refers to ${m.ref}` }, text.slice(m.start, m.end))
        : el('mark', markAttrs(m), text.slice(m.start, m.end)));
      at = m.end;
    }
    frag.append(text.slice(at));
    this.#root.querySelector('.article').replaceChildren(frag);
    // The people and organisations, most mentioned first.
    this.#root.querySelector('.people').replaceChildren(...result.summary.people.map((p) => el('li', {},
      el('mark', { 'data-kind': p.kind }, p.name),
      el('span', { class: 'count' }, ` ${count(p.mentions, 'mention')}${p.quotes ? `, ${count(p.quotes, 'quote')}` : ''}`))));
    // Who said what: each speaker with their quotes in text order.
    this.#root.querySelector('.quotes').replaceChildren(...speakers(result).map((s) => el('li', { class: 'speaker-group' },
      el('h3', {}, el('span', { class: 'speaker' }, s.name), el('span', { class: 'count' }, ` ${count(s.quotes.length, 'quote')}`)),
      el('ol', {}, ...s.quotes.map((i) => {
        const q = result.quotes[i];
        return el('li', { class: `quote ${quoteClass(q)}` },
          el('blockquote', {}, ...words(q)),
          el('p', { class: 'meta' },
            el('span', { class: 'kind' }, kindText(q.kind)),
            ' · ', el('span', { class: 'sure' }, quoteSure(q)),
            ...(q.cue ? [' · ', el('span', { class: 'cue' }, `cue: ${cueText(q.cue)}`)] : [])));
      })))));
  }
}

if (!customElements.get('news-lens')) customElements.define('news-lens', NewsLens);
