"""newslens: who is in a news article, and who said what.

Everything is computed by a compiled Rust core on this machine; this package only
converts. A result is a dict equal to what ``newslens analyze --jsonl`` prints for the
same text: ``entities``, ``groups``, ``quotes``, ``sentences`` and ``summary`` (the
people and organisations ranked, and who said what), every span with ``start``,
``end`` and ``text``.

    >>> import newslens
    >>> r = newslens.analyze('"Hi," Ann Lee said.')
    >>> r["quotes"][0]["speaker"]["name"]
    'Ann Lee'

Offsets count code points by default (``offsets="chars"``), so that
``text[e["start"]:e["end"]] == e["text"]`` in Python.

``analyze_many`` analyses any iterable on every core, in input order; ``frames`` turns
results into pandas DataFrames (entities, quotes, people); ``to_displacy`` gives spaCy
displaCy's manual format; a result shows itself in a notebook as HTML.

Licences: the code is MIT OR Apache-2.0; the compiled models were learned from
CoNLL-2003 (Reuters RCV1 news, research use) and PolNeAR (US political news, research
use), which they carry as weights and word counts only.
"""

import collections
import json
from typing import Any, Iterable, Iterator, Optional

from . import _newslens
from ._views import Frames, frames, report_html, to_displacy

__all__ = ["analyze", "analyze_many", "frames", "to_displacy", "Analysis", "Frames", "__version__"]
__version__: str = _newslens.__version__


class Analysis(dict):
    """One text's analysis: a plain dict, equal to the CLI's JSON. Beside its keys it
    keeps the text it was made from (``.text``) and how its offsets count
    (``.offsets``), for :func:`to_displacy` and for how a notebook shows it (the
    people, who said what, and the marked text: escaped HTML, no script)."""

    text: Optional[str] = None
    offsets: str = "chars"

    def _repr_html_(self) -> str:
        return report_html(self)


def _analysis(line: str, text: Any, offsets: str) -> Analysis:
    result = Analysis(json.loads(line))
    if "error" not in result:
        result.text, result.offsets = text, offsets
    return result


def analyze(text: str, *, quotes: str = "all", offsets: str = "chars") -> Analysis:
    """The analysis of ``text``.

    ``quotes`` is how quotations are found: ``"all"`` (the default: the rules and the
    learned models on every sentence with quotation marks or a likely cue, so reported
    speech too), ``"quoted"`` (only sentences with quotation marks) or ``"rules"``.
    ``offsets`` is how spans count: ``"chars"`` (code points, the default), ``"utf16"``
    or ``"utf8"`` (bytes).

    Raises ``TypeError`` when ``text`` is not a str, ``ValueError`` when it holds half
    of a surrogate pair or an option has no such value.
    """
    return _analysis(_newslens.analyze_json(text, quotes, offsets), text, offsets)


def analyze_many(
    texts: Iterable[str],
    *,
    quotes: str = "all",
    offsets: str = "chars",
    threads: Optional[int] = None,
    errors: str = "raise",
    as_json: bool = False,
) -> Iterator[Any]:
    """The analyses of ``texts`` (a list, a generator, a pandas Series: any iterable of
    str), yielded in input order.

    The texts are analysed on ``threads`` threads (default: every core) without the
    GIL while Python takes the results already done; at most a few texts per thread
    are read ahead, so an endless iterator is fine. With ``as_json=True`` each result
    is the line of JSON itself (what the CLI writes for it), not parsed: for a
    pipeline that writes JSON anyway, the fastest way.

    A bad item (not a str, or a str with half of a surrogate pair) raises ``TypeError``
    or ``ValueError`` naming its position (``errors="raise"``, the default), or is
    answered by ``{"error": "..."}`` in its place (``errors="skip"``), as the CLI's
    JSONL answers a bad line. ``quotes`` and ``offsets`` as in :func:`analyze`.
    """
    if as_json:
        # Called now, so that a bad option raises here and not at the first result.
        return iter(_newslens.analyze_batch(texts, quotes, offsets, threads, errors))
    # The texts as the core reads them, each kept until its result comes back (at most
    # a few per thread).
    held: "collections.deque[Any]" = collections.deque()

    def feed() -> Iterator[Any]:
        for text in texts:
            held.append(text)
            yield text

    batch = _newslens.analyze_batch(feed(), quotes, offsets, threads, errors)
    return (_analysis(line, held.popleft(), offsets) for line in batch)
