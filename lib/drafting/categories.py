"""Which kind of question a model meant: from a label it wrote, or from the question's own wording.

Models label categories their own way ("Trends", "TIARA - Advice", "Offer of help", "R: Resources") or
not at all (a list of strings). A label is read for the category word it holds; a question without one
is sorted by what it asks, and a list that then misses a TIARA kind is balanced: a guessed question whose
wording fits the missing kind moves to it, so the TIARA check reads the list the model meant.
"""

from __future__ import annotations

import re
from collections import Counter

from lib.questions import CATEGORIES, TIARA

LABEL_WORDS = {
    "trend": "trends", "trends": "trends", "insight": "insights", "insights": "insights", "advice": "advice",
    "resource": "resources", "resources": "resources", "assignment": "assignments", "assignments": "assignments",
    "rapport": "rapport", "opener": "rapport", "icebreaker": "rapport", "offer": "offer",
    "closing": "closing", "close": "closing", "closer": "closing", "wrap": "closing",
}
# Checked in this order: the first kind whose words a question uses is its kind.
WORDING = [
    ("closing", r"\b(?:who|whom|anyone|someone) else\b|\bother people (?:i|to)\b|\bintroduce me\b"),
    ("offer", r"\b(?:could|can|may|might) i (?:share|send|help|offer|introduce|pass)\b|\bwould it help if i\b"
              r"|\bi(?:'d| would) be (?:happy|glad) to\b|\bi could (?:share|send|help)\b"),
    ("rapport", r"\boutside (?:of )?work\b|\bhow did you (?:first )?(?:get|come) (?:into|to)\b"
                r"|\bwhat (?:first )?(?:drew|led|brought|got) you\b|\blike me\b"),
    ("assignments", r"\b(?:side |small |sample )?projects?\b|\bassignments?\b|\bexercises?\b|\bpractise\b"
                    r"|\btest (?:my|whether|if)\b|\btry (?:my hand|out|a)\b|\bsmall (?:study|task)\b"
                    r"|\bcase stud(?:y|ies)\b|\bportfolio\b|\bhands-on\b"),
    ("resources", r"\b(?:read|books?|blogs?|podcasts?|newsletters?|communit(?:y|ies)|meetups?|events?"
                  r"|conferences?|courses?|resources?|tools?|groups?|associations?|certifications?|follow)\b"),
    ("advice", r"\badvice\b|\bwhat would you do\b|\bin my (?:place|position|shoes)\b|\bshould i\b"
               r"|\bif you were (?:me|starting)\b|\brecommend (?:i|that i)\b|\bfirst steps?\b"
               r"|\bmistakes?\b|\bwish you(?:'d| had) known\b|\bdo differently\b"),
    ("trends", r"\bheading\b|\bfuture\b|\bnext (?:few|two|three|five|\d+) years\b|\bchang(?:e|es|ing)\b"
               r"|\btrends?\b|\bshifts?\b|\bemerging\b|\bcoming years\b|\bevolv\w*\b|\bdirection\b"),
]
WORDING_RE = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in WORDING]


def from_label(label: object) -> str | None:
    """The category a written label names ("Trends", "TIARA - Advice", "Offer of help"), or None."""
    text = str(label or "").strip().lower()
    if not text:
        return None
    if text in CATEGORIES:
        return text
    by_label = {value.lower(): key for key, value in CATEGORIES.items()}
    if text in by_label:
        return by_label[text]
    words = [w for w in re.findall(r"[a-z]+", text) if w != "tiara"]
    if len(words) > 4:
        return None  # a heading that talks ("Questions to help you prepare"), not a label
    return next((LABEL_WORDS[w] for w in words if w in LABEL_WORDS), None)


def fits(kind: str, text: str) -> bool:
    """Whether a question's wording is of this kind."""
    return any(k == kind and pattern.search(text) for k, pattern in WORDING_RE)


def from_wording(text: str, default: str = "insights") -> str:
    """The kind a question is by what it asks; `default` when nothing in it says."""
    return next((kind for kind, pattern in WORDING_RE if pattern.search(text)), default)


def balance(found: list[tuple[str, str]], guessed: list[bool]) -> list[str]:
    """Categories for (category, text) pairs, with guessed ones moved to a TIARA kind the list lacks when
    their wording fits it and their own kind keeps another question."""
    kinds = [category for category, _ in found]
    for missing in TIARA:
        if missing in kinds:
            continue
        counts = Counter(kinds)
        movable = [n for n, _ in enumerate(found) if guessed[n] and counts[kinds[n]] > 1 and kinds[n] in TIARA]
        # A question that is mostly of the missing kind first, then one that only touches on it.
        lacking = {k for k in TIARA if k not in kinds}
        best = [n for n in movable if from_wording(found[n][1]) == missing] or [
            n for n in movable if fits(missing, found[n][1]) and from_wording(found[n][1]) not in lacking]
        if best:
            kinds[best[0]] = missing
    return kinds
