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


@pytest.mark.parametrize(("value", "says"), [
    ({"full_name": ["a", "list"]}, "Name should be text"),
    ({"full_name": "Ana", "first_met_on": "someday"}, "First met is not a date like 2026-03-15"),
    ({"full_name": "Ana", "cadence_days": "often"}, "Keep-in-touch cadence must be a whole number"),
    ({"full_name": "Ana", "tags": 7}, "Tags should be words separated by commas"),
    ({"full_name": "Ana", "source": {"x": 1}}, "Source is not one of the offered choices"),
])
def test_every_problem_is_said_in_peoples_words_not_the_librarys(value, says) -> None:
    from lib import contacts

    with pytest.raises(Invalid) as refused:
        contacts.validate(**value)
    message = "; ".join(refused.value.problems.values())
    assert says in message and "Input should" not in message and "valid string" not in message
