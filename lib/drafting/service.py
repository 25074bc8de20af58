"""Making a draft: pick the provider, stream it, parse it, check it, log it.

A `Run` is what a page or the CLI holds: iterate `run.readable()` to show text as it arrives (for
st.write_stream; `run.stream()` is the raw answer, reasoning pieces included), then read `run.draft` -
the parsed result, its checks, and any error with the partial text kept. The offline drafter is the
default when no model is set up, and the fallback the user can take in one click after a failure; it is
never used silently in place of the model.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lib import messages
from lib import questions as question_list
from lib.db import Database
from lib.drafting import answers, calls, checks, context, errors, live, offline, prompts
from lib.drafting.answers import parse_message, parse_questions
from lib.drafting.live import readable
from lib.drafting.offline import DraftQuestion, Message
from lib.drafting.provider import OpenAIProvider
from lib.drafting.settings import ModelSettings

OUTREACH_WORDS = 75


@dataclass
class Draft:
    """A finished (or failed) draft."""

    purpose: str
    provider: str
    model: str
    prompt: list[dict[str, str]]
    questions: list[DraftQuestion] = field(default_factory=list)
    message: Message | None = None
    checks: list[checks.Check] = field(default_factory=list)
    error: errors.DraftError | None = None
    text: str = ""
    output: str = ""  # "structured", or "plain_text_fallback" when the server refused response_format

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def incomplete(self) -> bool:
        """The answer stopped before the draft was finished (cut off, or at a length or content limit)."""
        return isinstance(self.error, errors.StreamCut | errors.Truncated)

    def as_text(self) -> str:
        """The draft as a person reads it: the questions or the message, or what arrived before a failure."""
        if self.error or not (self.questions or self.message):
            return self.text
        if self.questions:
            return offline.render_questions(self.questions)
        return _render_message(self.message) if self.message else self.text

    def as_json(self) -> dict[str, Any]:
        """What `lib.cli draft … --json` prints."""
        return {
            "purpose": self.purpose, "provider": self.provider, "model": self.model,
            "questions": [q.model_dump() for q in self.questions],
            "message": self.message.model_dump() if self.message else None,
            "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in self.checks],
            "error": self.error.message if self.error else None,
            "partial": self.text if self.error else "",
            "incomplete": self.incomplete,
            "output": self.output,
        }


def provider_for(choice: str, settings: ModelSettings, **kwargs: Any) -> OpenAIProvider | None:
    """None means the offline drafter."""
    return None if choice == offline.NAME else OpenAIProvider(settings, **kwargs)


def default_choice(settings: ModelSettings) -> str:
    """The model when one is set up, else the offline drafter."""
    return "openai" if settings.configured else offline.NAME


class Run:
    """One draft in progress."""

    def __init__(self, db: Database, purpose: str, ctx: context.Context, provider: OpenAIProvider | None,
                 channel: str = "email", tone: str = "warm", seed: int = 0) -> None:
        self.db, self.purpose, self.ctx, self.provider = db, purpose, ctx, provider
        self.channel, self.tone, self.seed = channel, tone, seed
        self.limit = messages.limit(db, channel) if purpose != "questions" else None
        self.prompt = self._prompt()
        self.draft = Draft(purpose, provider.name if provider else offline.NAME,
                           provider.model if provider else offline.MODEL, self.prompt)

    def _prompt(self) -> list[dict[str, str]]:
        if self.purpose == "questions":
            return prompts.questions(self.ctx)
        if self.purpose == "thank_you":
            return prompts.thank_you(self.ctx, self.channel, self.tone, self.limit)
        return prompts.outreach(self.ctx, self.channel, self.limit)

    def stream(self) -> Iterator[str]:
        """Text as it is drafted; afterwards `self.draft` holds the result."""
        started = time.perf_counter()
        if self.provider is None:
            yield from self._offline()
            return
        received: list[str] = []
        schema = prompts.QUESTIONS_SCHEMA if self.purpose == "questions" else prompts.MESSAGE_SCHEMA
        outcome, detail = "ok", ""
        try:
            for piece in self.provider.stream(self.prompt, schema, schema_name=self.purpose):
                if not isinstance(piece, answers.Reasoning):  # shown as "thinking", never drafted
                    received.append(piece)
                yield piece
            self.draft.text = answers.without_reasoning("".join(received)).strip()
            self._parse("".join(received))
        except errors.DraftError as error:
            self.draft.error = error
            self.draft.text = _what_arrived(error.partial or "".join(received))
            outcome, detail = error.outcome, error.message
        finally:
            tokens_in, tokens_out = self.provider.usage
            self.draft.output = "structured" if self.provider.structured else "plain_text_fallback"
            calls.record(self.db, self.provider.name, self.provider.model, self.purpose,
                         int((time.perf_counter() - started) * 1000), outcome, tokens_in, tokens_out, detail,
                         output=self.draft.output)
        if self.draft.ok:
            self._check()

    def readable(self) -> Iterator[str]:
        """The stream as a person should watch it (`lib.drafting.live`): questions line by line, a message
        as prose, never the JSON around them or the model's reasoning; a `live.Note` while it thinks."""
        yield from readable(self.stream())

    def _offline(self) -> Iterator[str]:
        if self.purpose == "questions":
            self.draft.questions = offline.questions(self.ctx, self.seed)
            text = offline.render_questions(self.draft.questions)
        elif self.purpose == "thank_you":
            self.draft.message = offline.thank_you(self.ctx, self.channel, self.tone, self.limit)
            text = _render_message(self.draft.message)
        else:
            self.draft.message = offline.outreach(self.ctx, self.channel, self.limit)
            text = _render_message(self.draft.message)
        self.draft.text = text
        self._check()
        yield from offline.stream_text(text)

    def _parse(self, text: str) -> None:
        if self.purpose == "questions":
            self.draft.questions = parse_questions(text)
            if not any(q.must for q in self.draft.questions):  # a model that did not mark them
                offline.mark_must_ask(self.draft.questions, [])
        else:
            self.draft.message = parse_message(text, subject_wanted=self.channel == "email")

    def _check(self) -> None:
        if self.purpose == "questions":
            self.draft.checks = checks.for_questions(
                [(q.category, q.text) for q in self.draft.questions], self.ctx.notes(), offline.names_in(self.ctx),
                self.ctx.prepared_notes())
            return
        message = self.draft.message or Message(body="")
        label = messages.CHANNELS.get(self.channel, self.channel)
        self.draft.checks = checks.for_message(
            message.body, self.ctx.person.name, self.limit, label, subject=message.subject,
            word_limit=OUTREACH_WORDS if self.purpose == "outreach" and self.channel == "email" else None,
            request=self.purpose == "outreach", material=self.ctx.notes(),
            referrals=self.ctx.referrals if self.purpose == "thank_you" else None,
            others=(self.ctx.person.organisation, self.ctx.person.introducer, self.ctx.profile.target_roles))


