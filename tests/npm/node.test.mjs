// The npm package as a Node user meets it: the packed tarball (`make package`)
// installed into a fresh project, then imported with no init call.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]*)"/m)[1];
const tarball = join(root, 'dist', `newslens-${version}.tgz`);
const seedDir = join(root, '..', 'shared', 'data', 'seed');
let project;

before(() => {
  assert.ok(existsSync(tarball), `${tarball}: run make package`);
  project = mkdtempSync(join(tmpdir(), 'newslens-npm-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-user', private: true, type: 'module' }));
  // A local tarball with no dependencies: no network needed.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: project, stdio: 'pipe' });
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
