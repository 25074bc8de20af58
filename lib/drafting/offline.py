"""The built-in drafter: no key, no network, deterministic for a given seed and context.

Questions are chosen from Rapport's own bank by relevance - the user's stage and target, the
contact's seniority and industry, words from the research notes - skipping what was already asked
of this contact and topics an earlier debrief at the same organisation answered. Thank-yous and
outreach are composed from the debrief and the profile.
"""

from __future__ import annotations

import random
import re

from pydantic import BaseModel
from rapidfuzz import fuzz

from lib.drafting import bank
from lib.drafting.context import Context
from lib.questions import TIARA

NAME = "offline"
MODEL = "rapport-offline-1"
STOP = {"the", "and", "for", "with", "that", "this", "what", "your", "you", "how", "are", "they", "their",
        "from", "have", "has", "was", "were", "about", "into", "them", "more", "most", "some", "which"}
TONES = ("warm", "concise", "formal")


class DraftQuestion(BaseModel):
    """One drafted question with its category."""

    category: str
    text: str


class Message(BaseModel):
    """A drafted message: a subject for email, and the body."""

    subject: str = ""
    body: str


def question_count(minutes: int) -> int:
    """About one question per three minutes: at least 6 (TIARA and a closing), at most 15."""
    return min(15, max(6, round(minutes / 3)))


def _article(word: str) -> str:
    """'a' or 'an' by sound: an analyst, a UX researcher, a user researcher, an hour."""
    lower = word.lower()
    if word[:2].isupper() and word[:1] == "U" or lower.startswith(("uni", "use", "usu", "eu", "one")):
        return "a"
    return "an" if lower[:1] in "aeiou" or lower.startswith(("hour", "honest")) else "a"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _first_item(text: str) -> str:
    parts = [p.strip() for p in re.split(r"[,;\n]| or ", text) if p.strip()]
    return parts[0] if parts else ""


def _values(ctx: Context) -> dict[str, str]:
    """Every placeholder with a fallback, so a template never leaves a brace behind."""
    role = ctx.person.role or "professional"
    target = _first_item(ctx.profile.target_roles) or "someone in this field"
    background = re.split(r"[.;]", ctx.profile.background)[0].strip() if ctx.profile.background else ""
    return {
        "first_name": ctx.person.first_name,
        "organisation": ctx.person.organisation or "your organisation",
        "industry": ctx.person.industry or _first_item(ctx.profile.target_industries) or "your field",
        "role": role,
        "a_role": f"{_article(role)} {role}",
        "target_role": target,
        "a_target_role": f"{_article(target)} {target}",
        "background": _lower_first(background) if background else "another field",
        "introducer": ctx.person.introducer or "A friend",
    }


def fill(template: str, ctx: Context) -> str:
    """A template with its blanks filled from the context."""
    template = template.replace("a {role}", "{a_role}").replace("a {target_role}", "{a_target_role}")
    return template.format(**_values(ctx))


def _keywords(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in STOP}


def _rng(ctx: Context, seed: int) -> random.Random:
    return random.Random(f"{seed}:{ctx.person.id}:{ctx.interview_id}")


def known(text: str, asked: list[str]) -> bool:
    """Whether a question is (nearly) one of `asked`."""
    return any(fuzz.token_set_ratio(text.lower(), a.lower()) >= 88 for a in asked)


def _ranked(ctx: Context, rng: random.Random, category: str, avoid: list[str]) -> list[str]:
    """Filled questions of one category, most relevant first."""
    tags = ctx.tags()
    research = _keywords(f"{ctx.research_notes} {ctx.purpose} {ctx.goals}")
    entries = [e for e in bank.BANK if e.category == category]
    fresh = [e for e in entries if e.topic not in ctx.answered_topics] or entries
    scored = []
    for entry in fresh:
        text = fill(entry.template, ctx)
        if known(text, avoid):
            continue
        score = 3 * len(entry.tags & tags) + 2 * len(_keywords(text) & research) + rng.random()
        if entry.tags and not entry.tags & tags:
            score -= 1.5  # written for someone else's situation
        scored.append((score, text))
    return [text for _, text in sorted(scored, key=lambda pair: -pair[0])]


def _openers(ctx: Context, rng: random.Random) -> list[str]:
    found = []
    if ctx.person.rapport_notes.strip():
        note = ctx.person.rapport_notes.strip().rstrip(".")
        found.append(f"About “{note}”: how did that come about, and does it shape how you work?")
    if ctx.person.introducer:
        found.append(fill(bank.OPENER_FROM_INTRODUCER, ctx))
    if ctx.profile.background.strip():
        found.append(fill(bank.OPENER_FROM_BACKGROUND, ctx))
    return found + _ranked(ctx, rng, "rapport", found + ctx.already_asked)


