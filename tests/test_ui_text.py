"""lib/ui/text.py: people's own words reach Markdown as text, never as images, links or directives."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from lib.ui.text import JOINER, link, plain, plain_lines

UNESCAPED = re.compile(r"(?<!\\)[!\[\]()<>:`*_$#|~]")


def _unescape(text: str) -> str:
    """What a person reads: Markdown drops the escapes, and the word joiner is invisible."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace(JOINER, "")


def test_an_image_a_link_and_a_colour_directive_are_left_as_text() -> None:
    hostile = "![x](http://127.0.0.1:9/p.png) [Bank](http://evil.example) :red[alarm] <img src=x> $x$"
    made = plain(hostile)
    assert UNESCAPED.search(made) is None
    assert f"http{JOINER}\\:\\/\\/" in made  # Streamlit links bare URLs even when escaped
    assert _unescape(made) == hostile


def test_line_breaks_and_direction_overrides_do_not_survive_in_a_one_line_label() -> None:
    assert plain("Ana\nNguyen\u202e") == "Ana Nguyen"
    assert plain_lines("first\n## Task\nthird") == "first  \n\\#\\# Task  \nthird"


def test_a_long_label_is_cut_with_an_ellipsis() -> None:
    assert _unescape(plain("x" * 100, limit=10)) == "x" * 9 + "…"


def test_only_safe_schemes_become_links() -> None:
    assert link("ana@example.com", "mailto:ana@example.com") == f"[ana\\@{JOINER}example\\.com](mailto:ana@example.com)"
    assert link("profile", "javascript:alert(1)") == "profile"
    assert link("p", "https://www.linkedin.com/in/a(b)") == "[p](https://www.linkedin.com/in/a%28b%29)"


@given(st.text())
def test_any_text_comes_back_as_typed_once_markdown_reads_the_escapes(text: str) -> None:
    made = plain(text)
    assert UNESCAPED.search(made) is None
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", "",
                      text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
    assert _unescape(made) == expected.replace(JOINER, "")
