#!/usr/bin/env python3
"""Writes a copy of a CoNLL-2003 file whose headlines are in title case, to measure the
name finder on headlines as the news online prints them.

usage: scripts/title_case_conll.py IN OUT [--body K]

Every sentence in capitals ("SOCCER - JAPAN GET LUCKY WIN") is rewritten in title case
("Soccer - Japan Get Lucky Win"); with --body K, every K-th other sentence of four words
or more too. Two styles take turns: every word capitalised, or all but short function
words. Acronyms keep their capitals: a word with a full stop inside ("U.S."), or up to
four capitals inside a gold name ("NATO"). Tags are unchanged. Writes OUT only (never
into the repository: the text is CoNLL-2003's); then
  python3 ../shared/tools/ner_eval.py --conll OUT -- target/release/newslens analyze --jsonl --offsets chars
"""
import argparse
import re

SMALL = {"a", "an", "the", "and", "but", "or", "nor", "for", "on", "at", "to", "from", "by",
         "of", "in", "with", "as", "vs", "vs."}


def title(tok, tag, first, every_word):
    if not re.search(r"[A-Za-z]", tok):
        return tok
    if "." in tok.strip(".") or (tok.isupper() and tok.isalpha() and len(tok) <= 4 and tag != "O"):
        return tok
    low = tok.lower()
    if not every_word and not first and low in SMALL:
        return low
    return low[:1].upper() + low[1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--body", type=int, default=0)
    a = ap.parse_args()
    out, sent = [], []
    counts = {"caps": 0, "body": 0, "short": 0}

    def flush():
        if not sent:
            return
        toks = [line.split() for line in sent]
        words = [t[0] for t in toks if re.search(r"[A-Za-z]", t[0])]
        caps = len(words) >= 2 and not any(re.search(r"[a-z]", w) for w in words)
        pick = False
        if toks[0][0] != "-DOCSTART-":
            if caps:
                pick = True
                counts["caps"] += 1
            elif a.body and len(words) >= 4:
                counts["short"] += 1
                if counts["short"] % a.body == 0:
                    pick = True
                    counts["body"] += 1
        if pick:
            every_word = (counts["caps"] + counts["body"]) % 2 == 0
            for i, t in enumerate(toks):
                t[0] = title(t[0], t[-1], i == 0, every_word)
        out.extend(" ".join(t) for t in toks)
        sent.clear()

    with open(a.src, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if line.strip():
                sent.append(line)
            else:
                flush()
                out.append(line)
    flush()
    with open(a.dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print(f"{counts['caps']} sentences in capitals and {counts['body']} others in title case")


if __name__ == "__main__":
    main()