def _offers(ctx: Context, rng: random.Random) -> list[str]:
    items = [p.strip().rstrip(".") for p in re.split(r"[;\n]", ctx.profile.offers) if p.strip()]
    return [bank.OFFER_TEMPLATES[n % len(bank.OFFER_TEMPLATES)].format(offer=_lower_first(item))
            for n, item in enumerate(items)]


def questions(ctx: Context, seed: int = 0) -> list[DraftQuestion]:
    """A full question list for the meeting: openers, all of TIARA, an offer or two, a closing."""
    rng = _rng(ctx, seed)
    total = question_count(ctx.minutes)
    avoid = ctx.already_asked + [q["text"] for q in ctx.current_questions]
    ranked = {c: _ranked(ctx, rng, c, avoid) for c in (*TIARA, "closing")}
    picks: dict[str, list[str]] = {c: ranked[c][:1] for c in TIARA}
    closing = ranked["closing"][:1]
    budget = total - sum(len(v) for v in picks.values()) - len(closing)
    openers = _openers(ctx, rng)[: min(2, max(budget, 0))]
    budget -= len(openers)
    offers = _offers(ctx, rng)[: (2 if total >= 13 else 1) if budget > 0 else 0]
    budget -= len(offers)
    spare = [(c, t) for c in TIARA for t in ranked[c][1:3]]
    rng.shuffle(spare)
    for category, text in spare[: max(budget, 0)]:
        picks[category].append(text)
    ordered = [DraftQuestion(category="rapport", text=t) for t in openers]
    ordered += [DraftQuestion(category=c, text=t) for c in TIARA for t in picks[c]]
    ordered += [DraftQuestion(category="offer", text=t) for t in offers]
    ordered += [DraftQuestion(category="closing", text=t) for t in closing]
    return ordered


def another(ctx: Context, category: str, keep: list[str], seed: int = 0) -> DraftQuestion | None:
    """One fresh question in `category`, unlike any in `keep` - to regenerate a single question."""
    rng = _rng(ctx, seed + 1)
    if category == "rapport":
        options = [t for t in _openers(ctx, rng) if not known(t, keep)]
    elif category == "offer":
        options = [t for t in _offers(ctx, rng) if not known(t, keep)]
    else:
        options = _ranked(ctx, rng, category if category in (*TIARA, "closing") else "insights",
                          keep + ctx.already_asked)
    return DraftQuestion(category=category, text=options[0]) if options else None


# -- messages ---------------------------------------------------------------------------------------

def _specific(ctx: Context) -> tuple[str, str]:
    """The concrete thing they said that the thank-you refers to, and what I will do with it."""
    if ctx.advice:
        advice = ctx.advice[0].rstrip(".")
        plan = ctx.debrief.get("next_steps", "").strip().rstrip(".") or "start on it this week"
        return (f"Your advice to {_lower_first(advice)} was exactly what I needed.",
                f"I am going to {_lower_first(plan) if not plan.lower().startswith('i ') else plan[2:]}"
                " and will let you know how it goes.")
    for field, lead in (("realities", "What you said about the work itself"),
                        ("loves", "Hearing what you love about it"),
                        ("career_path", "Hearing how your career evolved")):
        text = ctx.debrief.get(field, "").strip().rstrip(".")
        if text:
            return (f"{lead} - {_lower_first(text)} - gave me a much clearer picture.",
                    "I will use it to decide where to focus next.")
    purpose = ctx.purpose.rstrip(".") or "the work"
    return (f"Our conversation about {_lower_first(purpose)} gave me a much clearer picture.",
            "I will use what you shared to decide where to focus next.")


