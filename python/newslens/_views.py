"""Other shapes of a result, for the tools around it: pandas frames, spaCy's displaCy,
and the HTML a notebook shows. Conversions only; every figure comes from the result."""

import html
from typing import Any, Dict, Iterable, List, NamedTuple, Optional

# newslens's kinds as spaCy names them, so that displaCy colours them as its own.
DISPLACY_LABELS = {
    "person": "PERSON", "organization": "ORG", "location": "LOC", "misc": "MISC",
    "date": "DATE", "time": "TIME", "money": "MONEY", "percent": "PERCENT",
    "number": "CARDINAL",
}


class Frames(NamedTuple):
    """A batch's results as long-format pandas DataFrames, one row per entity mention,
    per quote and per person or organisation of each summary; ``id`` names the text."""

    entities: Any
    quotes: Any
    people: Any


def frames(results: Iterable[Dict[str, Any]], ids: Optional[Iterable[Any]] = None) -> Frames:
    """``entities`` (id, start, end, text, kind, group, name: the group's name, confidence),
    ``quotes`` (id, start, end, text, kind, cue, speaker: the name, speaker_mention,
    speaker_group, confidence) and ``people`` (id, name, kind, group, mentions, quotes: the
    summary's). ``ids`` default to the results' positions; a result that is an error
    (``errors="skip"``) gives no rows. Needs pandas (``pip install newslens[pandas]``)."""
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("newslens.frames needs pandas: pip install newslens[pandas]") from e
    entities: List[tuple] = []
    quotes: List[tuple] = []
    people: List[tuple] = []
    ids = iter(ids) if ids is not None else None
    for n, r in enumerate(results):
        id_ = next(ids) if ids is not None else n
        if "error" in r:
            continue
        groups = r["groups"]
        for e in r["entities"]:
            name = groups[e["group"]]["name"] if e["group"] is not None else None
            entities.append((id_, e["start"], e["end"], e["text"], e["kind"], e["group"], name,
                             e["confidence"]))
        for q in r["quotes"]:
            sp = q["speaker"]
            quotes.append((id_, q["start"], q["end"], q["text"], q["kind"],
                           q["cue"]["text"] if q["cue"] else None,
                           sp["name"] if sp else None, sp["text"] if sp else None,
                           sp["group"] if sp else None, q["confidence"]))
        for p in r["summary"]["people"]:
            people.append((id_, p["name"], p["kind"], p["group"], p["mentions"], p["quotes"]))
    return Frames(
        pd.DataFrame(entities, columns=["id", "start", "end", "text", "kind", "group", "name",
                                        "confidence"]),
        pd.DataFrame(quotes, columns=["id", "start", "end", "text", "kind", "cue", "speaker",
                                      "speaker_mention", "speaker_group", "confidence"]),
        pd.DataFrame(people, columns=["id", "name", "kind", "group", "mentions", "quotes"]),
    )


def text_of(result: Dict[str, Any], text: Optional[str]) -> str:
    """The text a result was made from: given, or kept by :func:`newslens.analyze`."""
    if text is None:
        text = getattr(result, "text", None)
    if text is None:
        raise ValueError("the text is needed: pass text=..., or use a result of newslens.analyze")
    if getattr(result, "offsets", "chars") != "chars":
        raise ValueError('offsets must count code points (offsets="chars") to mark the text')
    return text


def to_displacy(result: Dict[str, Any], text: Optional[str] = None) -> Dict[str, Any]:
    """The entities in spaCy displaCy's manual format, ``{"text", "ents": [{"start",
    "end", "label"}], "title": None}``, for ``displacy.render(d, style="ent",
    manual=True)``; labels as spaCy names them (PERSON, ORG, LOC, CARDINAL ...)."""
    return {
        "text": text_of(result, text),
        "ents": [{"start": e["start"], "end": e["end"], "label": DISPLACY_LABELS.get(e["kind"], "MISC")}
                 for e in result["entities"]],
        "title": None,
    }


STYLE = """
.newslens { font: 14px/1.5 system-ui, sans-serif; }
.newslens .text { white-space: pre-wrap; max-height: 24em; overflow: auto; border: 1px solid #ccc;
  padding: 0.5em; }
.newslens mark { border-radius: 3px; padding: 0 1px; background: #ececec; color: inherit; }
.newslens mark.person { background: #ffd8a8; } .newslens mark.organization { background: #c3e6ff; }
.newslens mark.location { background: #c8f0c8; } .newslens mark.misc { background: #e6d5ff; }
.newslens mark.date, .newslens mark.time { background: #ffe9a3; }
.newslens mark.money, .newslens mark.percent { background: #d6f5e8; }
.newslens blockquote { margin: 0.2em 0 0.2em 1em; }
.newslens .meta { color: #666; font-size: 0.9em; }
"""


def report_html(result: Dict[str, Any], text: Optional[str] = None) -> str:
    """The result as a notebook shows it: the people and organisations, who said what,
    and the text with its entities marked. Text only, escaped; no script."""
    esc = html.escape
    out = [f"<div class=\"newslens\"><style>{STYLE}</style>"]
    summary = result["summary"]
    if summary["people"]:
        people = ", ".join(
            f"<mark class=\"{esc(p['kind'])}\">{esc(p['name'])}</mark> {p['mentions']}"
            + (f" ({p['quotes']} quoted)" if p["quotes"] else "")
            for p in summary["people"])
        out.append(f"<p><b>People and organisations:</b> {people}</p>")
    said = [(s["name"], s["quotes"]) for s in summary["speakers"]]
    if summary["unattributed"]:
        said.append(("Unattributed", summary["unattributed"]))
    if said:
        out.append("<p><b>Who said what</b></p>")
    for name, indices in said:
        out.append(f"<p>{esc(name)}</p>")
        for i in indices:
            q = result["quotes"][i]
            words = " … ".join(p["text"] for p in q["parts"])
            cue = f" · cue: {esc(q['cue']['text'])}" if q["cue"] else ""
            kind = "reported" if q["kind"] == "indirect" else q["kind"]
            out.append(f"<blockquote>{esc(words)} <span class=\"meta\">{esc(kind)}{cue}</span></blockquote>")
    try:
        text = text_of(result, text)
    except ValueError:
        text = None
    if text is not None:
        marked, at = [], 0
        for e in result["entities"]:
            if e["start"] < at:
                continue
            marked.append(esc(text[at:e["start"]]))
            marked.append(f"<mark class=\"{esc(e['kind'])}\" title=\"{esc(e['kind'])}\">"
                          f"{esc(text[e['start']:e['end']])}</mark>")
            at = e["end"]
        marked.append(esc(text[at:]))
        out.append(f"<div class=\"text\">{''.join(marked)}</div>")
    out.append("</div>")
    return "\n".join(out)
