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
from typing import Any, Dict, Iterable, Iterator, List

import dask.bag as db

import newslens


def analyze_partition(records: Iterable[Dict[str, Any]], quotes: str = "all",
                      threads: int = 1) -> Iterator[Dict[str, Any]]:
    """The analyses of one partition's records, each with its id, in order; a record
    whose text cannot be analysed gets ``{"id", "error"}``."""
    records = list(records)
    texts = (r.get("text") for r in records)
    for r, result in zip(records, newslens.analyze_many(texts, quotes=quotes, threads=threads,
                                                         errors="skip")):
        yield {"id": r.get("id"), **result}


def analyze_archive(paths: Any, out_dir: str, quotes: str = "all", threads: int = 1,
                    blocksize: Any = "16MiB") -> List[str]:
    """Reads the JSONL files ``paths`` (a glob or a list), analyses them on the current
    Dask client (or the local scheduler) and writes ``out_dir/*.jsonl``; returns the
    files written."""
    bag = db.read_text(paths, blocksize=blocksize).filter(lambda line: line.strip())
    results = bag.map(json.loads).map_partitions(analyze_partition, quotes, threads)
    os.makedirs(out_dir, exist_ok=True)
    return results.map(lambda r: json.dumps(r, ensure_ascii=False)).to_textfiles(
        os.path.join(out_dir, "*.jsonl"))


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