def thank_you(ctx: Context, channel: str = "email", tone: str = "warm", limit: int | None = None) -> Message:
    """A thank-you that names them, refers to what they said, says what I will do, and asks nothing."""
    me = ctx.profile.name or "Me"
    first = ctx.person.first_name
    insight, plan = _specific(ctx)
    promise = (f"As promised, I will {_lower_first(ctx.offers_made[0]).rstrip('.')} by the end of the week."
               if ctx.offers_made else "")
    if channel != "email":
        parts = [f"Thank you, {first}!", insight, plan, promise, f"- {me}"]
        return Message(body=_fit(parts, limit or 200))
    greeting = {"formal": f"Dear {first},", "concise": f"Hi {first},"}.get(tone, f"Hi {first},")
    opening = {
        "formal": f"Thank you for taking the time to speak with me about your work at "
                  f"{ctx.person.organisation or 'your organisation'}.",
        "concise": "Thank you for your time today.",
    }.get(tone, f"Thank you so much for making time to talk with me - I really enjoyed our conversation "
                f"about your work at {ctx.person.organisation or 'your organisation'}.")
    extra = ""
    if tone != "concise" and ctx.debrief.get("loves"):
        extra = (f"It was good to hear what you enjoy most about the work: "
                 f"{_lower_first(ctx.debrief['loves'].strip().rstrip('.'))}.")
    if tone != "concise" and ctx.advice and ctx.debrief.get("realities"):
        extra += (f" And what you said about the day-to-day - "
                  f"{_lower_first(ctx.debrief['realities'].strip().rstrip('.'))} - "
                  "was a side of the work I had not appreciated.")
    closing = {"formal": "With thanks and best regards,", "concise": "Thanks again,"}.get(tone, "Warmly,")
    body_parts = [greeting, "", " ".join(p for p in (opening, insight, extra) if p), "",
                  " ".join(p for p in (plan, promise) if p), "",
                  "I appreciate your generosity with your time." if tone != "concise" else "", closing, me]
    body = "\n".join(p for p in body_parts if p is not None).replace("\n\n\n", "\n\n")
    subject = {"formal": f"Thank you for our conversation, {first}",
               "concise": f"Thank you, {first}"}.get(tone, f"Thank you for your time, {first}")
    return Message(subject=subject, body=body.strip())


def _lead(ctx: Context) -> str:
    """Open with the connection: who introduced us, where we met, or why I noticed their work."""
    organisation = ctx.person.organisation or "your team"
    return {
        "referral": f"{ctx.person.introducer or 'A mutual contact'} suggested I get in touch with you.",
        "alumni": "As a fellow alum, I hope you do not mind a short note.",
        "event": "We met briefly at a recent event, and your comments stayed with me.",
        "linkedin": f"I came across your work at {organisation} on LinkedIn.",
    }.get(ctx.person.source if not ctx.person.introducer else "referral",
          f"{organisation}'s work, and yours in particular, caught my attention.")


def outreach(ctx: Context, channel: str = "email", limit: int | None = None) -> Message:
    """A request for a conversation: leads with the connection, is mostly about them, asks for insight."""
    values = _values(ctx)
    me = ctx.profile.name or "Me"
    first = ctx.person.first_name
    about_them = (f"Your path to your role as {values['a_role']} at {values['organisation']}, and your "
                  f"view of where {values['industry']} is heading, would be so valuable to hear.")
    about_me = f"I am exploring {values['target_role']} work."
    ask = "Would you be open to a 20-minute call in the next few weeks?"
    if channel != "email":
        parts = [f"Hi {first},", _lead(ctx),
                 f"Your experience as {values['a_role']} at {values['organisation']} would help me.",
                 "Could we talk for 20 minutes about your work?"]
        return Message(body=_fit(parts, limit or 200, keep_last=True))
    body = f"Hi {first},\n\n{_lead(ctx)} {about_them} {about_me}\n\n{ask}\n\nBest wishes,\n{me}"
    return Message(subject=f"{values['organisation']}: 20 minutes of your perspective?", body=body)


def _fit(parts: list[str], limit: int, keep_last: bool = False) -> str:
    """Join sentences, dropping optional middle ones until the text fits a channel's limit."""
    parts = [p for p in parts if p]
    text = " ".join(parts)
    middle = list(range(len(parts) - 2, 0, -1))
    while len(text) > limit and middle:
        drop = middle.pop(0) if not keep_last else middle.pop(-1 if len(middle) > 1 else 0)
        parts[drop] = ""
        text = " ".join(p for p in parts if p)
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def stream_text(text: str) -> list[str]:
    """A drafted text in small pieces, so offline drafts appear the same way model drafts stream."""
    return re.findall(r"\S+\s*|\n", text)


def render_questions(items: list[DraftQuestion]) -> str:
    """Numbered lines with categories - how a question list streams onto the page."""
    from lib.questions import CATEGORIES

    return "\n".join(f"{n}. [{CATEGORIES.get(q.category, q.category)}] {q.text}"
                     for n, q in enumerate(items, 1))
