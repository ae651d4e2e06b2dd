"""The cluster examples run end to end on real engines: a Dask LocalCluster of two worker
processes and a PySpark local[2] session, each analysing a small archive of the
project's own articles; their results must be what `newslens.analyze` gives."""

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

import newslens

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "tests" / "articles").glob("*.txt"))


def example(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "examples" / "cluster" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def archive(tmp_path):
    """Two JSONL files of articles (each article twice, under two ids), and the texts."""
    texts = {}
    for part in range(2):
        lines = []
        for k, path in enumerate(ARTICLES):
            id_ = f"{part}-{k}"
            texts[id_] = path.read_text(encoding="utf-8")
            lines.append(json.dumps({"id": id_, "text": texts[id_]}))
        (tmp_path / f"part-{part}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path, texts


def test_dask_local_cluster_of_two_processes(archive):
    pytest.importorskip("dask.distributed")
    from dask.distributed import Client, LocalCluster

    src, texts = archive
    out = src / "dask-out"
    dask_archive = example("dask_archive")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        written = dask_archive.analyze_archive(str(src / "*.jsonl"), str(out))
    assert len(written) >= 2
    got = {}
    for f in written:
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            got[r.pop("id")] = r
    assert got.keys() == texts.keys()
    for id_, text in texts.items():
        assert got[id_] == newslens.analyze(text), id_


def test_spark_local_session_writes_parquet(archive, monkeypatch):
    pytest.importorskip("pyspark")
    pd = pytest.importorskip("pandas")
    if shutil.which("java") is None:
        pytest.skip("no java: Spark needs a JRE (make setup-python installs openjdk-17-jre-headless)")
    from pyspark.sql import SparkSession

    # The workers run this Python, where newslens is installed.
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    src, texts = archive
    out = src / "spark-out"
    spark = (SparkSession.builder.master("local[2]").appName("newslens-test")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
             .getOrCreate())
    try:
        example("spark_archive").analyze_archive(spark, str(src / "*.jsonl"), str(out))
    finally:
        spark.stop()
    tables = {name: pd.read_parquet(out / name) for name in ("entities", "quotes", "people")}
    want = newslens.frames([newslens.analyze(t) for t in texts.values()], ids=list(texts))
    for name, got in tables.items():
        expected = getattr(want, name)
        key = ["id", "start"] if "start" in expected.columns else ["id", "name", "group"]
        got = got.sort_values(key).reset_index(drop=True)
        expected = expected.sort_values(key).reset_index(drop=True)
        assert len(got) == len(expected), name
        for column in expected.columns:
            a = got[column].astype(object).where(got[column].notna(), None).tolist()
            b = expected[column].astype(object).where(expected[column].notna(), None).tolist()
            assert a == b, (name, column)
