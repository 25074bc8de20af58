"""Prompts for the model path, built only from the draft's context. Shown as-is in the preview."""

from __future__ import annotations

from lib.drafting.context import Context
from lib.drafting.offline import question_count
from lib.questions import CATEGORIES, TIARA

SYSTEM = (
    "You help a person prepare for and follow up on informational interviews: short conversations "
    "with people working in a field they want to join. These are not job interviews. Never ask for "
    "a job, a referral to a job, or to pass on a resume. Be specific to the person and the facts "
    "given; do not invent facts. Write in plain, friendly English with no placeholders."
)
QUESTIONS_SCHEMA = {
    "type": "object",
    "properties": {"questions": {"type": "array", "items": {
        "type": "object",
        "properties": {"category": {"type": "string", "enum": list(CATEGORIES)}, "text": {"type": "string"}},
        "required": ["category", "text"], "additionalProperties": False}}},
    "required": ["questions"], "additionalProperties": False,
}
MESSAGE_SCHEMA = {
    "type": "object",
    "properties": {"subject": {"type": "string"}, "body": {"type": "string"}},
    "required": ["subject", "body"], "additionalProperties": False,
}


def _about(ctx: Context) -> str:
    p, c = ctx.profile, ctx.person
    lines = [
        "## Me",
        f"Name: {p.name or 'not given'}; stage: {p.stage.replace('_', ' ')}",
        f"Background: {p.background or 'not given'}",
        f"Target roles: {p.target_roles or 'not given'}; "
        f"target industries: {p.target_industries or 'not given'}",
        f"Strengths: {p.strengths or 'not given'}",
        f"What I can offer others: {p.offers or 'not given'}",
        "", "## The person",
        f"Name: {c.name}; role: {c.role or 'unknown'}; organisation: {c.organisation or 'unknown'}; "
        f"industry: {c.industry or 'unknown'}",
        f"How we met: {c.source.replace('_', ' ')}"
        + (f"; introduced by {c.introducer}" if c.introducer else ""),
    ]
    if c.rapport_notes:
        lines.append(f"Rapport notes: {c.rapport_notes}")
    if ctx.history:
        lines += ["", "## Our history", *[f"- {h}" for h in ctx.history]]
    if ctx.earlier_debriefs:
        lines += ["", "## Earlier conversations (with them or their organisation)"]
        for d in ctx.earlier_debriefs:
            known = "; ".join(f"{k}: {v}" for k, v in d.items() if v and k not in ("contact", "advice"))
            lines.append(f"- With {d.get('contact')}: {known or 'no notes'}"
                         + (f"; advice: {', '.join(d['advice'])}" if d.get("advice") else ""))
    return "\n".join(lines)


def _meeting(ctx: Context) -> str:
    lines = ["", "## This meeting", f"Length: {ctx.minutes} minutes",
             f"Purpose: {ctx.purpose or 'not given'}", f"My goals: {ctx.goals or 'not given'}"]
    if ctx.research_notes:
        lines.append(f"Research notes: {ctx.research_notes}")
    return "\n".join(lines)


def questions(ctx: Context) -> list[dict[str, str]]:
    """Ask for a tailored question list as JSON, with the rules the offline drafter follows too."""
    count = question_count(ctx.minutes)
    rules = [
        "", "## Task",
        f"Write {count} questions for this meeting, in the order I should ask them.",
        "- Start with two rapport openers drawn from the rapport notes or our shared background "
        "(category rapport).",
        f"- Cover every TIARA category at least once: {', '.join(TIARA)}.",
        "- Include one or two offers of help drawn from what I can offer (category offer).",
        "- End with one closing question about whom else I should speak to (category closing).",
        "- Each question must make sense only for this person and organisation.",
    ]
    if ctx.already_asked:
        rules.append("- Do not repeat anything I already asked them: " + " | ".join(ctx.already_asked))
    if ctx.answered_topics:
        rules.append("- Skip topics earlier conversations at this organisation answered: "
                     + ", ".join(ctx.answered_topics))
    rules.append('Answer as JSON: {"questions": [{"category": "...", "text": "..."}]}')
    return [{"role": "system", "content": SYSTEM},
            {"role": "user", "content": _about(ctx) + _meeting(ctx) + "\n" + "\n".join(rules)}]


def thank_you(ctx: Context, channel: str, tone: str, limit: int | None) -> list[dict[str, str]]:
    """Ask for a specific thank-you that proves I listened and asks for nothing."""
    debrief = "\n".join(f"- {k}: {v}" for k, v in ctx.debrief.items() if v)
    shape = ("an email of about 150 words with a subject line" if channel == "email"
             else f"a LinkedIn message of at most {limit} characters (no subject)")
    task = [
        "", "## What I learned", debrief or "- (no notes)",
        "Advice they gave: " + ("; ".join(ctx.advice) or "none recorded"),
        "What I offered in return: " + ("; ".join(ctx.offers_made) or "nothing recorded"),
        "", "## Task",
        f"Write a {tone} thank-you note to {ctx.person.first_name} as {shape}.",
        "Name them; refer to at least one concrete piece of their advice or insight; say what I will "
        "do with it or what I offered; ask for nothing.",
        'Answer as JSON: {"subject": "...", "body": "..."}',
    ]
    return [{"role": "system", "content": SYSTEM},
            {"role": "user", "content": _about(ctx) + _meeting(ctx) + "\n" + "\n".join(task)}]


def outreach(ctx: Context, channel: str, limit: int | None) -> list[dict[str, str]]:
    """Ask for a short request for a conversation: insight, not a job."""
    shape = ("an email under 75 words with a subject line" if channel == "email"
             else f"a LinkedIn connection note of at most {limit} characters (no subject)")
    task = [
        "", "## Task",
        f"Write {shape} asking {ctx.person.first_name} for a 20-minute conversation.",
        "Lead with our connection; make more than half of it about them; ask for insight, never a job; "
        "end with a question.",
        'Answer as JSON: {"subject": "...", "body": "..."}',
    ]
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": _about(ctx) + "\n".join(task)}]


def preview(messages: list[dict[str, str]]) -> str:
    """The exact prompt, as the 'what will be sent' preview shows it."""
    return "\n\n".join(f"[{m['role']}]\n{m['content']}" for m in messages)
