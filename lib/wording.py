"""Numbers and words as people say them: '1 promise', '2 replies', 'no thank-yous', '1,204 contacts'.

One function for the app, the command line, Today's headline and the chart sentences: five copies had
grown, each with its own idea of a plural ('replys').
"""

from __future__ import annotations

from functools import lru_cache

import inflect

_ENGLISH = inflect.engine()


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
