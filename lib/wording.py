"""Numbers and words as people say them: '1 promise', '2 replies', 'no thank-yous', '1,204 contacts'.

One function for the app, the command line, Today's headline and the chart sentences: five copies had
grown, each with its own idea of a plural ('replys').
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

import typeguard

if TYPE_CHECKING:
    import inflect


def _unchecked(target: Callable[..., Any] | None = None, **_options: Any) -> Any:
    """typeguard's @typechecked as a pass-through, bare or called with options."""
    return target if target is not None else (lambda function: function)


def _import_inflect() -> ModuleType:
    """inflect without typeguard's instrumentation, which costs 3.1 s at every start of the app, the CLI
    and each cron line: @typechecked re-reads and recompiles inflect's 4,000-line module for each of its 23
    methods (jaraco/inflect#212). Its checks only reject arguments of the wrong type, which our own
    type hints keep out; the answers are the same. Imported this way it takes about 50 ms."""
    if "inflect" in sys.modules:
        return sys.modules["inflect"]
    checked = typeguard.typechecked
    typeguard.typechecked = _unchecked
    try:
        return importlib.import_module("inflect")
    finally:
        typeguard.typechecked = checked


_ENGLISH: inflect.engine = _import_inflect().engine()


@lru_cache(maxsize=512)
def plural(noun: str) -> str:
    """The plural of a noun or a noun phrase ('thank-you' → 'thank-yous', 'reply' → 'replies')."""
    return _ENGLISH.plural_noun(noun) or f"{noun}s"


def count(n: int, noun: str, many: str | None = None, none: str | None = "no") -> str:
    """`n` and the noun in the form that agrees with it; zero reads as 'no …' unless `none` is None."""
    n = int(n)
    word = noun if n == 1 else (many or plural(noun))
    if n == 0 and none:
        return f"{none} {word}"
    return f"{n:,} {word}"
