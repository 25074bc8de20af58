"""People's own words on the page: shown as they typed them, never as Markdown.

Streamlit renders Markdown in titles, labels, captions, alerts and `st.write`, so a contact named
`![x](http://host/p.png)` would make the browser fetch that address, `[Bank](http://…)` would be a
link, and `:red[…]` would colour the page. Every piece of user text goes through `plain` (one line)
or `plain_lines` (several) before it meets Markdown. Links Rapport itself makes (an email address, a
LinkedIn profile) go through `link`, which shows the target as text and only links safe schemes.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

# CommonMark lets a backslash escape any ASCII punctuation; escaping all of it leaves nothing for
# Markdown, GFM autolinks, Streamlit's colour and icon directives or LaTeX to act on.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Streamlit's Markdown links bare addresses (http://…, www.…, a@b.c) after escapes are read, so
# escaping cannot stop it; an invisible word joiner after the scheme or "@" breaks the pattern.
_AUTOLINK = re.compile(r"(?i)(\b(?:https?|ftp|mailto|www)(?=[:.])|(?<=\w)@(?=\w))")
JOINER = "\u2060"
# Bidirectional overrides can make a name read backwards; they have no place in a label.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def plain(value: Any, limit: int | None = None) -> str:
    """One line of user text, inert as Markdown (line breaks become spaces)."""
    text = "" if value is None else str(value)
    text = _CONTROLS.sub("", text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub(lambda m: m.group(0) + JOINER, text))


def plain_lines(value: Any) -> str:
    """Several lines of user text, inert as Markdown, keeping its line breaks."""
    text = "" if value is None else str(value)
    return "  \n".join(plain(line) for line in text.replace("\r\n", "\n").split("\n"))


def link(label: Any, target: str, schemes: tuple[str, ...] = ("https", "http", "mailto")) -> str:
    """A link Rapport makes on purpose: the target is shown as the text, and only safe schemes link."""
    scheme = urlsplit(target).scheme.lower() if target else ""
    if scheme not in schemes:
        return plain(label)
    return f"[{plain(label)}]({quote(target, safe=':/?#=&%@+.,~_-')})"
