"""The Python package as a user meets it: installed from this tree (`make test-python`
builds it with `pip install .`), checked against the CLI on the project's own articles."""

import itertools
import json
import os
import subprocess
from pathlib import Path

import pytest

import newslens

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "tests" / "articles").glob("*.txt"))
CLI = os.environ.get("NEWSLENS_CLI", str(ROOT / "target" / "release" / "newslens"))


def spans(result):
    """Every span of a result that carries its text."""
    yield from result["entities"]
    for g in result["groups"]:
        yield from g["references"]
    for q in result["quotes"]:
        yield q
        yield from q["parts"]
        yield from q["quoted"]
        for key in ("cue", "speaker"):
            if q[key] is not None:
                yield q[key]


def test_the_readme_example():
    r = newslens.analyze('"Hi," Ann Lee said.')
    assert r["quotes"][0]["speaker"]["name"] == "Ann Lee"
    assert isinstance(r, dict) and newslens.__version__


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_span_is_its_slice_in_code_points(path):
    text = path.read_text(encoding="utf-8")
    r = newslens.analyze(text)
    assert r["entities"] and r["summary"]["people"]
    for s in spans(r):
        assert text[s["start"]:s["end"]] == s["text"]


def test_other_offsets_count_as_asked():
    text = "Zoë met 🇺🇦 Ann Lee in Kyiv."
    for offsets, encode in (("utf8", "utf-8"), ("utf16", "utf-16-le")):
        r = newslens.analyze(text, offsets=offsets)
        data = text.encode(encode)
        width = 2 if offsets == "utf16" else 1
        for e in r["entities"]:
            assert data[e["start"] * width:e["end"] * width].decode(encode) == e["text"]


@pytest.mark.parametrize("quotes", ["all", "quoted", "rules"])
def test_the_same_result_as_the_cli(quotes):
    if not Path(CLI).exists():
        pytest.skip(f"no CLI at {CLI}: build it with cargo build --release")
    for path in ARTICLES:
        out = subprocess.run([CLI, "analyze", "--offsets", "chars", "--quotes", quotes, str(path)],
                             check=True, capture_output=True)
        assert newslens.analyze(path.read_text(encoding="utf-8"), quotes=quotes) == json.loads(out.stdout)


def test_many_come_in_input_order_on_any_number_of_threads():
    texts = [p.read_text(encoding="utf-8") for p in ARTICLES] * 5
    one = [newslens.analyze(t) for t in texts]
    for threads in (1, 2, 3):
        assert list(newslens.analyze_many(texts, threads=threads)) == one
    assert list(newslens.analyze_many(iter(texts))) == one
    lines = list(newslens.analyze_many(texts, as_json=True))
    assert [json.loads(line) for line in lines] == one


def test_the_json_lines_are_the_clis():
    if not Path(CLI).exists():
        pytest.skip(f"no CLI at {CLI}: build it with cargo build --release")
    texts = [p.read_text(encoding="utf-8") for p in ARTICLES]
    jsonl = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    out = subprocess.run([CLI, "analyze", "--jsonl", "--offsets", "chars"], input=jsonl.encode(),
                         check=True, capture_output=True).stdout.decode().splitlines()
    for i, (cli, line) in enumerate(zip(out, newslens.analyze_many(texts, as_json=True))):
        assert cli == '{"id":' + str(i) + "," + line[1:]


def test_a_line_separator_is_escaped_in_the_json_as_the_cli_escapes_it():
    text = "\u201cWe will rebuild,\u2028 every pier,\u2029 every shed,\u201d Ann Lee said."
    line = next(newslens.analyze_many([text], as_json=True))
    assert "\u2028" not in line and "\u2029" not in line
    assert "\\u2028" in line and "\\u2029" in line
    assert json.loads(line) == newslens.analyze(text)
    if Path(CLI).exists():
        out = subprocess.run([CLI, "analyze", "--jsonl", "--offsets", "chars"],
                             input=(json.dumps({"text": text}) + "\n").encode(),
                             check=True, capture_output=True).stdout.decode().rstrip("\n")
        assert out == '{"id":null,' + line[1:]


def test_an_endless_iterator_is_read_a_chunk_at_a_time():
    pulled = itertools.count()

    def articles():
        for i in itertools.count():
            next(pulled)
            yield f'"Day {i} of the strike," Ann Lee said.'

    got = newslens.analyze_many(articles(), threads=2)
    names = [next(got)["quotes"][0]["speaker"]["name"] for _ in range(100)]
    assert names == ["Ann Lee"] * 100
    assert next(pulled) <= 100 + 4 * 2 + 1, "no more than a few texts per thread read ahead"


