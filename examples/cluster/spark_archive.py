#!/usr/bin/env python3
"""An archive of articles analysed on Spark: a DataFrame of articles in, entities,
quotes and people out as Parquet.

    python examples/cluster/spark_archive.py archive.jsonl results/                 # local[2]
    spark-submit examples/cluster/spark_archive.py 'hdfs:///news/*.jsonl' hdfs:///out/

The input is JSON lines ``{"id": ..., "text": "..."}`` (any source Spark reads into
columns ``id`` and ``text`` will do). Each partition is analysed once, by
``mapInPandas`` with newslens on all the executor's cores; the results are kept, then
written as three Parquet tables under the output: ``entities``, ``quotes`` and
``people`` (the columns of :func:`newslens.frames`). An executor needs the newslens
wheel installed (``pip install newslens-*.whl``) and pandas and pyarrow, as any pandas
UDF does; nothing else.
"""

import argparse
import json
import os
import sys
from typing import Iterator

import pandas as pd

import newslens

RESULT = "id string, result string"
ENTITIES = ("id string, start long, end long, text string, kind string, group long, name string, "
            "confidence double")
QUOTES = ("id string, start long, end long, text string, kind string, cue string, "
          "speaker string, speaker_mention string, speaker_group long, confidence double")
PEOPLE = "id string, name string, kind string, group long, mentions long, quotes long"


def analyzed(batches: Iterator[pd.DataFrame], quotes: str = "all") -> Iterator[pd.DataFrame]:
    """Each batch's articles with their analysis as JSON (an error for a bad text)."""
    for batch in batches:
        results = newslens.analyze_many(batch["text"], quotes=quotes, errors="skip")
        yield pd.DataFrame({"id": batch["id"].astype(str),
                            "result": [json.dumps(r, ensure_ascii=False) for r in results]})


def table(name: str):
    """The mapInPandas function that turns analyses into rows of frame ``name``."""
    def rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            results = (json.loads(r) for r in batch["result"])
            yield getattr(newslens.frames(results, ids=batch["id"]), name)
    return rows


def analyze_archive(spark, source: str, out_dir: str, quotes: str = "all") -> None:
    """Analyses the JSON lines at ``source`` and writes ``out_dir/{entities,quotes,people}``."""
    articles = spark.read.json(source).selectExpr("cast(id as string) as id", "text")
    results = articles.mapInPandas(lambda b: analyzed(b, quotes), RESULT).cache()
    for name, schema in (("entities", ENTITIES), ("quotes", QUOTES), ("people", PEOPLE)):
        results.mapInPandas(table(name), schema).write.mode("overwrite").parquet(
            os.path.join(out_dir, name))
    results.unpersist()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", help="JSON lines of articles: a file, a folder or a glob")
    ap.add_argument("out_dir")
    ap.add_argument("--master", default=None, help="local[2] when run with python, not spark-submit")
    ap.add_argument("--quotes", default="all", choices=["all", "quoted", "rules"])
    args = ap.parse_args()
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("newslens")
    if args.master or "SPARK_HOME" not in os.environ:
        builder = builder.master(args.master or "local[2]")
        # Run locally, the workers are this Python, where newslens is installed.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    try:
        analyze_archive(spark, args.source, args.out_dir, args.quotes)
    finally:
        spark.stop()
    print(f"entities, quotes and people written under {args.out_dir}")


if __name__ == "__main__":
    main()
