#!/usr/bin/env python3
"""Where two builds name a quote's speaker differently on a PolNeAR split.

usage: scripts/speaker_diff.py OLD_BINARY [NEW_BINARY] [--polnear DIR] [--context N]

Runs `BINARY analyze --jsonl --offsets chars` of both builds (NEW_BINARY defaults to
target/release/newslens) on the split and prints, for every quote of the new output
whose speaker mention or speaker name differs from the old output's quote of the same
span (or that the old output lacks), both speakers and the N characters of text before
the new speaker, to judge by reading. The scorer cannot: it compares speaker mentions,
never the name a pronoun or a role ("the Republican nominee") is resolved to. Then the
number of role phrases ("references") each build links to a group.
Reads ../shared at run time; prints only, writes nothing.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "..", "shared", "tools"))
import quote_eval as qe  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("old")
ap.add_argument("new", nargs="?", default=os.path.join(ROOT, "target", "release", "newslens"))
ap.add_argument("--polnear", default=os.path.join(ROOT, "..", "shared", "data", "quotes", "polnear", "dev"))
ap.add_argument("--context", type=int, default=250)
a = ap.parse_args()

docs = qe.load(a.polnear)
stdin = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs)


def run(binary):
    cmd = [binary, "analyze", "--jsonl", "--offsets", "chars"]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=True).stdout.splitlines()


old, new = run(a.old), run(a.new)
n, refs = 0, [0, 0]
for d, lo, ln in zip(docs, old, new):
    lo, ln, text = json.loads(lo), json.loads(ln), d["text"]
    refs[0] += sum(len(g["references"]) for g in lo["groups"])
    refs[1] += sum(len(g["references"]) for g in ln["groups"])
    before = {(q["start"], q["end"]): q for q in lo["quotes"]}
    for q in ln["quotes"]:
        o = before.get((q["start"], q["end"]))
        so, sn = (o or {}).get("speaker") or {}, q.get("speaker") or {}
        if o and so.get("name") == sn.get("name") and so.get("start") == sn.get("start"):
            continue
        n += 1
        at = sn.get("end", q["start"])
        context = text[max(0, at - a.context):at].replace("\n", " ")
        print(f"[{n}] {d['id']}: {so.get('text')!r} => {so.get('name')!r}  NOW  "
              f"{sn.get('text')!r} => {sn.get('name')!r}{'  (a new quote)' if o is None else ''}")
        print(f"    ...{context}\n")
print(f"{n} quotes differ; role phrases linked to a group: {refs[0]} before, {refs[1]} now")
