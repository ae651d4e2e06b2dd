// The npm package as a Node user meets it: the packed tarball (`make package`)
// installed into a fresh project, then imported with no init call.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { installed, root, version } from './project.mjs';

const seedDir = join(root, '..', 'shared', 'data', 'seed');
let project;

before(() => {
  project = installed('a-user');
});

/** Runs `code` as an ES module in the project, and returns what it prints, parsed. */
function run(code) {
  const file = join(project, `check-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, code);
  return JSON.parse(execFileSync('node', [file], { cwd: project, encoding: 'utf8' }));
}

test('Node imports the package and analyses with no init call', () => {
  const got = run(`import { analyze, analyzeWith, version } from 'newslens';
    const r = analyze('"We will rebuild," Mayor Ann Lee said in Kyiv.');
    const quoted = analyzeWith('Power was cut, the Electricity Supply Board said.', { quotes: 'quoted' });
    console.log(JSON.stringify({ version: version(), speaker: r.quotes[0].speaker.name,
      people: r.summary.people.map((p) => p.name), quoted: quoted.quotes.length }));`);
  assert.deepEqual(got, { version, speaker: 'Ann Lee', people: ['Ann Lee'], quoted: 0 });
});

test('the seed article comes out right: nine quotes, each with its speaker', (t) => {
  if (!existsSync(seedDir)) {
    t.skip(`no ${seedDir}: the seed article is read from ../shared`);
    return;
  }
  const seed = join(seedDir, readdirSync(seedDir).find((f) => f.endsWith('.txt')));
  const got = run(`import { readFileSync } from 'node:fs';
    import { analyze } from 'newslens';
    const text = readFileSync(${JSON.stringify(seed)}, 'utf8');
    const r = analyze(text);
    console.log(JSON.stringify({ speakers: r.quotes.map((q) => q.speaker && q.speaker.name),
      sliced: r.quotes.every((q) => text.slice(q.start, q.end) === q.text) }));`);
  assert.deepEqual(got.speakers, ['Joe Biden', 'Joe Biden', 'Jen Psaki', 'Kremlin', 'Dmitry Peskov',
    'Vladimir Putin', 'Jen Psaki', 'Joe Biden', 'Joe Biden']);
  assert.ok(got.sliced);
});

test('the package carries no test data and no training code, and its fields are set', () => {
  const dir = join(project, 'node_modules', 'newslens');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const key of ['name', 'version', 'description', 'license', 'keywords', 'exports', 'types', 'files', 'sideEffects', 'engines']) {
    assert.ok(pkg[key], `package.json has ${key}`);
  }
  const files = execFileSync('find', ['.', '-type', 'f'], { cwd: dir, encoding: 'utf8' }).split('\n').filter(Boolean);
  assert.ok(files.every((f) => !/test|train|conll|polnear|\.rs$/i.test(f)), files.join(', '));
  assert.equal(files.filter((f) => f.endsWith('.wasm')).length, 1, 'one copy of the wasm');
});

test('require() works too, where Node can require an ES module', (t) => {
  if (!process.features.require_module) {
    t.skip(`Node ${process.version} cannot require an ES module (20.19 and 22.12 can)`);
    return;
  }
  const file = join(project, 'check.cjs');
  writeFileSync(file, `const { analyze } = require('newslens');
    console.log(JSON.stringify(analyze('"We will rebuild," Mayor Ann Lee said.').quotes[0].speaker.name));`);
  assert.equal(JSON.parse(execFileSync('node', [file], { cwd: project, encoding: 'utf8' })), 'Ann Lee');
});

// `npx newslens` against the native command (target/release/newslens, which `make
// package` builds): the same bytes out, the same complaints, the same exit status.
const native = join(root, 'target', 'release', 'newslens');
const articles = join(root, 'tests', 'articles');

/** Runs a command with `input` on standard input: its output, errors and status. */
function exec(cmd, args, input = '') {
  const r = spawnSync(cmd, args, { cwd: project, input, maxBuffer: 1 << 28 });
  return { out: r.stdout.toString('latin1'), err: r.stderr.toString(), status: r.status };
}
const npx = (args, input) => exec('npx', ['--no', '--', 'newslens', ...args], input);

test('npx newslens answers a JSONL batch line for line as the native command does', () => {
  const lines = readdirSync(articles).sort().map((f, i) => JSON.stringify({ id: i, text: readFileSync(join(articles, f), 'utf8') }));
  lines.push('{"id": 1.0, "text": "\\u201cGo,\\u201d Ann Lee said.\\u2028"}', '', 'not json', '{"id": "x"}',
    '{"id": [1, 2], "text": 5}', '{"id": "s", "text": "x \\ud800 y"}', '\ufeff{"id": 12345678901234567890123, "text": "Kyiv"}\r');
  const batch = join(project, 'batch.jsonl');
  writeFileSync(batch, Buffer.concat([Buffer.from(`${lines.join('\n')}\n{"text": "caf`), Buffer.from([0xe9]), Buffer.from('"}\n{"id": "last", "text": "no line end"}')]));
  for (const args of [['--jsonl', batch], ['--jsonl', '--offsets', 'chars', '--quotes', 'rules', batch], ['--jsonl', '--offsets=utf16', '-']]) {
    const input = args.includes('-') ? readFileSync(batch) : '';
    const got = npx(['analyze', ...args], input);
    const want = exec(native, ['analyze', ...args], input);
    assert.equal(got.status, 1, got.err);
    assert.deepEqual(got, want, args.join(' '));
  }
  const got = npx(['analyze', '--jsonl', batch]);
  const out = got.out.split('\n');
  assert.equal(out.length, lines.length + 3, 'a line out for every line in, and a last line end');
  assert.deepEqual(JSON.parse(out[lines.length - 4]), { id: 'x', error: 'no "text" field' });
  assert.match(out[lines.length - 6], /^\{"id":null,"error":"blank line"\}$/);
  // "not json", the third line after the articles.
  assert.match(got.err, new RegExp(`^newslens: .*batch\\.jsonl: line ${lines.length - 4}: invalid JSON: `, 'm'));
});

test('npx newslens prints one text as JSON, indented JSON or a report, as the native command does', () => {
  // Every article is in the batch above; here two, in every format.
  for (const f of ['03-council.txt', '06-shapes.txt']) {
    for (const args of [[], ['--pretty'], ['--text'], ['--offsets', 'utf16', '--quotes', 'quoted']]) {
      const file = join(articles, f);
      assert.deepEqual(npx(['analyze', file, ...args]), exec(native, ['analyze', file, ...args]), `${f} ${args.join(' ')}`);
    }
  }
  const input = readFileSync(join(articles, '03-council.txt'));
  const got = npx(['analyze', '--text'], input);
  assert.deepEqual(got, exec(native, ['analyze', '--text'], input));
  assert.match(got.out, /^Who said what:\n(.*\n)* {2}Linda Okafor\n/m);
});

test('npx newslens fails as the native command does: one line, the same status', () => {
  const junk = join(project, 'junk.txt');
  writeFileSync(junk, Buffer.from([0x4b, 0x79, 0x69, 0x76, 0xff, 0x0a]));
  for (const args of [['analyze', junk], ['analyze', join(project, 'absent.txt')], ['analyze', '--jsonl', project],
    ['analyze', '--jsonl', join(project, 'absent.jsonl')]]) {
    const got = npx(args);
    assert.deepEqual(got, exec(native, args), args.join(' '));
    assert.equal(got.status, 1);
    assert.equal(got.err.split('\n').length, 2, got.err);
  }
  // A wrong command line: status 2, as clap's.
  for (const args of [['analyze', '--jsonl', '--pretty'], ['analyze', '--offsets', 'bytes'], ['analyze', '--bogus'], [],
    ['analyze', 'a', 'b'], ['analyze', '--threads', '0']]) {
    const got = npx(args);
    assert.equal(got.status, 2, args.join(' '));
    assert.equal(exec(native, args).status, 2, args.join(' '));
    assert.match(got.err, /^error: /);
  }
  assert.equal(npx(['--version']).out, `newslens ${version}\n`);
});

test('npx newslens answers each line as it comes, before the next is written', async () => {
  const child = spawn('npx', ['--no', '--', 'newslens', 'analyze', '--jsonl'], { cwd: project });
  const lines = [];
  let buffered = '';
  const next = () => new Promise((resolve) => {
    const check = () => {
      const end = buffered.indexOf('\n');
      if (end === -1) return false;
      lines.push(JSON.parse(buffered.slice(0, end)));
      buffered = buffered.slice(end + 1);
      resolve();
      return true;
    };
    if (check()) return;
    const on = (chunk) => {
      buffered += chunk;
      if (check()) child.stdout.off('data', on);
    };
    child.stdout.on('data', on);
  });
  for (const [id, text] of [[1, '"We stay," Ann Lee said.'], [2, 'Kyiv'], [3, 'Power was cut, the board said.']]) {
    child.stdin.write(`${JSON.stringify({ id, text })}\n`);
    await next();
    assert.equal(lines.at(-1).id, id);
  }
  child.stdin.end();
  const [status] = await once(child, 'close');
  assert.equal(status, 0);
  assert.equal(lines[0].quotes[0].speaker.name, 'Ann Lee');
});
