"""The user's own profile: who they are, what they aim for, and the defaults that drive reminders."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, field_validator

from lib import clock
from lib.db import Database
from lib.validation import Invalid, Line, Text, messages_from

Stage = Literal["student", "graduate", "career_changer", "job_seeker", "returner", "other"]

STAGE_LABELS: dict[str, str] = {
    "student": "Student",
    "graduate": "Recent graduate",
    "career_changer": "Changing careers",
    "job_seeker": "Actively looking for work",
    "returner": "Returning to work",
    "other": "Other",
}


class Profile(BaseModel):
    """What Rapport knows about its user; every field has a sensible default for onboarding."""

    name: Line = ""
    email: Line = ""  # yours, so a calendar or a mailbox never takes you for one of your contacts
    stage: Stage = "career_changer"
    background: Text = ""
    target_roles: Text = ""
    target_industries: Text = ""
    strengths: Text = ""
    offers: Text = ""
    weekly_goal: int = Field(2, ge=0, le=50)
    time_zone: str = "UTC"
    thank_you_window_hours: int = Field(24, ge=1, le=336)
    report_back_days: int = Field(30, ge=1, le=365)
    cadence_close_days: int = Field(30, ge=1, le=730)
    cadence_active_days: int = Field(90, ge=1, le=730)
    cadence_casual_days: int = Field(180, ge=1, le=730)
    linkedin_plan: Literal["free", "premium"] = "free"
    digest_hour: int = Field(7, ge=0, le=23)  # the morning digest, in the profile's time zone
    prep_lead_hours: int = Field(2, ge=1, le=48)  # meeting prep this long before a meeting
    nudge_hours: int = Field(4, ge=1, le=48)  # a thank-you nudge when this much of the window is left
    weekly_review: bool = True  # a Monday review of last week

    @field_validator("name", "email", "background", "target_roles", "target_industries", "strengths",
                     "offers")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if not clock.is_time_zone(value):
            raise ValueError(f"'{value}' is not a time zone Rapport knows; pick one from the list")
        return value

    def addresses(self) -> set[str]:
        """Every address of the user's (the email field takes aliases, separated by commas or spaces)."""
        return {a.strip().lower() for a in re.split(r"[,;\s]+", self.email) if "@" in a}

    def cadence_for(self, tier: str) -> int:
        """Default keep-in-touch days for a contact tier (close, active, casual)."""
        return {
            "close": self.cadence_close_days,
            "casual": self.cadence_casual_days,
        }.get(tier, self.cadence_active_days)


FIELDS = list(Profile.model_fields)


def exists(db: Database) -> bool:
    """Whether onboarding has happened: a newcomer has no profile row yet."""
    return bool(db.value("SELECT count(*) FROM profile"))


def get(db: Database) -> Profile:
    """The saved profile, or the defaults when none is saved yet."""
    row = db.row(f"SELECT {', '.join(FIELDS)} FROM profile WHERE id = 1")
    return Profile(**row) if row else Profile()


def is_saved(db: Database) -> bool:
    """Whether the user has saved a profile yet (before that, every field is a default)."""
    return bool(db.value("SELECT count(*) FROM profile WHERE id = 1"))


def starting_zone(current: Profile, saved: bool, browser_zone: str | None) -> str:
    """The zone the profile form offers: the saved one, else the browser's (a Melbourne phone says
    Australia/Melbourne), else UTC."""
    if saved or not browser_zone or not clock.is_time_zone(browser_zone):
        return current.time_zone
    return browser_zone


def save(db: Database, **fields: object) -> Profile:
    """Validate and store the profile (insert on first save); raises Invalid with readable reasons."""
    try:
        profile = get(db).model_copy(update=fields)
        profile = Profile.model_validate(profile.model_dump())
    except ValidationError as error:
        raise Invalid(messages_from(error, LABELS)) from error
    values = profile.model_dump()
    now = clock.utcnow()
    columns = ", ".join(FIELDS)
    updates = ", ".join(f"{f} = excluded.{f}" for f in FIELDS)
    db.execute(
        f"INSERT INTO profile (id, {columns}, created_at, updated_at) "
        f"VALUES (1, {', '.join('?' for _ in FIELDS)}, ?, ?) "
        f"ON CONFLICT (id) DO UPDATE SET {updates}, updated_at = excluded.updated_at",
        [values[f] for f in FIELDS] + [now, now],
    )
    return profile


LABELS = {
    "digest_hour": "Morning digest at",
    "prep_lead_hours": "Meeting prep before",
    "nudge_hours": "Thank-you nudge with",
    "name": "Your name",
    "email": "Your email",
    "weekly_goal": "Weekly interview goal",
    "time_zone": "Time zone",
    "thank_you_window_hours": "Thank-you window",
    "report_back_days": "Report-back after",
    "cadence_close_days": "Close contacts cadence",
    "cadence_active_days": "Active contacts cadence",
    "cadence_casual_days": "Casual contacts cadence",
}
