// Assembles the npm package in target/npm/newslens from the built site (www/, after
// `make build`): one copy of the wasm and its web glue, an entry for Node that loads
// the wasm synchronously, one for browsers and bundlers with `init()`, the element,
// the worker client, types, package.json (version from Cargo.toml) and a README.
// `make package` runs it, then `npm pack`.
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'target', 'npm', 'newslens');
const www = join(root, 'www');
const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, 'm'))[1];

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'pkg'), { recursive: true });
mkdirSync(join(out, 'bin'));
for (const f of ['newslens.js', 'newslens.d.ts', 'newslens_bg.wasm']) {
  cpSync(join(www, 'pkg', f), join(out, 'pkg', f));
}
const fromWww = ['news-lens.js', 'news-lens.d.ts', 'news-lens.css', 'lens.js', 'lens.d.ts', 'worker.js'];
for (const f of fromWww) {
  cpSync(join(www, f), join(out, f));
}

// The package's own modules (npm/): the entries for browsers and bundlers (index.js)
// and for Node (node.js), their types, and the `newslens` command (bin/newslens.js).
const own = ['index.js', 'index.d.ts', 'node.js', 'bin/newslens.js'];
for (const f of own) {
  cpSync(join(root, 'npm', f), join(out, f));
}
chmodSync(join(out, 'bin', 'newslens.js'), 0o755);

const pkg = {
  name: 'newslens',
  version: field('version'),
  description: field('description'),
  license: field('license'),
  keywords: ['news', 'nlp', 'named-entity-recognition', 'quotation', 'attribution', 'wasm', 'offline'],
  type: 'module',
  // node:util's parseArgs, which the command uses, came in 18.3.
  engines: { node: '>=18.3' },
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
  bin: { newslens: 'bin/newslens.js' },
  files: [...own, 'pkg/', ...fromWww, 'README.md'],
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

\`require('newslens')\` works as well in Node 20.19 and later (22.12 and later on 22).

In a browser, call \`await init()\` once first: it loads the wasm from beside the module,
or from the URL or bytes you give. \`newslens/element\` defines \`<news-lens>\`, which
analyses its text in a Web Worker and shows the article with its entities, people and
who said what; \`newslens/worker\` is the worker client they use (\`const lens = new
Analyzer(); await lens.analyze(text)\`). Offsets are UTF-16 code units:
\`text.slice(start, end)\` is each span's text. Types for everything are included.

## With a bundler

The wasm, the worker and the element's stylesheet are found beside the script that asks
for them (\`new URL(..., import.meta.url)\`), which bundlers do not copy by themselves.
With esbuild, bundle the worker as a second entry point and copy the two files beside
the bundle:

\`\`\`sh
esbuild app=src/app.js worker=newslens/worker.js --bundle --format=esm --outdir=public
cp node_modules/newslens/pkg/newslens_bg.wasm node_modules/newslens/news-lens.css public/
\`\`\`

\`\`\`js
// src/app.js
import { init, analyze } from 'newslens';
import 'newslens/element';       // <news-lens> elements on the page analyse their text
await init();                    // public/newslens_bg.wasm
\`\`\`

A page with a Content-Security-Policy needs \`script-src 'self' 'wasm-unsafe-eval'\` and
\`worker-src 'self'\`.

## On the command line

\`\`\`sh
npx newslens analyze article.txt --text            # who is in it, who said what
npx newslens analyze article.txt --pretty          # the analysis as JSON
npx newslens analyze --jsonl < articles.jsonl      # {"id", "text"} per line in, a result per line out
\`\`\`

It prints what the native \`newslens\` command prints, byte for byte, with the same
options (\`--offsets utf8|utf16|chars\`, \`--quotes all|quoted|rules\`), the same one-line
errors and exit status (1 for an error or a bad JSONL line, which is answered with
\`{"id", "error"}\` in its place; 2 for a wrong command line). Lines are answered as they
come, one at a time; loading the wasm takes about half a second. The native command
(\`cargo install\`) is over twice as fast on one core, and uses every core.

Licences: the code is ${field('license')}; the compiled models were learned from
CoNLL-2003 (Reuters RCV1 news, research use) and PolNeAR (research use), which they
carry as weights and word counts only.
`);
console.log(`target/npm/newslens: newslens ${pkg.version}`);
