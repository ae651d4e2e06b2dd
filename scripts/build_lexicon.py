#!/usr/bin/env python3
"""Derive newslens's gazetteers from ../shared/data/lexicon into data/*.txt.

Run from the repository root: python3 scripts/build_lexicon.py [LEXICON_DIR]
Each output is one item per line, sorted, deduplicated, with a `#` header naming its
source and licence. Common English words are left out of the place and name lists
(data/common_words.txt), since a capitalised "March" or "Police" at a sentence start is
far more often a word than a town.
"""
import csv
import re
import os
import sys

LEX = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data", "lexicon")
SURNAMES_MAX = 15000
# Place names that are far more often something else in English news.
NOT_PLACES = {"Bath", "Central", "Eastern", "Male", "March", "Mobile", "Most", "Nice", "Northern",
              "Of", "Police", "Reading", "Southern", "Split", "Western", "Union", "Victoria", "Mango"}  # the most common US surnames; the rest are rare and often words


DATA = os.path.join(os.path.dirname(LEX), "")


def common_words():
    """Words seen in lower case more often than capitalised mid-sentence, in the training text.

    Mined from CoNLL-2003 train and PolNeAR train (words only, no text is kept).
    """
    lower, cap = {}, {}
    word = re.compile(r"[A-Za-z]+")
    texts = []
    with open(os.path.join(DATA, "conll2003", "train.txt"), encoding="utf8") as f:
        sent = []
        for line in f:
            p = line.split()
            if not p:
                if sent:
                    texts.append(" ".join(sent))
                sent = []
            elif p[0] != "-DOCSTART-":
                sent.append(p[0])
    tdir = os.path.join(DATA, "quotes", "polnear", "train", "text")
    for fn in sorted(os.listdir(tdir)):
        with open(os.path.join(tdir, fn), encoding="utf8") as f:
            texts.extend(re.split(r"(?<=[.!?])\s+|\n+", f.read()))
    for t in texts:
        if t.isupper():
            continue  # headlines in capitals tell nothing about case
        for i, m in enumerate(word.finditer(t)):
            w = m.group(0)
            if w.islower():
                lower[w] = lower.get(w, 0) + 1
            elif i > 0 and w[:1].isupper():
                cap[w.lower()] = cap.get(w.lower(), 0) + 1
    return {w for w, n in lower.items() if n >= 3 and n > 2 * cap.get(w, 0) and (len(w) > 1 or w == "a")}


def write(name, header, items):
    items = sorted({i.strip() for i in items if i.strip() and "\t" not in i})
    with open(os.path.join("data", name), "w", encoding="utf8") as f:
        for h in header:
            f.write(f"# {h}\n")
        for i in items:
            f.write(i + "\n")
    print(f"data/{name}: {len(items)} items")


def title(s):
    return s[:1].upper() + s[1:].lower()


def main():
    stop = common_words()
    write("common_words.txt", ["Words seen in lower case at least 3 times, and over twice as often as",
                               "capitalised mid-sentence, in CoNLL-2003 train and PolNeAR train.",
                               "Derived by scripts/build_lexicon.py (word counts only; no text kept)."], stop)
    places = set()
    with open(os.path.join(LEX, "country-codes.csv"), encoding="utf8") as f:
        for r in csv.DictReader(f):
            for k in ("UNTERM English Short", "CLDR display name", "official_name_en", "Capital"):
                v = (r.get(k) or "").strip()
                if v.lower().startswith("the "):
                    v = v[4:]
                if v and "(" not in v and "," not in v:
                    places.add(v)
    with open(os.path.join(LEX, "world-cities.csv"), encoding="utf8") as f:
        for r in csv.DictReader(f):
            for k in ("name", "subcountry"):
                v = (r.get(k) or "").strip()
                if v and v[:1].isupper() and v.lower() not in stop and "(" not in v:
                    places.add(v)
    places -= NOT_PLACES
    write("places.txt", ["Countries, capitals, cities (population > 15,000) and their subdivisions.",
                         "Derived by scripts/build_lexicon.py from ../shared/data/lexicon:",
                         "world-cities.csv (GeoNames, CC-BY 4.0) and country-codes.csv (ODC-PDDL)."], places)
    first = set()
    for fn in ("first-names-male.tsv", "first-names-female.tsv"):
        with open(os.path.join(LEX, fn), encoding="utf8") as f:
            next(f)
            for line in f:
                n = title(line.split("\t")[0])
                if n.lower() not in stop:
                    first.add(n)
    write("first_names.txt", ["US Census 1990 first names (male and female), public domain.",
                              "Derived by scripts/build_lexicon.py from ../shared/data/lexicon."], first)
    sur = set()
    with open(os.path.join(LEX, "surnames.tsv"), encoding="utf8") as f:
        next(f)
        for i, line in enumerate(f):
            if i >= SURNAMES_MAX:
                break
            n = title(line.split("\t")[0])
            if n.lower() not in stop:
                sur.add(n)
    write("surnames.txt", [f"The {SURNAMES_MAX} most common US Census 1990 surnames, public domain.",
                           "Derived by scripts/build_lexicon.py from ../shared/data/lexicon."], sur)

    org_names(stop, places, first | sur)


def org_names(stop, places, people):
    """Organisation names of the open lists in ../shared/data/ner-extra/gazetteers.

    S&P 500 companies (ODC-PDDL) and US congressional committees (CC0). Names of two
    to four words only (the name finder matches phrases of that length; a lone "Apple"
    is left to the model), less those that are places. The football clubs (11,176
    names with aliases) and US newspapers (5,967) were tried too and left out:
    docs/ner-corpora.md says what they cost and gave.
    """
    gaz = os.path.join(DATA, "ner-extra", "gazetteers")
    names = set()
    for fn in ("sp500-companies.tsv", "us-congress-committees.tsv"):
        with open(os.path.join(gaz, fn), encoding="utf8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                name = " ".join(r["name"].split())
                words = name.split(" ")
                if (2 <= len(words) <= 4 and name[:1].isupper() and name not in places
                        and all(re.fullmatch(r"[^\W_][\w.&'-]*", w) for w in words)):
                    names.add(name)
    write("org_names.txt", ["Organisation names of two to four words: S&P 500 companies",
                            "(datasets/s-and-p-500-companies, ODC-PDDL 1.0) and US congressional committees",
                            "(unitedstates/congress-legislators, CC0 1.0).",
                            "Derived by scripts/build_lexicon.py from ../shared/data/ner-extra/gazetteers."], names)


if __name__ == "__main__":
    main()
