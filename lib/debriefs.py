"""The debrief in one go: notes as people type them on a phone (or a memo's transcript), sorted into a debrief.

The offline sorter reads the cues people write - "advice:", "should read", "intro to … at …", "I'll send",
"next:", "hardest part", "loves" / "hates", "X -> Y" for a career path - one piece (a line, a clause after a
semicolon, a sentence) at a time. Every piece lands in exactly one place: a field, a referral, a promise, a next
step, or "other notes", so nothing written is lost and nothing is added. The proposal is shown for review and
saved through `interviews.complete`, in one transaction, with the notes themselves.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field

from lib import clock, config, contacts, interviews
from lib import profile as profiles
from lib.db import Database
from lib.drafting import answers, calls, errors, prompts, transcribe
from lib.drafting.provider import OpenAIProvider
from lib.drafting.settings import ModelSettings

TEXT_FIELDS = [f for f in interviews.DEBRIEF_FIELDS if f != "next_steps"]
# Shorthand people type on a phone, read as the words they stand for (the notes themselves are kept as typed).
SHORTHAND = {r"w/o": "without", r"w/": "with ", r"b4": "before", r"b/c": "because", r"bc": "because",
             r"thru": "through", r"abt": "about", r"ppl": "people", r"yr": "year", r"yrs": "years",
             r"u": "you", r"ur": "your", r"rec'?d": "recommended", r"recs?": "recommends", r"tmrw": "tomorrow",
             r"2moro": "tomorrow", r"wk": "week", r"mgr": "manager", r"eng": "engineer", r"&": "and"}
_SHORT = re.compile(r"(?i)(?<![\w/])(" + "|".join(SHORTHAND) + r")(?![\w/])")
_BULLET = re.compile(r"^\s*(?:[-•*·–—>]+|\d+[.)]|\[\s?[x ]?\s?\])\s*")
# Pieces of one line: semicolons, " | ", sentence ends (not "Harrison.ai", "Dr. Ng" or "e.g. this"), and
# ", hates …" after "loves …".
_PIECES = re.compile(r"\s*;\s*|\s+\|\s+|(?<=[\w)\"'’])(?<!\b[Dd]r)(?<!\b[MmSs][rst])(?<!\b[Vv]s)(?<!\b[ei]\.[ge])"
                     r"[.!?]+\s+(?=[\w\"'‘“])|,\s*(?=(?:but\s+)?(?:hates?|loathes?|dislikes?|loves?|enjoys?)\b)")

LABELS: dict[str, tuple[str, ...]] = {
    "referrals": ("intros", "intro", "introductions", "referrals", "referral", "people to meet", "meet", "contacts"),
    "promises": ("promises", "promise", "promised", "i owe", "owe", "offers", "offered", "my offers", "i offered"),
    "next_steps": ("next steps", "next step", "next", "todo", "to do", "to-do", "actions", "action items", "me"),
    "advice": ("advice", "tips", "tip", "suggestions", "suggestion"),
    "resources": ("resources", "reading", "read", "books", "book", "links", "tools"),
    "realities": ("realities", "reality", "day to day", "day-to-day", "the job", "job", "the work", "work", "role"),
    "benefits": ("benefits", "benefit", "perks", "pros", "upsides", "upside", "good"),
    "challenges": ("challenges", "challenge", "hardest part", "hardest", "hard", "cons", "downsides", "struggles"),
    "loves": ("loves", "love", "likes", "enjoys"),
    "loathes": ("hates", "hate", "loathes", "dislikes", "dislike"),
    "career_path": ("career path", "career", "path", "journey", "background", "history"),
    "influences": ("influences", "influenced by", "influence", "inspiration"),
    "other": ("other", "misc", "notes"),
}
_LABEL = re.compile(r"(?i)^\s*(" + "|".join(sorted({re.escape(w) for ws in LABELS.values() for w in ws},
                                                    key=len, reverse=True)) + r")\s*(?::|=|-\s|–|—)\s*")
_LABEL_FIELD = {w: f for f, ws in LABELS.items() for w in ws}

_INTRO = re.compile(r"(?i)\b(?:(?:will|'ll|can|could|to|offered to|gonna|going to)\s+)?(?:intro(?:duce|duction)?s?|"
                    r"connect(?:ed|ing)?|put(?:ting)?|refer(?:red|ring)?)\s+(?:me\s+)?(?:in touch\s+)?"
                    r"(?:to|with)\s+(?P<who>.+)$|\b(?:should|could|must|to)\s+(?:meet|talk to|speak to|reach out to"
                    r"|email|contact)\s+(?P<who2>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+.*)$")
_PROMISE = re.compile(r"(?i)^(?:i'?ll|i will|i'm going to|im going to|gonna|i promised(?: to)?|promised(?: to)?|"
                      r"i offered(?: to)?|offered to|i can|i owe (?:her|him|them)|owe (?:her|him|them))\s+"
                      r"(?:send|share|forward|introduce|intro|pass|give|lend|email (?:her|him|them)|get back|"
                      r"review|help|connect (?:her|him|them)|dig out|look up .* for)\b"
                      r"|^(?:i promised|promised|i offered|offered|i owe|owe (?:her|him|them))\b")
_NEXT = re.compile(r"(?i)^(?:then\s+|and\s+)?(?:i'?ll|i will|i need to|need to|i should|i must|i want to|want to|"
                   r"plan to|i plan to|going to|i'm going to|gonna|todo|to do|must|me to)\b|^(?:sign up|apply|"
                   r"start|email|follow up|book|register|enrol|enroll|update|message|reach out|set up|draft|"
                   r"write up|finish|ask|try|join|call|look into|research|do|read|watch|listen to|take|sign|get|"
                   r"buy|find|contact|thank|send (?:a|the) thank)\b")
_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("career_path", re.compile(r"(?i)(?:\S\s*(?:->|→|=>|>>|⇒)\s*\S)|\b(?:started (?:as|in|out|at)|moved (?:from|into|"
                               r"to|over)|switched|transitioned|used to (?:be|work)|was an? \w+ (?:for|at|before)|"
                               r"before (?:that|joining)|then joined|joined \w+ (?:in|after|as)|promoted|"
                               r"fellowship|career)\b")),
    ("resources", re.compile(r"(?i)\b(?:should (?:read|listen to|watch|check out|look at)|(?:she|he|they) "
                             r"recommends?|recommended|recommends|check out|read(?:ing)? list|book|podcast|"
                             r"newsletter|course|blog|website|slack|community|meetup|conference|"
                             r"https?://\S+)\b")),
    ("advice", re.compile(r"(?i)\b(?:you should|should\b|shld|suggest(?:ed|s)?|advi[cs]e[ds]?|told me to|"
                          r"said (?:to|i should)|tip|don'?t|do not|never|always|focus on|make sure|"
                          r"worth (?:doing|it)|best way)\b")),
    ("loathes", re.compile(r"(?i)\b(?:hates?|loathes?|dislikes?|can'?t stand|cannot stand|least favou?rite|"
                           r"annoy(?:s|ed|ing)?|drains? (?:her|him|them))\b")),
    ("loves", re.compile(r"(?i)\b(?:loves?|enjoys?|favou?rite|likes? (?:the|most|it|that|how|when|working)|"
                         r"passionate|best part|most fun)\b")),
    ("challenges", re.compile(r"(?i)\b(?:hardest|hard (?:part|thing)|challeng\w*|struggl\w*|difficult|tough|"
                              r"frustrat\w*|pain points?|downsides?|bottleneck|problem)\b")),
    ("benefits", re.compile(r"(?i)\b(?:benefits?|perks?|upsides?|flexib\w*|remote|pays? well|salary|good pay|"
                            r"work[- ]life|pension|equity|bonus|learning budget|4[- ]day week)\b")),
    ("influences", re.compile(r"(?i)\b(?:influenc\w*|inspired|mentors?|mentored|because of|turning point|thanks to|"
                              r"got (?:her|him|them) into|what made (?:her|him|them))\b")),
    ("realities", re.compile(r"(?i)\b(?:day[- ]to[- ]day|typical (?:day|week)|most of (?:the|her|his|their) "
                             r"(?:job|week|time|day|work)|spends?|half (?:of )?(?:the|her|his|their) (?:week|time|day)"
                             r"|the (?:job|work|role) is|a week looks|meetings|the team|works? with|"
                             r"(?:lots|a lot) of|mostly|percent|%|hours?)\b")),
]
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WHEN = re.compile(r"(?i)\b(?:by|on|before|this|next)?\s*(?P<day>mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|"
                   r"\b(?P<tomorrow>tomorrow|tmrw|2moro|tonight|today)\b|\bin (?P<n>\d+|a|one|two|three) "
                   r"(?P<unit>days?|weeks?)\b|\b(?P<week>(?:this|end of (?:the )?|next) week)\b")


class Promise(BaseModel):
    """Something I said I would do for them, and when."""

    text: str
    due: date | None = None


class ProposedContact(BaseModel):
    """Someone they offered to introduce; `contact_id` when they are already in the contacts."""

    name: str
    organisation: str = ""
    role: str = ""
    email: str = ""
    contact_id: int | None = None


class Proposal(BaseModel):
    """A debrief sorted from notes, to be reviewed before it is saved. Every list item is a piece of the notes."""

    realities: str = ""
    benefits: str = ""
    challenges: str = ""
    loves: str = ""
    loathes: str = ""
    career_path: str = ""
    influences: str = ""
    resources: str = ""
    advice: list[str] = []
    promises: list[Promise] = []
    next_steps: list[str] = []
    referrals: list[ProposedContact] = []
    other: list[str] = Field(default_factory=list, description="pieces that matched no cue: kept, not dropped")
    notes: str = ""
    transcript: str = ""
    sorted_by: str = "offline"
    fallback: str = ""  # why the model did not sort it, when it was asked and failed

    def as_json(self) -> dict[str, Any]:
        """The proposal as the command line prints it."""
        shown = self.model_dump(mode="json", exclude={"sorted_by", "fallback"})
        shown["referrals"] = [{"name": r.name, "organisation": r.organisation, "role": r.role}
                              | ({"contact_id": r.contact_id} if r.contact_id else {}) for r in self.referrals]
        if not self.transcript:
            shown.pop("transcript")
        return shown


# -- splitting -----------------------------------------------------------------------------------------

def expand(text: str) -> str:
    """The notes with phone shorthand read out ("w/" → "with", "b4" → "before"), for matching only."""
    return _SHORT.sub(lambda m: SHORTHAND.get(m.group(1).lower(), _lookup(m.group(1))), text)


def _lookup(word: str) -> str:
    """The expansion of a shorthand whose pattern is a regex (rec'd, recs)."""
    return next((v for k, v in SHORTHAND.items() if re.fullmatch(k, word, re.IGNORECASE)), word)


def pieces(notes: str) -> list[tuple[str, str | None]]:
    """The notes cut into pieces, each with the field a heading or label above or before it named (or None).

    A line that is only a label ("Advice:") is a heading for the lines under it, until a blank line or the
    next heading; a label before the text ("next: email Tom") names that piece's field."""
    found: list[tuple[str, str | None]] = []
    heading: str | None = None
    for raw in notes.replace("\r\n", "\n").split("\n"):
        bare = raw.strip()
        if not bare:
            heading = None
            continue
        line = _BULLET.sub("", bare)
        label = _LABEL.match(line + (" :" if line.endswith(":") else ""))
        if label and not line[label.end():].strip():
            heading = _LABEL_FIELD[label.group(1).lower()]
            continue
        named = heading
        if label:
            named, line = _LABEL_FIELD[label.group(1).lower()], line[label.end():]
        for n, part in enumerate(_PIECES.split(line)):
            part = _BULLET.sub("", part).strip(" ,.")
            inner = _LABEL.match(part) if n else None  # "… Next: plan a survey." in a memo's transcript
            if inner and part[inner.end():].strip():
                found.append((part[inner.end():].strip(" ,."), _LABEL_FIELD[inner.group(1).lower()]))
            elif part:
                found.append((part, named))
    return found


# -- sorting ---------------------------------------------------------------------------------------------

def place(text: str, named: str | None = None) -> str:
    """The field one piece belongs in: the label or heading it came under, else the first cue it carries."""
    if named:
        return named
    said = expand(text)
    if _INTRO.search(said):
        return "referrals"
    if _PROMISE.search(said):
        return "promises"
    if re.match(r"(?i)^(?:should|you should|u should)\s+(?:read|listen|watch|check out|look at)\b", said):
        return "resources"
    if _NEXT.search(said) and not re.search(r"(?i)\b(?:she|he|they)\b", said.split(" ", 2)[0]):
        return "next_steps"
    return next((name for name, cue in _CUES if cue.search(said)), "other")


def sort_offline(notes: str, meeting_end: datetime | None = None, tz: str | None = None) -> Proposal:
    """Rapport's own sorter: every piece of the notes in one field, a referral, a promise, a next step or
    "other notes"; deterministic, no network."""
    proposal = Proposal(notes=notes)
    texts: dict[str, list[str]] = {f: [] for f in TEXT_FIELDS}
    for text, named in pieces(notes):
        field = place(text, named)
        if field == "referrals":
            people = referrals_in(text)
            if people:
                proposal.referrals += people
                continue
            field = "next_steps"
        if field == "promises":
            proposal.promises.append(Promise(text=_clean(text), due=due_date(text, meeting_end, tz)))
        elif field in ("advice", "next_steps", "other"):
            getattr(proposal, field).append(_clean(text))
        else:
            texts[field].append(_clean(text))
    for field, lines in texts.items():
        setattr(proposal, field, "\n".join(lines))
    return proposal


def _clean(text: str) -> str:
    """A piece as it will read in its field: trimmed, first letter kept as typed."""
    return text.strip(" \t,;:-–—")


def referrals_in(text: str) -> list[ProposedContact]:
    """The people one piece offers to introduce: 'intro to Ben Ortiz at Harrison.ai and Sam Lee (PM, Heidi)'."""
    said = re.sub(r"(?i)\bw/\s*", "with ", text)  # names are read from the words as written, not expanded
    cue = _INTRO.search(said)
    who = (cue.group("who") or cue.group("who2")) if cue else _LEAD_WORDS.sub("", said)
    found = []
    for one in re.split(r"\s*(?:\band\b|&|\+|/)\s+(?=[A-Z])", who):
        one = re.sub(r"(?i)\s+(?:next|this) week.*$|\s+(?:by|on|before) (?:mon|tue|wed|thu|fri|sat|sun)\w*.*$", "",
                     one).strip(" .;")
        person = interviews.parse_referral(one)
        if person and _looks_like_a_name(person.full_name) and _words(person.full_name) <= _words(text):
            found.append(ProposedContact(name=person.full_name, organisation=person.organisation, role=person.role,
                                         email=person.email))
    return found


_LEAD_WORDS = re.compile(r"(?i)^(?:she|he|they)?\s*(?:'ll|will|can|could|offered to)?\s*")


_NOT_NAMES = {"her", "him", "them", "me", "my", "the", "a", "someone", "people", "some", "and", "or"}


def _looks_like_a_name(text: str) -> bool:
    """A person's name as typed: one to four words, the first capitalised (or a lowercase-everything typist's
    two words), not a pronoun."""
    words = text.split()
    return 1 <= len(words) <= 4 and words[0][0].isalpha() and words[0].lower() not in _NOT_NAMES


def due_date(text: str, meeting_end: datetime | None = None, tz: str | None = None) -> date:
    """When a promise is due: the day it names ("by Friday", "tomorrow", "next week", "in 3 days"), else a week
    after the meeting, as the form's promises are."""
    start = clock.to_local(meeting_end, tz).date() if meeting_end else clock.today(tz)
    when = _WHEN.search(expand(text))
    if not when:
        return start + timedelta(days=interviews.OFFER_DAYS)
    if when["day"]:
        ahead = (_DAYS.index(next(d for d in _DAYS if d.startswith(when["day"].lower()))) - start.weekday()) % 7
        return start + timedelta(days=ahead or 7)
    if when["tomorrow"]:
        return start + timedelta(days=0 if when["tomorrow"].lower() in ("tonight", "today") else 1)
    if when["n"]:
        n = {"a": 1, "one": 1, "two": 2, "three": 3}.get(when["n"].lower()) or int(when["n"])
        return start + timedelta(days=n * (7 if when["unit"].startswith("week") else 1))
    friday = start + timedelta(days=(4 - start.weekday()) % 7)
    return friday + timedelta(days=7) if when["week"].lower().startswith("next") else friday


# -- the model's sorting --------------------------------------------------------------------------------

MODEL_KEYS = prompts.DEBRIEF_KEYS


def sort_with_model(provider: OpenAIProvider, notes: str, person: str, organisation: str = "",
                    meeting_end: datetime | None = None, tz: str | None = None) -> Proposal:
    """The model's sorting, asked for with a JSON schema and read the way real answers come (reasoning,
    fences, chatter, strings for lists); raises a DraftError when the answer holds no debrief."""
    received = [piece for piece in provider.stream(prompts.debrief_notes(notes, person, organisation),
                                                   prompts.DEBRIEF_SCHEMA, schema_name="debrief")
                if not isinstance(piece, answers.Reasoning)]
    found = answers.json_in("".join(received), MODEL_KEYS)
    if not isinstance(found, dict) or not any(k in found for k in MODEL_KEYS):
        raise errors.BadShape("The model's answer held no sorted debrief. Try again, or sort the notes offline.")
    return from_model(found, notes, meeting_end, tz)


def _lines(value: Any) -> list[str]:
    """A list the model gave as a list, a string of lines, or objects with a text."""
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list):
        return []
    texts = [v.get("text") or v.get("name") or "" if isinstance(v, dict) else str(v) for v in value]
    return [_BULLET.sub("", str(t)).strip() for t in texts if str(t).strip()]


