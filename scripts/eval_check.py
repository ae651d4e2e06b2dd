#!/usr/bin/env python3
"""The dev-split scores, checked against record/scores.tsv (what `make eval` runs).

    python3 scripts/eval_check.py [--cli target/release/newslens] [--shared ../shared]
                                  [--record record/scores.tsv] [--update]

Runs each scorer of the record once per data set and options (the shared
`ner_eval.py` and `quote_eval.py`, which run the CLI as a process), reads the figures
of the last line each prints ("F1 92.07 PER/ORG/LOC 92.76 ..."), and prints every
recorded figure beside the one measured now. Exits 1 when a figure falls more than its
tolerance below the record, or when a scorer fails. With --update it writes the
figures measured into the record instead (for a change that moves a score on purpose,
committed with it). Exits 0 with a note when the shared data is absent.
"""

import argparse
import os
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["scorer", "data", "options", "figure", "value", "tolerance"]


def read_record(path):
    """The record's comment lines and its rows (dicts of the header's columns)."""
    comments, rows, header = [], [], None
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if line.startswith("#") or not line.strip():
                comments.append(line)
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                if header != HEADER:
                    sys.exit(f"{path}: the header should be {' '.join(HEADER)}")
                continue
            if len(cells) != len(HEADER):
                sys.exit(f"{path}: {len(cells)} cells in {line!r}")
            rows.append(dict(zip(HEADER, cells)))
    return comments, rows


def figures(line):
    """The figures of a scorer's last line: each name followed by a number."""
    words = line.split()
    out = {}
    for name, value in zip(words, words[1:]):
        try:
            out[name] = float(value)
        except ValueError:
            continue
    return out


def measure(scorer, data, options, cli, shared):
    flag = "--conll" if scorer == "ner_eval.py" else "--polnear"
    cmd = (
        [sys.executable, os.path.join(shared, "tools", scorer), flag, os.path.join(shared, "data", data)]
        + ["--", cli, "analyze", "--jsonl", "--offsets", "chars"]
        + shlex.split(options)
    )
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = out.stdout.strip().splitlines()
    if out.returncode != 0 or not lines:
        print(f"{scorer} {data} {options}: failed ({out.returncode})\n{out.stderr[-2000:]}")
        return None
    return lines[-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cli", default=os.path.join(ROOT, "target", "release", "newslens"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--record", default=os.path.join(ROOT, "record", "scores.tsv"))
    ap.add_argument("--update", action="store_true", help="write the figures measured into the record")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "data")):
        print(f"eval skipped: {args.shared}/data is absent")
        return 0
    comments, rows = read_record(args.record)
    runs = {}
    for r in rows:
        key = (r["scorer"], r["data"], r["options"])
        if key not in runs:
            line = measure(*key, args.cli, args.shared)
            runs[key] = line
            if line is not None:
                print(f"{' '.join(k for k in key if k)}: {line}")
    failed = False
    print(f"\n{'run':<50} {'figure':<12} {'record':>8} {'now':>8}")
    for r in rows:
        key = (r["scorer"], r["data"], r["options"])
        run = " ".join(k for k in key if k)
        now = figures(runs[key]).get(r["figure"]) if runs[key] is not None else None
        old, tol = float(r["value"]), float(r["tolerance"])
        if now is None:
            verdict, failed = "MISSING", True
        elif now < old - tol:
            verdict, failed = f"LOWER by {old - now:.2f} (tolerance {tol})", True
        else:
            verdict = "ok" if now <= old else f"higher by {now - old:.2f}"
        shown = "-" if now is None else f"{now:.2f}"
        print(f"{run:<50} {r['figure']:<12} {old:>8.2f} {shown:>8} {verdict}")
        if args.update and now is not None:
            r["value"] = f"{now:.2f}"
    if args.update:
        if any(runs[k] is None for k in runs):
            print("not updated: a scorer failed")
            return 1
        with open(args.record, "w", encoding="utf-8") as f:
            for c in comments:
                f.write(c + "\n")
            f.write("\t".join(HEADER) + "\n")
            for r in rows:
                f.write("\t".join(r[h] for h in HEADER) + "\n")
        print(f"{args.record} updated")
        return 0
    if failed:
        print(f"\neval: a figure fell below the record ({args.record}); a change that lowers a"
              " score on purpose updates the record: scripts/eval_check.py --update")
        return 1
    print("\neval: every figure at or above the record, within its tolerance")
    return 0


if __name__ == "__main__":
    sys.exit(main())