def _render_message(message: Message) -> str:
    return (f"Subject: {message.subject}\n\n" if message.subject else "") + message.body


def _what_arrived(partial: str) -> str:
    """A failed answer's text as it read while streaming: what it said, not its JSON or reasoning."""
    said = live.shown([partial]).strip()
    return said or answers.without_reasoning(partial).strip()


def questions(db: Database, interview_id: int, provider: OpenAIProvider | None, seed: int = 0) -> Run:
    """A question list for an interview."""
    return Run(db, "questions", context.for_interview(db, interview_id), provider, seed=seed)


def thank_you(db: Database, interview_id: int, provider: OpenAIProvider | None, channel: str = "email",
              tone: str = "warm") -> Run:
    """A thank-you after an interview's debrief."""
    return Run(db, "thank_you", context.for_interview(db, interview_id), provider, channel, tone)


def outreach(db: Database, contact_id: int, provider: OpenAIProvider | None, channel: str = "email") -> Run:
    """A request for a conversation."""
    return Run(db, "outreach", context.for_contact(db, contact_id), provider, channel)


def finish(run: Run) -> Draft:
    """Drain a run without showing it (the CLI, tests)."""
    for _ in run.stream():
        pass
    return run.draft


def message_checks(db: Database, interview_id: int, kind: str, body: str, limit: int | None, channel: str,
                   subject: str = "") -> list[checks.Check]:
    """The checklist for a message typed or edited by hand, with what the draft checks know."""
    ctx = context.for_interview(db, interview_id)
    return checks.for_message(body, ctx.person.name, limit, messages.CHANNELS.get(channel, channel),
                              subject=subject, material=ctx.notes(),
                              referrals=ctx.referrals if kind == "thank_you" else None,
                              others=(ctx.person.organisation, ctx.person.introducer))


def outreach_checks(name: str, body: str, limit: int | None, channel: str, subject: str = "") -> list[checks.Check]:
    """The checklist for a request for a conversation typed or edited by hand: the same checks the drafts get."""
    return checks.for_message(body, name, limit, messages.CHANNELS.get(channel, channel), subject=subject,
                              word_limit=OUTREACH_WORDS if channel == "email" else None, request=True)


def accept_questions(db: Database, interview_id: int, draft: Draft) -> int:
    """Append a drafted list to the interview's questions, marked as offline or model drafts."""
    source = "llm" if draft.provider != offline.NAME else "offline"
    with db.transaction():
        for item in draft.questions:
            question_list.add(db, interview_id, item.text, item.category, source, must_ask=item.must)
    return len(draft.questions)


def regenerate(db: Database, interview_id: int, question_id: int, provider: OpenAIProvider | None,
               seed: int = 0) -> DraftQuestion:
    """Replace one question with a fresh one of the same category; every other question stays as it is."""
    current = question_list.of(db, interview_id)
    target = next((q for q in current if q["id"] == question_id), None)
    if target is None:
        raise errors.BadShape(f"No question {question_id} in this interview")
    keep = [q["text"] for q in current]
    if provider is None:
        fresh = offline.another(context.for_interview(db, interview_id), target["category"], keep, seed)
    else:
        draft = finish(questions(db, interview_id, provider, seed))
        if draft.error:
            raise draft.error
        unused = [q for q in draft.questions if not offline.known(q.text, keep)]
        fresh = next((q for q in unused if q.category == target["category"]), unused[0] if unused else None)
    if fresh is None:
        raise errors.BadShape("No new question of that kind is left to suggest; edit it by hand.")
    question_list.replace_text(db, question_id, fresh.text, "offline" if provider is None else "llm")
    return fresh
