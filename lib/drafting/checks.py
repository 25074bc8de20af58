"""Draft checks, run on every draft from any provider: what a careful friend would point out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from lib.questions import CATEGORIES, TIARA

JOB_ASK = re.compile(
    r"\b(hire me|hiring me|job opening|open (?:role|position)s?|any (?:jobs?|openings|vacanc\w+)"
    r"|(?:job|position|role) (?:at|with) your"
    r"|(?:refer|referral) (?:me )?for (?:a|the|any) (?:job|role|position)"
    r"|pass (?:on |along )?my (?:cv|resume|résumé)|(?:my|attached|attach) (?:cv|resume|résumé)"
    r"|put in a (?:good )?word|apply(?:ing)? for (?:a|the) (?:job|role|position) (?:at|with) you)",
    re.IGNORECASE)
PLACEHOLDER = re.compile(r"\{[^{}]*\}|\[[A-Z][A-Za-z ]*\]|<[A-Z][A-Za-z ]*>|\bTODO\b|\bXXX\b|\bINSERT\b")
NEAR_DUPLICATE = 88


@dataclass
class Check:
    """One line of the checklist beside a draft."""

    name: str
    ok: bool
    detail: str = ""


def job_ask(text: str) -> Check:
    """Informational interviews never ask for a job, a referral to a job, or to pass on a resume."""
    found = JOB_ASK.search(text)
    return Check("No job or resume ask", found is None,
                 f"Rephrase “{found.group(0)}”: ask for insight, not a job" if found else "")


def placeholders(text: str) -> Check:
    """Leftover template blanks would embarrass the sender."""
    found = PLACEHOLDER.findall(text)
    return Check("No leftover placeholders", not found,
                 f"Fill in {', '.join(sorted(set(found)))}" if found else "")


def names(text: str, name: str) -> Check:
    """A message to a person says their name (the first name is enough)."""
    first = name.split()[0] if name.strip() else ""
    # A whole word: "Wen" is not named in "went".
    ok = bool(first) and re.search(rf"(?<!\w){re.escape(first)}(?!\w)", text, re.IGNORECASE) is not None
    return Check("Names the person", ok, "" if ok else f"Address {first or 'them'} by name")


def length(text: str, limit: int | None, channel_label: str) -> Check:
    """Channels have hard limits (LinkedIn notes 200 or 300 characters, InMail 1,900)."""
    if limit is None:
        return Check("Fits the channel", True)
    ok = len(text) <= limit
    return Check("Fits the channel", ok,
                 "" if ok else f"{channel_label} allows {limit} characters; this has {len(text)}")


def words_at_most(text: str, limit: int, what: str) -> Check:
    """Short requests get answered; long ones get postponed."""
    count = len(text.split())
    ok = count <= limit
    return Check(f"Under {limit} words", ok, "" if ok else f"{what} has {count} words; aim for under {limit}")


def about_them(text: str) -> Check:
    """A request is mostly about the other person: more 'you' than 'I'."""
    you = len(re.findall(r"\b(you|your|yours)\b", text, re.IGNORECASE))
    me = len(re.findall(r"\b(i|me|my|mine)\b", text, re.IGNORECASE))
    ok = you > me
    return Check("More about them than me", ok, "" if ok else f"{me} mentions of me, {you} of them")


def ends_with_question(text: str) -> Check:
    """A request ends with a question that is easy to say yes to."""
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    asks = [ln for ln in lines if ln.rstrip().endswith("?")]
    ok = bool(asks) and (lines.index(asks[-1]) >= len(lines) - 3)
    return Check("Ends with a question", ok, "" if ok else "Close with a short question they can say yes to")


def duplicates(questions: list[str]) -> Check:
    """The same question twice wastes a scarce half hour."""
    pairs = []
    for i, a in enumerate(questions):
        for b in questions[i + 1:]:
            if fuzz.token_set_ratio(a.lower(), b.lower()) >= NEAR_DUPLICATE:
                pairs.append((a, b))
    return Check("No duplicate questions", not pairs,
                 "; ".join(f"“{a[:40]}…” ≈ “{b[:40]}…”" for a, b in pairs[:3]))


def tiara(categories: list[str]) -> Check:
    """Trends, Insights, Advice, Resources and Assignments each deserve at least one question."""
    missing = [CATEGORIES[c] for c in TIARA if c not in categories]
    detail = f"Nothing yet on {', '.join(missing)}" if missing else ""
    return Check("Covers all of TIARA", not missing, detail)


def for_questions(items: list[tuple[str, str]]) -> list[Check]:
    """Checks for a question list of (category, text)."""
    texts = [t for _, t in items]
    joined = "\n".join(texts)
    return [tiara([c for c, _ in items]), duplicates(texts), job_ask(joined), placeholders(joined)]


def for_message(text: str, name: str, limit: int | None, channel_label: str,
                word_limit: int | None = None, subject: str = "", request: bool = False) -> list[Check]:
    """Checks for a thank-you, or for an outreach request (`request=True`)."""
    found = [names(text, name), job_ask(subject + "\n" + text), placeholders(subject + "\n" + text),
             length(text, limit, channel_label)]
    if word_limit:
        found.append(words_at_most(text, word_limit, "The message"))
    if request:
        found += [about_them(text), ends_with_question(text)]
    return found
