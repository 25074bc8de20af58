"""lib/validation.py: pydantic's errors become one sentence per field in the form's words."""

import pytest
from pydantic import BaseModel, Field, ValidationError

from lib.validation import Invalid, messages_from


class Form(BaseModel):
    goal: int = Field(ge=0, le=5)
    count: int


def test_range_and_type_errors_use_the_label_and_name_the_limit() -> None:
    with pytest.raises(ValidationError) as caught:
        Form(goal=9, count="many")
    assert messages_from(caught.value, {"goal": "Weekly goal"}) == {
        "goal": "Weekly goal must be between the allowed limits (at most 5)",
        "count": "Count must be a whole number",
    }


def test_invalid_reads_as_all_its_problems() -> None:
    assert str(Invalid({"a": "Name is required", "b": "Email is odd"})) == "Name is required; Email is odd"
