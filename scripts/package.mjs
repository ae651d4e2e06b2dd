// Assembles the npm package in target/npm/newslens from the built site (www/, after
// `make build`): one copy of the wasm and its web glue, an entry for Node that loads
// the wasm synchronously, one for browsers and bundlers with `init()`, the element,
// the worker client, types, package.json (version from Cargo.toml) and a README.
// `make package` runs it, then `npm pack`.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'target', 'npm', 'newslens');
const www = join(root, 'www');
const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, 'm'))[1];

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'pkg'), { recursive: true });
for (const f of ['newslens.js', 'newslens.d.ts', 'newslens_bg.wasm']) {
  cpSync(join(www, 'pkg', f), join(out, 'pkg', f));
}
for (const f of ['news-lens.js', 'news-lens.d.ts', 'news-lens.css', 'lens.js', 'lens.d.ts', 'worker.js']) {
  cpSync(join(www, f), join(out, f));
}

const types = `export type {
  Analysis, AnalyzeOptions, Entity, EntityKind, Group, Person, Quote, QuoteKind, Said,
  Sentence, Speaker, Summary, TextSpan,
} from './pkg/newslens.js';
export { analyze, analyzeWith, version } from './pkg/newslens.js';
/** Loads the wasm, once: from \`source\` (a URL, a Response, bytes or a compiled module),
 * else from beside this module. In Node it is loaded already: this resolves at once. */
export function init(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
export default init;
`;
writeFileSync(join(out, 'index.d.ts'), types);

writeFileSync(join(out, 'index.js'), `// Browsers and bundlers: call \`await init()\` once, then analyze.
import wasmInit, { analyze, analyzeWith, version } from './pkg/newslens.js';

let ready = null;

/** Loads the wasm, once: from \`source\` (a URL, a Response, bytes or a compiled module),
 * else from beside this module (a bundler copies it when it follows \`new URL\`). */
export function init(source) {
  ready ??= wasmInit(source === undefined ? undefined : { module_or_path: source }).then(() => {});
  return ready;
}

export { analyze, analyzeWith, version };
export default init;
`);

writeFileSync(join(out, 'node.js'), `// Node: the wasm is read from the package and compiled as this module loads, so
// \`analyze\` works at once, with no init call.
import { readFileSync } from 'node:fs';
import { initSync, analyze, analyzeWith, version } from './pkg/newslens.js';

initSync({ module: readFileSync(new URL('./pkg/newslens_bg.wasm', import.meta.url)) });

/** Nothing to wait for in Node: the wasm is loaded already. */
export function init() {
  return Promise.resolve();
}

export { analyze, analyzeWith, version };
export default init;
`);

const pkg = {
  name: 'newslens',
  version: field('version'),
  description: field('description'),
  license: field('license'),
  keywords: ['news', 'nlp', 'named-entity-recognition', 'quotation', 'attribution', 'wasm', 'offline'],
  type: 'module',
  engines: { node: '>=18' },
  exports: {
    '.': { types: './index.d.ts', node: './node.js', default: './index.js' },
    './element': { types: './news-lens.d.ts', default: './news-lens.js' },
    './news-lens.css': './news-lens.css',
    './worker': { types: './lens.d.ts', default: './lens.js' },
    './worker.js': './worker.js',
    './pkg/newslens_bg.wasm': './pkg/newslens_bg.wasm',
    './package.json': './package.json',
  },
  types: './index.d.ts',
  files: ['index.js', 'index.d.ts', 'node.js', 'pkg/', 'news-lens.js', 'news-lens.d.ts',
    'news-lens.css', 'lens.js', 'lens.d.ts', 'worker.js', 'README.md'],
  sideEffects: ['./news-lens.js', './node.js'],
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);

writeFileSync(join(out, 'README.md'), `# newslens

Who is in a news article, and who said what, analysed where your JavaScript runs (one
WebAssembly module, models included; nothing is fetched from anywhere else).

\`\`\`js
import { analyze, analyzeWith } from 'newslens';   // Node: ready at once
const result = analyze('"We will rebuild," Mayor Ann Lee said.');
console.log(result.quotes[0].speaker.name);         // Ann Lee
console.log(result.summary.speakers);               // who said what
analyzeWith(text, { quotes: 'quoted' });           // "all" (default), "quoted", "rules"
\`\`\`

In a browser or through a bundler, call \`await init()\` once first (it loads the wasm
from beside the module, or from the URL or bytes you give). \`newslens/element\` defines
\`<news-lens>\`, which analyses its text in a Web Worker and shows the article with its
entities, people and who said what; \`newslens/worker\` is the worker client they use
(\`const lens = new Analyzer(); await lens.analyze(text)\`). Offsets are UTF-16 code units: \`text.slice(start,
end)\` is each span's text. Types for everything are included.

Licences: the code is ${field('license')}; the compiled models were learned from
CoNLL-2003 (Reuters RCV1 news, research use) and PolNeAR (research use), which they
carry as weights and word counts only.
`);
console.log(`target/npm/newslens: newslens ${pkg.version}`);