def test_a_bad_item_raises_naming_its_place_or_is_answered():
    with pytest.raises(TypeError, match="item 1: a str is needed, not int"):
        list(newslens.analyze_many(["fine", 5]))
    with pytest.raises(ValueError, match="item 0: .*surrogate"):
        list(newslens.analyze_many(["\ud800"]))
    got = list(newslens.analyze_many(["Ann Lee spoke.", None, "\udc00 Tom Baird"], errors="skip"))
    assert got[0]["entities"][0]["text"] == "Ann Lee"
    assert got[1] == {"error": "item 1: a str is needed, not NoneType"}
    assert "surrogate" in got[2]["error"]
    with pytest.raises(TypeError):
        newslens.analyze(b"bytes are no text")
    with pytest.raises(ValueError, match="surrogate"):
        newslens.analyze("half \ud800 a pair")


def test_options_are_checked_when_called():
    with pytest.raises(ValueError, match="quotes"):
        newslens.analyze("x", quotes="everything")
    with pytest.raises(ValueError, match="offsets"):
        newslens.analyze("x", offsets="bytes")
    with pytest.raises(ValueError, match="errors"):
        newslens.analyze_many(["x"], errors="ignore")
    with pytest.raises(ValueError, match="threads"):
        newslens.analyze_many(["x"], threads=0)


def test_quote_modes_differ_as_documented():
    text = "Power was cut to 80,000 homes overnight, the Electricity Supply Board said."
    assert [q["kind"] for q in newslens.analyze(text)["quotes"]] == ["indirect"]
    assert newslens.analyze(text, quotes="quoted")["quotes"] == []


def test_empty_and_odd_texts_give_results():
    for text in ["", " ", "\u202eRTL\u202c", "🙂" * 1000, "\"" * 500, "\x00\x01 junk"]:
        r = newslens.analyze(text)
        assert set(r) >= {"entities", "groups", "quotes", "sentences", "summary"}


def test_frames_are_long_tables_of_a_batch():
    pd = pytest.importorskip("pandas")
    texts = [p.read_text(encoding="utf-8") for p in ARTICLES[:3]] + [5]
    results = list(newslens.analyze_many(texts, errors="skip"))
    f = newslens.frames(results, ids=["a", "b", "c", "bad"])
    assert isinstance(f.entities, pd.DataFrame)
    assert len(f.entities) == sum(len(r["entities"]) for r in results[:3])
    assert len(f.quotes) == sum(len(r["quotes"]) for r in results[:3])
    assert set(f.quotes.columns) >= {"id", "speaker", "speaker_mention", "kind", "cue", "text", "start", "end"}
    assert list(f.people.columns) == ["id", "name", "kind", "group", "mentions", "quotes"]
    assert set(f.entities["id"]) == {"a", "b", "c"}
    first = results[0]
    rows = f.quotes[f.quotes["id"] == "a"]
    assert list(rows["text"]) == [q["text"] for q in first["quotes"]]
    top = f.people[f.people["id"] == "a"].iloc[0]
    assert top["name"] == first["summary"]["people"][0]["name"]
    assert newslens.frames(iter(results[:1])).entities["id"].unique().tolist() == [0]


def test_displacy_gets_its_manual_format():
    text = "Ann Lee met Harbour Works in Elwin on Monday."
    d = newslens.to_displacy(newslens.analyze(text))
    assert d["text"] == text and d["title"] is None
    labels = {text[e["start"]:e["end"]]: e["label"] for e in d["ents"]}
    assert labels["Ann Lee"] == "PERSON" and labels["Monday"] == "DATE"
    r = newslens.analyze(text, offsets="utf8")
    with pytest.raises(ValueError, match="code points"):
        newslens.to_displacy(r)
    assert newslens.to_displacy(dict(newslens.analyze(text)), text=text) == d


def test_a_notebook_shows_the_result_as_escaped_html():
    text = '<script>alert(1)</script> "We will rebuild," Mayor Ann Lee said.'
    page = newslens.analyze(text)._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Ann Lee" in page and "Who said what" in page
    many = list(newslens.analyze_many([text]))[0]
    assert many.text == text and many._repr_html_() == page