def from_model(found: dict[str, Any], notes: str, meeting_end: datetime | None = None,
               tz: str | None = None) -> Proposal:
    """The model's JSON as a proposal, each part coerced to its shape."""
    proposal = Proposal(notes=notes, sorted_by="model")
    for field in TEXT_FIELDS:
        setattr(proposal, field, "\n".join(_lines(found.get(field, ""))))
    proposal.advice, proposal.next_steps = _lines(found.get("advice")), _lines(found.get("next_steps"))
    proposal.other = _lines(found.get("other"))
    proposal.promises = [Promise(text=t, due=due_date(t, meeting_end, tz)) for t in _lines(found.get("promises"))]
    for person in found.get("referrals") or []:
        if isinstance(person, dict) and str(person.get("name", "")).strip():
            proposal.referrals.append(ProposedContact(
                name=str(person["name"]).strip(), organisation=str(person.get("organisation") or "").strip(),
                role=str(person.get("role") or "").strip()))
        elif isinstance(person, str) and (parsed := interviews.parse_referral(person)) and parsed.full_name:
            proposal.referrals.append(ProposedContact(name=parsed.full_name, organisation=parsed.organisation,
                                                      role=parsed.role))
    return proposal


# -- the proposal and saving -------------------------------------------------------------------------------

