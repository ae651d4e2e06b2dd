"""The compiled core of newslens (see the package for the documented functions)."""

from typing import Iterable, Iterator, Optional

__version__: str

def analyze_json(text: str, quotes: str = "all", offsets: str = "chars") -> str:
    """The analysis of one text as a line of JSON (the CLI's, without an id)."""

class Batch(Iterator[str]):
    """The analyses of a batch, each a line of JSON, in input order."""
    def __iter__(self) -> "Batch": ...
    def __next__(self) -> str: ...

def analyze_batch(
    items: Iterable[str],
    quotes: str = "all",
    offsets: str = "chars",
    threads: Optional[int] = None,
    errors: str = "raise",
) -> Batch:
    """An iterator of the analyses of ``items``, read a chunk at a time and analysed on
    ``threads`` threads without the GIL."""
