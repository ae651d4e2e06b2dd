#!/usr/bin/env python3
"""Whether two builds of the CLI give byte for byte the same analysis.

    python3 scripts/same_output.py OLD_BINARY NEW_BINARY [--shared ../shared]

Runs `BINARY analyze --jsonl --offsets chars` in each quote mode (all, quoted, rules)
over PolNeAR train and dev, CoNLL-2003 dev, GUM dev, the articles in tests/articles
and the seed, and compares the two outputs line for line. Prints the number of
documents and, for each mode, how many answers differ (with the first ids); exits 1
when any does. A refactoring that must not change behaviour passes with 0 everywhere.

`--without FIELD` compares the answers with a last top-level field FIELD cut from the
new build's (and the old one's, if it has it): for a change that adds a field, such as
`summary`, and must leave every other byte as it was.
The texts are read from ../shared at run time and written to a temporary file only.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def documents(shared):
    """(id, text) of every document compared, in a fixed order."""
    data = os.path.join(shared, "data")
    for split in ("dev", "train"):
        for p in sorted(glob.glob(os.path.join(data, "quotes/polnear", split, "text/*.txt"))):
            with open(p, encoding="utf-8") as f:
                yield f"polnear/{split}/{os.path.basename(p)}", f.read()
    sys.path.insert(0, os.path.join(shared, "tools"))
    import ner_eval  # the scorer's own reading of CoNLL files into texts

    for name, path in (
        ("conll2003/dev", os.path.join(data, "conll2003/dev.txt")),
        ("gum/dev", os.path.join(data, "ner-extra/gum/dev.txt")),
    ):
        if os.path.exists(path):
            for i, d in enumerate(ner_eval.build(path)):
                yield f"{name}/{i}", d["text"]
    for p in sorted(glob.glob(os.path.join(ROOT, "tests/articles/*.txt"))):
        with open(p, encoding="utf-8") as f:
            yield f"articles/{os.path.basename(p)}", f.read()
    for p in sorted(glob.glob(os.path.join(data, "seed/*.txt"))):
        with open(p, encoding="utf-8") as f:
            yield f"seed/{os.path.basename(p)}", f.read()


def cut(line, field):
    """`line`, a JSON object, without its last field `field` (the rest byte for byte).

    A key in raw quotes cannot occur inside a JSON string, whose quotes are escaped, so
    the first `,"field":` at the top level is the field's start."""
    at = line.find(b',"' + field.encode() + b'":')
    return line if at < 0 else line[:at] + b"}"


def dropped(line, keys):
    """`line`, a JSON object, read and written again without `keys` at any depth."""
    def strip(v):
        if isinstance(v, dict):
            return {k: strip(x) for k, x in v.items() if k not in keys}
        if isinstance(v, list):
            return [strip(x) for x in v]
        return v
    return json.dumps(strip(json.loads(line)), ensure_ascii=False, sort_keys=True)


def run(binary, corpus, mode):
    out = subprocess.run(
        [binary, "analyze", "--jsonl", "--offsets", "chars", "--quotes", mode, corpus],
        capture_output=True,
        check=False,
    )
    if out.returncode != 0:
        sys.exit(f"{binary} failed ({out.returncode}): {out.stderr.decode()[:500]}")
    return out.stdout.splitlines()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--without", metavar="FIELD", help="a last field left out of the comparison")
    ap.add_argument("--drop", metavar="KEY", action="append", default=[],
                    help="a key left out wherever it occurs (the lines read as JSON); repeatable")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "data")):
        sys.exit(f"no {args.shared}/data: the documents compared are read from there")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as corpus:
        ids = []
        for id_, text in documents(args.shared):
            corpus.write(json.dumps({"id": id_, "text": text}) + "\n")
            ids.append(id_)
        corpus.flush()
        print(f"{len(ids)} documents")
        differ = 0
        for mode in ("all", "quoted", "rules"):
            a, b = run(args.old, corpus.name, mode), run(args.new, corpus.name, mode)
            if args.without:
                a = [cut(x, args.without) for x in a]
                b = [cut(x, args.without) for x in b]
            if args.drop:
                a = [dropped(x, args.drop) for x in a]
                b = [dropped(x, args.drop) for x in b]
            if len(a) != len(b) or len(a) != len(ids):
                sys.exit(f"--quotes {mode}: {len(a)} and {len(b)} answers to {len(ids)} lines")
            bad = [ids[i] for i, (x, y) in enumerate(zip(a, b)) if x != y]
            differ += len(bad)
            print(f"--quotes {mode}: {len(bad)} differ" + (f" ({', '.join(bad[:5])})" if bad else ""))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
