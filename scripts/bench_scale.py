#!/usr/bin/env python3
"""Throughput at scale: CoNLL-2003 dev repeated to at least 5 MB of JSONL, analysed by
the CLI on one thread and on every thread, by the Python package's `analyze_many`
(dicts, and JSON lines as they are), and by the Dask example on a local cluster of two worker processes.

    python3 scripts/bench_scale.py [--cli target/release/newslens] [--shared ../shared]
                                   [--mb 5] [--runs 3]

Run it with the Python that has newslens and dask installed (`make bench-scale` uses
target/py). Prints one line per way: articles/s and tokens/s (CoNLL's tokens), the
best of `--runs` wall times, and each against the CLI on one thread. The texts are
read from ../shared and written to a temporary folder only.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def corpus(shared, mb):
    """(texts, tokens): CoNLL-2003 dev's documents repeated to at least `mb` MB of JSONL."""
    sys.path.insert(0, os.path.join(shared, "tools"))
    import ner_eval  # the scorer's own reading of CoNLL files into texts

    docs = ner_eval.build(os.path.join(shared, "data", "conll2003", "dev.txt"))
    texts, tokens, size = [], 0, 0
    while size < mb * 1_000_000:
        for d in docs:
            texts.append(d["text"])
            tokens += len(d["words"])
            size += len(json.dumps({"id": len(texts), "text": d["text"]})) + 1
    return texts, tokens


def best(runs, f):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cli", default=os.path.join(ROOT, "target", "release", "newslens"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--mb", type=float, default=5)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "data")):
        sys.exit(f"no {args.shared}/data: the benchmark reads CoNLL-2003 dev from there")
    texts, tokens = corpus(args.shared, args.mb)
    cores = os.cpu_count() or 1
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "archive.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": i, "text": t}) + "\n")
        size = os.path.getsize(path)
        print(f"{len(texts)} articles, {tokens} tokens, {size / 1e6:.2f} MB of JSONL, {cores} cores")

        def cli(threads):
            with open(path, "rb") as src:
                subprocess.run([args.cli, "analyze", "--jsonl", "--threads", str(threads)],
                               stdin=src, stdout=subprocess.DEVNULL, check=True)

        rows.append(("CLI, 1 thread", best(args.runs, lambda: cli(1))))
        rows.append((f"CLI, {cores} threads", best(args.runs, lambda: cli(cores))))
        try:
            import newslens

            rows.append((f"analyze_many, {cores} threads, dicts",
                         best(args.runs, lambda: sum(1 for _ in newslens.analyze_many(texts)))))
            rows.append((f"analyze_many, {cores} threads, as_json",
                         best(args.runs, lambda: sum(1 for _ in newslens.analyze_many(texts, as_json=True)))))
        except ImportError:
            print("skipped analyze_many: no newslens package in this Python")
        try:
            from dask.distributed import Client, LocalCluster

            sys.path.insert(0, os.path.join(ROOT, "examples", "cluster"))
            import dask_archive

            with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as c, \
                    Client(c):
                out = os.path.join(tmp, "dask")
                # The first run also starts the workers' newslens: not counted.
                dask_archive.analyze_archive(path, out, blocksize="1MiB")
                rows.append(("Dask, 2 worker processes", best(
                    args.runs, lambda: dask_archive.analyze_archive(path, out, blocksize="1MiB"))))
        except ImportError:
            print("skipped Dask: no dask.distributed in this Python")
    base = rows[0][1]
    print("way\tseconds\tarticles/s\ttokens/s\tagainst 1 thread")
    for name, secs in rows:
        print(f"{name}\t{secs:.3f}\t{len(texts) / secs:,.0f}\t{tokens / secs:,.0f}\t{base / secs:.2f}x")


if __name__ == "__main__":
    main()
