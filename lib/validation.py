"""Turning validation failures into sentences a person can act on."""

from __future__ import annotations

from pydantic import ValidationError


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
        problems.setdefault(field, f"{label} {message}")
    return problems


def _limits(ctx: dict) -> str:
    if "ge" in ctx:
        return f"at least {ctx['ge']}"
    return f"at most {ctx.get('le')}"
