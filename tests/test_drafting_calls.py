"""lib/drafting/calls.py: the call log keeps what Settings shows, newest first."""

from lib.db import Database
from lib.drafting import calls


def test_calls_are_listed_newest_first_with_their_outcome(db: Database) -> None:
    calls.record(db, "openai", "m1", "questions", 120, "ok", 50, 80)
    calls.record(db, "openai", "m1", "thank_you", 30, "unauthorized", detail="refused the API key (401)")
    log = calls.recent(db)
    assert list(log["outcome"]) == ["unauthorized", "ok"]
    assert calls.last(db)["detail"] == "refused the API key (401)"
