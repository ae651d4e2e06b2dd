#!/usr/bin/env python3
"""Why quoted attributions are missed or spurious on a PolNeAR split, by category.

usage: scripts/quote_failures.py [--polnear DIR] [--show K] [-- CLI ARGS...]

Runs `target/release/newslens analyze --jsonl --offsets chars [ARGS]` on the split,
scores it with ../shared/tools/quote_eval.py's own matching, and sorts every gold
attribution that holds a quotation mark (the scorer's "quoted" recall) and every
predicted direct/partial/mixed quote (its precision) into one of a few categories,
printing K examples of each (document, predicted or gold text, gold source).
Reads ../shared at run time; prints only, writes nothing.
"""
import argparse
import collections
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "..", "shared", "tools"))
import quote_eval as qe  # noqa: E402

REAL = set('"“”„‟«»')  # double marks: what the product calls quotation marks

ap = argparse.ArgumentParser()
ap.add_argument("--polnear", default=os.path.join(ROOT, "..", "shared", "data", "quotes", "polnear", "dev"))
ap.add_argument("--show", type=int, default=3)
ap.add_argument("args", nargs=argparse.REMAINDER)
a = ap.parse_args()
extra = a.args[1:] if a.args[:1] == ["--"] else a.args
docs = qe.load(a.polnear)
stdin = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs)
cli = os.path.join(ROOT, "target", "release", "newslens")
run = subprocess.run([cli, "analyze", "--jsonl", "--offsets", "chars"] + extra,
                     input=stdin, capture_output=True, text=True, check=True)
gold_cats, pred_cats = collections.Counter(), collections.Counter()
examples = collections.defaultdict(list)
for d, line in zip(docs, run.stdout.splitlines()):
    text, gold = d["text"], d["gold"]
    pred = []
    for q in json.loads(line)["quotes"]:
        c = qe.span_set(text, q)
        if c:
            pred.append({"content": c, "speaker": qe.span_set(text, q.get("speaker")),
                         "quoted": q["kind"] in ("direct", "partial", "mixed"),
                         "kind": q["kind"], "text": q["text"]})
    matched = dict(qe.match(gold, pred))
    by_pred = {p: g for g, p in matched.items()}
    for gi, g in enumerate(gold):
        if not g["quoted"]:
            continue
        real = any(ch in REAL for ch in g["content_text"])
        if gi in matched:
            p = pred[matched[gi]]
            if not p["quoted"]:
                k = "found as indirect speech" + ("" if real else " (only an apostrophe or single marks in it)")
            elif not qe.role_ok(g["source"], p["speaker"]):
                k = "found, wrong speaker"
            else:
                continue
        elif not real:
            k = "missed: only an apostrophe or single marks in it"
        elif any(p["content"] & g["content"] for p in pred):
            k = "missed: a quote found there overlaps it below Jaccard 0.5"
        else:
            k = "missed: nothing found there"
        gold_cats[k] += 1
        examples["gold: " + k].append((d["id"], g["content_text"][:120], g["source_text"][:60]))
    for pi, p in enumerate(pred):
        if not p["quoted"]:
            continue
        if pi in by_pred:
            if qe.role_ok(gold[by_pred[pi]]["source"], p["speaker"]):
                continue
            k = "wrong speaker"
        elif any(g["content"] & p["content"] for g in gold):
            k = f"{p['kind']}: overlaps an attribution below Jaccard 0.5"
        else:
            k = f"{p['kind']}: no attribution there"
        pred_cats[k] += 1
        examples["predicted: " + k].append((d["id"], p["text"][:120]))

print(f"gold quoted attributions not counted right, of {sum(g['quoted'] for d in docs for g in d['gold'])}:")
for k, v in gold_cats.most_common():
    print(f"  {v:4d} {k}")
print("predicted quotes not counted right:")
for k, v in pred_cats.most_common():
    print(f"  {v:4d} {k}")
random.seed(1)
for k, v in examples.items():
    print(f"== {k}")
    for e in random.sample(v, min(a.show, len(v))):
        print("   ", " | ".join(e))
