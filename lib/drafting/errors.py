"""Every way a model call can fail, each with a message that says what to do next."""

from __future__ import annotations


class DraftError(Exception):
    """A draft that could not be made; `partial` keeps whatever text had arrived."""

    outcome = "error"

    def __init__(self, message: str, partial: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.partial = partial


class NoKey(DraftError):
    outcome = "no_key"


class WrongKey(DraftError):
    outcome = "unauthorized"


class UnknownModel(DraftError):
    outcome = "unknown_model"


class RateLimited(DraftError):
    outcome = "rate_limited"


class ServerFailed(DraftError):
    outcome = "server_error"


class TimedOut(DraftError):
    outcome = "timeout"


class Unreachable(DraftError):
    outcome = "connection_refused"


class StreamCut(DraftError):
    outcome = "stream_cut"


class BadShape(DraftError):
    outcome = "bad_shape"


class Refused(DraftError):
    """The server refused the request itself (400) for a reason other than the answer's format."""

    outcome = "bad_request"


class Truncated(DraftError):
    """The server ended the answer before the draft was finished: at its length limit, or by its
    content filter. What arrived is kept, marked incomplete; it is never passed off as a draft."""

    outcome = "truncated"

    def __init__(self, message: str, partial: str = "", reason: str = "length") -> None:
        super().__init__(message, partial)
        self.reason = reason
        self.outcome = "length" if reason == "length" else "content_filter"
