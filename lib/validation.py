"""Turning validation failures into sentences a person can act on."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, StringConstraints, ValidationError

LINE_LIMIT = 200  # a name, a role, an organisation: one line a person would type
TEXT_LIMIT = 20_000  # notes: pages of them, but not a pasted book
_LINE_JUNK = re.compile(r"[\x00-\x1f\x7f]")
_TEXT_JUNK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _one_line(value: Any) -> Any:
    """NUL and other control characters never belong in a name; line breaks become spaces."""
    if isinstance(value, str):
        return _LINE_JUNK.sub("", value.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
    return value


def _text(value: Any) -> Any:
    """Notes keep their line breaks and tabs, but not NUL or other control characters."""
    return _TEXT_JUNK.sub("", value.replace("\r\n", "\n")) if isinstance(value, str) else value


_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def one_line(value: Any, limit: int = LINE_LIMIT) -> str:
    """A stranger's header or calendar field as one clean line: no control or bidi characters (they can make
    a name read backwards or break a line in a log), white space folded, at most `limit` characters."""
    text = _BIDI.sub("", _one_line("" if value is None else str(value)))
    return " ".join(text.split())[:limit]


# Field types for every form and import: a length limit and no control characters, in every path.
Line = Annotated[str, BeforeValidator(_one_line), StringConstraints(max_length=LINE_LIMIT)]
Text = Annotated[str, BeforeValidator(_text), StringConstraints(max_length=TEXT_LIMIT)]


class Invalid(ValueError):
    """Input that cannot be saved; `problems` maps each field to what is wrong with it."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems.values()))


def messages_from(error: ValidationError, labels: dict[str, str]) -> dict[str, str]:
    """One readable sentence per field, using the form's own labels rather than column names."""
    problems: dict[str, str] = {}
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "form"
        label = labels.get(field, field.replace("_", " ").capitalize())
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] in {"greater_than_equal", "less_than_equal"}:
            bound = item.get("ctx", {})
            message = f"must be between the allowed limits ({_limits(bound)})"
        elif item["type"] == "literal_error":
            message = "is not one of the offered choices"
        elif item["type"] in {"int_parsing", "int_type"}:
            message = "must be a whole number"
        elif item["type"] == "missing":
            message = "is required"
        elif item["type"] == "value_error":
            problems.setdefault(field, message)
            continue
        else:
            message = _plain_words(dict(item))
        problems.setdefault(field, f"{label} {message}")
    return problems


def _plain_words(item: dict[str, Any]) -> str:
    """What is wrong, in words a person uses - never the validation library's own wording."""
    kind, ctx = item["type"], item.get("ctx", {})
    if kind in {"string_too_long", "too_long"}:
        return f"is too long (at most {ctx.get('max_length', LINE_LIMIT):,} characters)"
    if kind.startswith(("date", "datetime")):
        return "is not a date like 2026-03-15"
    if kind.startswith(("float", "decimal", "int")):
        return "must be a number"
    if kind.startswith("bool"):
        return "must be yes or no"
    if kind in {"list_type", "tuple_type", "set_type"}:
        return "should be a list"
    if kind.startswith("string"):
        return "should be text"
    return "could not be read; check what was entered"


def _limits(ctx: dict[str, Any]) -> str:
    if "ge" in ctx:
        return f"at least {ctx['ge']}"
    return f"at most {ctx.get('le')}"
