#!/usr/bin/env python3
"""An archive of articles analysed on a Dask cluster: JSONL files in, JSONL results out.

    python examples/cluster/dask_archive.py 'archive/*.jsonl' results/             # a local cluster
    python examples/cluster/dask_archive.py 'archive/*.jsonl' results/ --scheduler tcp://host:8786

Each input line is ``{"id": ..., "text": "..."}``; each output line is the analysis
(what ``newslens analyze --jsonl`` prints for it, with its id), one output file per
input partition. A worker needs the newslens wheel installed (``pip install
newslens-*.whl``) and nothing else: the models are compiled into it. See the README,
"On a cluster".
"""

import argparse
import json
import os
from typing import Any, Iterable, Iterator, List

import dask.bag as db

import newslens


def analyze_partition(lines: Iterable[str], quotes: str = "all",
                      threads: int = 1) -> Iterator[str]:
    """The analyses of one partition's JSON lines, in order, each a line of JSON with its
    id first (as ``newslens analyze --jsonl`` writes it); a record whose text cannot be
    analysed gets ``{"id", "error"}``. The results stay JSON text: parsing them only to
    write them again would cost more than the analysis."""
    records = [json.loads(line) for line in lines if line.strip()]
    texts = (r.get("text") for r in records)
    results = newslens.analyze_many(texts, quotes=quotes, threads=threads, errors="skip",
                                    as_json=True)
    for r, result in zip(records, results):
        yield '{"id":' + json.dumps(r.get("id")) + "," + result[1:]


def analyze_archive(paths: Any, out_dir: str, quotes: str = "all", threads: int = 1,
                    blocksize: Any = "16MiB") -> List[str]:
    """Reads the JSONL files ``paths`` (a glob or a list), analyses them on the current
    Dask client (or the local scheduler) and writes ``out_dir/*.jsonl``; returns the
    files written."""
    bag = db.read_text(paths, blocksize=blocksize)
    results = bag.map_partitions(analyze_partition, quotes, threads)
    os.makedirs(out_dir, exist_ok=True)
    return results.to_textfiles(os.path.join(out_dir, "*.jsonl"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", help="JSONL files, a glob such as 'archive/*.jsonl'")
    ap.add_argument("out_dir")
    ap.add_argument("--scheduler", help="a running cluster's address; a local one when absent")
    ap.add_argument("--workers", type=int, default=2, help="processes of the local cluster")
    ap.add_argument("--quotes", default="all", choices=["all", "quoted", "rules"])
    args = ap.parse_args()
    from dask.distributed import Client, LocalCluster

    if args.scheduler:
        client = Client(args.scheduler)
    else:
        client = Client(LocalCluster(n_workers=args.workers, threads_per_worker=1))
    with client:
        written = analyze_archive(args.paths, args.out_dir, args.quotes)
    print(f"{len(written)} files written to {args.out_dir}")


if __name__ == "__main__":
    main()