def propose(db: Database, interview_id: int, notes: str, provider: OpenAIProvider | None = None,
            transcript: str = "") -> Proposal:
    """The proposal for one interview: the model's sorting when a provider is given (offline, said plainly, when
    it fails), else the offline sorter's; each referral matched against the contacts."""
    meeting = interviews.get(db, interview_id)
    tz = profiles.get(db).time_zone
    proposal = None
    if provider is not None:
        started, outcome, detail = time.perf_counter(), "ok", ""
        try:
            proposal = sort_with_model(provider, notes, meeting["contact"], meeting["organisation"],
                                       meeting["ends_at"], tz)
        except errors.DraftError as error:
            outcome, detail = error.outcome, error.message
        finally:
            calls.record(db, provider.name, provider.model, "debrief", int((time.perf_counter() - started) * 1000),
                         outcome, *provider.usage, detail,
                         output="structured" if provider.structured else "plain_text_fallback")
        if proposal is None:
            proposal = sort_offline(notes, meeting["ends_at"], tz)
            proposal.fallback = f"{detail} Rapport sorted the notes offline instead."
    proposal = proposal or sort_offline(notes, meeting["ends_at"], tz)
    proposal.transcript = transcript
    return match_contacts(db, proposal, meeting["contact_id"])


def transcript_of(db: Database, settings: ModelSettings, name: str, content: bytes) -> str:
    """A memo's words through the configured server, the call logged like every model call (never the key);
    raises the DraftError that says what went wrong."""
    started, outcome, detail = time.perf_counter(), "ok", ""
    try:
        return transcribe.transcribe(settings, name, content)
    except errors.DraftError as error:
        outcome, detail = error.outcome, error.message
        raise
    finally:
        if settings.configured:
            calls.record(db, "openai", config.transcribe_model(), "transcribe",
                         int((time.perf_counter() - started) * 1000), outcome, detail=detail)


