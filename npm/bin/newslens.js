#!/usr/bin/env node
// `npx newslens`: the newslens command in Node, with the package's wasm. What it prints
// is made by the same Rust code as the native command's output (`commandResult`,
// `commandAnswer`), so the two print the same bytes; this file only reads, writes and
// parses the command line.
import { createReadStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

// The wasm, loaded (about half a second) once the command line is known to be good.
let commandAnswer;
let commandResult;

const USAGE = 'Usage: newslens analyze [OPTIONS] [FILE]';
const HELP = `Analyse an article (or a batch with --jsonl) and print the result as JSON (or,
with --text, as a report to read): who is in it and who said what.

${USAGE}

Arguments:
  [FILE]  The file to read; standard input when absent or "-"

Options:
      --jsonl              Read one JSON object per line, {"id": ..., "text": "..."},
                           and write one result per line, in the same order, each with
                           its "id"
      --offsets <OFFSETS>  How offsets count: utf8 (bytes, the default), utf16 (as
                           JavaScript) or chars (code points, as Python)
      --pretty             Indent the JSON (not with --jsonl)
      --text               Print a report to read instead of JSON (not with --jsonl)
      --quotes <QUOTES>    How quotations are found: rules, quoted or all (the default)
      --threads <THREADS>  Accepted for the native command's sake; here lines are
                           analysed one at a time
  -h, --help               Print help
  -V, --version            Print version

Errors are reported on standard error in one line naming the file or line, and the
exit status is 1 (2 for a wrong command line). With --jsonl, a bad line does not stop
the batch: in its place the output holds {"id": ..., "error": "..."}, so that output
line N always answers input line N. Lines are answered as they come.
`;
const CHOICES = { offsets: ['utf8', 'utf16', 'chars'], quotes: ['rules', 'quoted', 'all'] };

/** A wrong command line: said as the native command says it, exit status 2. */
class Usage extends Error {}

/** An error to report in one line, exit status 1. */
class Failure extends Error {}

/** The options of `args`, checked as the native command checks them. */
function options(args) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        jsonl: { type: 'boolean' }, pretty: { type: 'boolean' }, text: { type: 'boolean' },
        offsets: { type: 'string', default: 'utf8' }, quotes: { type: 'string', default: 'all' },
        threads: { type: 'string' }, help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (err) {
    throw new Usage(err.message);
  }
  const { values, positionals } = parsed;
  if (values.help || values.version) return values;
  const [command, file, extra] = positionals;
  if (command !== 'analyze') {
    throw new Usage(command === undefined ? 'a command is required: analyze' : `unrecognized subcommand '${command}'`);
  }
  if (extra !== undefined) throw new Usage(`unexpected argument '${extra}' found`);
  for (const [name, allowed] of Object.entries(CHOICES)) {
    if (!allowed.includes(values[name])) {
      throw new Usage(`invalid value '${values[name]}' for '--${name} <${name.toUpperCase()}>' [possible values: ${allowed.join(', ')}]`);
    }
  }
  if (values.threads !== undefined && !/^[1-9][0-9]{0,4}$/.test(values.threads)) {
    throw new Usage(`invalid value '${values.threads}' for '--threads <THREADS>': a whole number from 1`);
  }
  for (const [a, b] of [['jsonl', 'pretty'], ['jsonl', 'text'], ['pretty', 'text']]) {
    if (values[a] && values[b]) throw new Usage(`the argument '--${a}' cannot be used with '--${b}'`);
  }
  return { ...values, file: file === '-' ? undefined : file };
}

/** The system's words for a file error, as the native command prints them. */
const OS_ERRORS = {
  ENOENT: 'No such file or directory', EACCES: 'Permission denied', EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory', ELOOP: 'Too many levels of symbolic links', EPERM: 'Operation not permitted',
};

function failure(name, err) {
  const words = OS_ERRORS[err.code];
  return new Failure(`${name}: ${words ? `${words} (os error ${-err.errno})` : err.message}`);
}

/** Writes `bytes` to standard output, waiting while its buffer is full. */
async function write(bytes) {
  if (!process.stdout.write(bytes)) await once(process.stdout, 'drain');
}

/** One text, whole: its JSON or report. */
async function analyzeOne(opts) {
  const name = opts.file ?? 'standard input';
  let bytes;
  try {
    if (opts.file === undefined) {
      const chunks = [];
      for await (const chunk of process.stdin) chunks.push(chunk);
      bytes = Buffer.concat(chunks);
    } else {
      bytes = readFileSync(opts.file);
    }
  } catch (err) {
    throw failure(name, err);
  }
  const format = opts.text ? 'text' : opts.pretty ? 'pretty' : 'json';
  let out;
  try {
    out = commandResult(bytes, name, opts.quotes, opts.offsets, format);
  } catch (err) {
    throw new Failure(err.message);
  }
  await write(out);
  return true;
}

/** A batch: each line answered in order as soon as it is read; false when some line
 * was bad. */
async function analyzeLines(opts) {
  const name = opts.file ?? 'standard input';
  const input = opts.file === undefined ? process.stdin : createReadStream(opts.file);
  let n = 0;
  let allGood = true;
  let pending = [];
  const answer = (line) => {
    const { line: out, complaint } = commandAnswer(line, name, ++n, opts.quotes, opts.offsets);
    if (complaint !== undefined) {
      allGood = false;
      process.stderr.write(`newslens: ${complaint}\n`);
    }
    return out;
  };
  try {
    for await (const chunk of input) {
      const out = [];
      let from = 0;
      for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, from)) {
        const piece = chunk.subarray(from, end + 1);
        out.push(answer(pending.length ? Buffer.concat([...pending, piece]) : piece));
        pending = [];
        from = end + 1;
      }
      if (from < chunk.length) pending.push(chunk.subarray(from));
      if (out.length) await write(out.length === 1 ? out[0] : Buffer.concat(out));
    }
  } catch (err) {
    if (err instanceof Failure) throw err;
    throw failure(name, err);
  }
  // A last line without a line end.
  if (pending.length) await write(answer(Buffer.concat(pending)));
  return allGood;
}

async function main() {
  let opts;
  try {
    opts = options(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof Usage)) throw err;
    process.stderr.write(`error: ${err.message}\n\n${USAGE}\n\nFor more information, try '--help'.\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (opts.version) {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    process.stdout.write(`newslens ${version}\n`);
    return 0;
  }
  await import('../node.js');
  ({ commandAnswer, commandResult } = await import('../pkg/newslens.js'));
  // A reader that goes away (`| head`) ends the command quietly.
  process.stdout.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0);
    process.stderr.write(`newslens: writing output: ${err.message}\n`);
    process.exit(1);
  });
  try {
    return (await (opts.jsonl ? analyzeLines(opts) : analyzeOne(opts))) ? 0 : 1;
  } catch (err) {
    if (!(err instanceof Failure)) throw err;
    process.stderr.write(`newslens: ${err.message}\n`);
    return 1;
  }
}

process.exitCode = await main();
