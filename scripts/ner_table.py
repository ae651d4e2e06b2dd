#!/usr/bin/env python3
"""The name finder across corpora: `ner_eval.py` on CoNLL-2003 dev and on every
`ner-extra` dev set, run against a newslens binary, as one table.

    python3 scripts/ner_table.py [--bin target/release/newslens] [--label NAME] [--tsv]

Prints F1, PER/ORG/LOC F1 and ORG precision for each set, and the mean PER/ORG/LOC F1
over the `ner-extra` sets; with --tsv, tab-separated rows (label, set, F1, PER/ORG/LOC
F1, ORG P) to add to record/ner-corpora.tsv.
"""

import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
SETS = [("conll2003", "conll2003/dev.txt")] + [
    (name, f"ner-extra/{name}/dev.txt") for name in ["gum", "uner-ewt", "wnut17", "btc", "redocred"]
]


def score(binary, path):
    out = subprocess.run(
        [sys.executable, os.path.join(SHARED, "tools", "ner_eval.py"), "--conll", path, "--",
         binary, "analyze", "--jsonl", "--offsets", "chars"],
        capture_output=True, text=True, check=True).stdout
    f1, pol = re.search(r"^F1 ([\d.]+) PER/ORG/LOC ([\d.]+)", out, re.M).groups()
    org_p = re.search(r"^ORG\s+([\d.]+)", out, re.M).group(1)
    return float(f1), float(pol), float(org_p)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "newslens"))
    ap.add_argument("--label", default="this build")
    ap.add_argument("--tsv", action="store_true")
    args = ap.parse_args()
    data = os.path.join(SHARED, "data")
    if not os.path.isdir(os.path.join(data, "ner-extra")):
        sys.exit(f"no {data}/ner-extra: the corpora are read from ../shared")
    rows = [(name, *score(args.bin, os.path.join(data, path))) for name, path in SETS]
    extra = [r[2] for r in rows if r[0] != "conll2003"]
    mean = sum(extra) / len(extra)
    if args.tsv:
        for name, f1, pol, org_p in rows:
            print(f"{args.label}\t{name}\t{f1:.2f}\t{pol:.2f}\t{org_p:.2f}")
        print(f"{args.label}\tner-extra mean\t\t{mean:.2f}\t")
        return
    print(f"{'set':<12} {'F1':>6} {'P/O/L F1':>9} {'ORG P':>6}")
    for name, f1, pol, org_p in rows:
        print(f"{name:<12} {f1:6.2f} {pol:9.2f} {org_p:6.2f}")
    print(f"{'extra mean':<12} {'':>6} {mean:9.2f}")


if __name__ == "__main__":
    main()