def match_contacts(db: Database, proposal: Proposal, interviewee_id: int | None = None) -> Proposal:
    """Each proposed introduction matched to a contact already here first (same email, or name and organisation)."""
    for person in proposal.referrals:
        known = contacts.known_person(db, person.name, person.organisation, person.email)
        if known and known["id"] != interviewee_id:
            person.contact_id = known["id"]
    return proposal


def to_debrief(proposal: Proposal, tz: str | None = None) -> interviews.Debrief:
    """The reviewed proposal as the debrief `interviews.complete` saves, with the notes kept beside it."""
    fields = {f: getattr(proposal, f) for f in TEXT_FIELDS}
    kept = proposal.notes or proposal.transcript  # the notes hold a memo's words once transcribed
    return interviews.Debrief(
        **fields, next_steps="\n".join(proposal.next_steps), advice=proposal.advice,
        offers=[p.text for p in proposal.promises],
        offer_dues=[clock.to_utc(datetime.combine(p.due, datetime.max.time().replace(microsecond=0)), tz)
                    if p.due else None for p in proposal.promises],
        referrals=[interviews.Referral(full_name=r.name, organisation=r.organisation, role=r.role, email=r.email)
                   for r in proposal.referrals],
        notes=kept)


def save(db: Database, interview_id: int, proposal: Proposal, now: datetime | None = None) -> dict[str, Any]:
    """The reviewed proposal saved through the same completion as the form: one transaction."""
    return interviews.complete(db, interview_id, to_debrief(proposal, profiles.get(db).time_zone), now=now)


# -- nothing invented --------------------------------------------------------------------------------------

_WORD = re.compile(r"[\w'’]+")


def _words(text: str) -> set[str]:
    """The words of a text as written and as its shorthand reads, lower-cased, for tracing items to notes."""
    return {w.lower().strip("'’") for w in {*_WORD.findall(expand(text)), *_WORD.findall(text)}}


def items(proposal: Proposal) -> list[tuple[str, str]]:
    """Every proposed item as (field, text): each line of each field, each promise, step and referral."""
    found = [(f, line) for f in TEXT_FIELDS for line in getattr(proposal, f).splitlines() if line.strip()]
    found += [("advice", a) for a in proposal.advice] + [("promises", p.text) for p in proposal.promises]
    found += [("next_steps", s) for s in proposal.next_steps]
    found += [("referrals", " ".join(filter(None, [r.name, r.organisation, r.role]))) for r in proposal.referrals]
    return found


def untraced(proposal: Proposal, notes: str | None = None) -> list[tuple[str, str]]:
    """Items with words that are not in the notes: what a model may have invented. Short words (a, of, to) and
    numbers aside, every word of an item must be somewhere in what was written or said."""
    source = _words(notes if notes is not None else f"{proposal.notes}\n{proposal.transcript}")
    return [(field, text) for field, text in items(proposal)
            if {w for w in _words(text) if len(w) > 3 and not w.isdigit()} - source]
