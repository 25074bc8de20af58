"""The built-in drafter: no key, no network, deterministic for a given seed and context.

Questions are chosen from Rapport's own bank by relevance - the user's stage and target, the
contact's seniority and industry, words from the research notes - skipping what was already asked
of this contact and topics an earlier debrief at the same organisation answered. The user's own
notes are material (`lib/drafting/material.py`): a rapport hook and a research topic become
questions in a few words of their own, never quoted. The list runs as a meeting does - rapport,
TIARA, an offer, and last whom else to meet - with 3-5 marked must-ask. Thank-yous and outreach are
composed from the debrief and the profile: the reader is "you", advice is named in a few words,
referrals are thanked by name, a promise is restated, and one next step is given.
"""

from __future__ import annotations

import random
import re
from datetime import date

from pydantic import BaseModel
from rapidfuzz import fuzz

from lib import clock
from lib.drafting import bank, checks
from lib.drafting import material as notes
from lib.drafting.context import Context
from lib.drafting.material import first_name as material_first
from lib.questions import TIARA

NAME = "offline"
MODEL = "rapport-offline-1"
STOP = {"the", "and", "for", "with", "that", "this", "what", "your", "you", "how", "are", "they", "their",
        "from", "have", "has", "was", "were", "about", "into", "them", "more", "most", "some", "which"}
TONES = ("warm", "concise", "formal")


class DraftQuestion(BaseModel):
    """One drafted question with its category; `must` marks the 3-5 to ask if time runs short."""

    category: str
    text: str
    must: bool = False


class Message(BaseModel):
    """A drafted message: a subject for email, and the body."""

    subject: str = ""
    body: str


def question_count(minutes: int, offers: bool = False) -> int:
    """About one question per three minutes: at least 6 (TIARA and a closing; 7 with an offer of help), at most 15."""
    return min(15, max(7 if offers else 6, round(minutes / 3)))


def _article(word: str) -> str:
    """'a' or 'an' by sound: an analyst, a UX researcher, a user researcher, an hour."""
    lower = word.lower()
    if word[:2].isupper() and word[:1] == "U" or lower.startswith(("uni", "use", "usu", "eu", "one")):
        return "a"
    return "an" if lower[:1] in "aeiou" or lower.startswith(("hour", "honest")) else "a"


def _first_item(text: str) -> str:
    parts = [p.strip() for p in re.split(r"[,;\n]| or ", text) if p.strip()]
    return parts[0] if parts else ""


def _role(role: str) -> str:
    """A role as typed ("Product manager") said mid-sentence ("product manager"); "Head of Planning" stays."""
    rest = role.split()[1:]
    return notes.lower_common(role) if all(w == w.lower() for w in rest) else role


def _values(ctx: Context) -> dict[str, str]:
    """Every placeholder with a fallback, so a template never leaves a brace behind."""
    role = _role(ctx.person.role) or "professional"
    target = _first_item(ctx.profile.target_roles) or "someone in this field"
    background = notes.phrase(notes.items(ctx.profile.background)[0], 8) if ctx.profile.background.strip() else ""
    industry = ctx.person.industry or _first_item(ctx.profile.target_industries)
    return {
        "first_name": ctx.person.first_name,
        "organisation": ctx.person.organisation or "your organisation",
        "industry": notes.lower_common(industry) if industry else "your field",
        "role": role,
        "a_role": f"{_article(role)} {role}",
        "target_role": target,
        "a_target_role": f"{_article(target)} {target}",
        "background": notes.lower_common(background) if background else "another field",
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
        if "{background}" in entry.template:
            continue  # the user's background is said once, by an opener, not in every question
        text = fill(entry.template, ctx)
        if known(text, avoid):
            continue
        score = 3 * len(entry.tags & tags) + 2 * len(_keywords(text) & research) + rng.random()
        if entry.tags and not entry.tags & tags:
            score -= 1.5  # written for someone else's situation
        scored.append((score, text))
    return [text for _, text in sorted(scored, key=lambda pair: -pair[0])]


HOOKS = [
    # (pattern over a rapport-note item, question); {1}, {2} are short phrases taken from the match.
    (re.compile(r"(?:also |first |originally )?(?:started|began)(?: out| their career| her career| his career)?"
                r" (as|in) (.+?)(?:,? (?:before|then) (?:moving|going|switching|heading) (?:in)?to (.+))?$", re.I),
     "{lead} started out {1} {2} - what made you move into {3}?"),
    (re.compile(r"(?:a )?(?:big |huge )?(?:fan|supporter) of (.+)$", re.I), "How long have you been a fan of {1}?"),
    (re.compile(r"(?:also |a |an )?(?:former|ex-|ex )\s*(.+)$", re.I),
     "{lead} were {a1} before this - what made you change direction?"),
    (re.compile(r"(?:spoke|presented|talked|gave a talk|keynoted) (?:at|to) (.+?) (?:about|on) (.+)$", re.I),
     "What drew you to speak about {2} at {1}?"),
    (re.compile(r"(?:spoke|presented|talked|gave a talk) (?:at|to) (.+)$", re.I),
     "What did you take away from speaking at {1}?"),
    (re.compile(r"(?:wrote|writes|published|authored) (.+)$", re.I), "What led you to write {1}?"),
    (re.compile(r"(?:went to|graduated from|studied at|studied in|did (?:a|her|his|their) \w+ at) (.+)$", re.I),
     "How did your time at {1} shape the way you work now?"),
    (re.compile(r"(?:loves?|enjoys?|is into|big fan of|obsessed with|passionate about) (.+)$", re.I),
     "Outside work, how did you get into {1}?"),
    (re.compile(r"(?:volunteers?|mentors?|coaches) (.+)$", re.I), "How did you come to volunteer {1}?"),
]


ALIKE = re.compile(r"(?i)\s*,?\s*\b(?:just )?(?:like|as) (?:me|I did|mine|us)\b\.?|\s+(?:too|also)$"
                   r"|^(?:like me|same as me)\b")


def _hook(item: str, ctx: Context) -> tuple[str, bool] | None:
    """A rapport note as a question in the question's own words, and whether it is shared background."""
    alike = re.search(ALIKE, item)
    for _ in range(3):  # "ex-nurse too, like me": every way of saying it goes, so "too" is not left behind
        item = re.sub(ALIKE, "", item).strip(" ,!")
    for pattern, template in HOOKS:
        found = pattern.match(item.strip())
        if not found:
            continue
        parts = [notes.to_reader(notes.phrase(g or "", 5), ctx.person.name) for g in found.groups()]
        parts = [_mid_sentence(p).replace("the same ", "our ") for p in parts]
        # Five words of the note in a row read as pasted: "a book on crisis comms" is "your book on crisis comms".
        parts = [re.sub(r"(?i)^(?:a|an|the)\s+", "your ", p) if len(notes.tokens(p)) >= 5 else p for p in parts]
        if "{a1}" in template and parts[0] and not re.match(r"(?i)(a|an|the)\b", parts[0]):
            template = template.replace("{a1}", f"{_article(parts[0])} {{1}}")
        template = template.replace("{a1}", "{1}")
        if "{3}" in template and not parts[2]:
            parts[2] = "your current role"
        mine = {w.lower() for w in notes.words(ctx.profile.background) if len(w) > 3}
        said = {w.lower() for p in parts[:2] for w in notes.words(p)}
        shared = bool(alike) or bool(re.search(r"\bour\b", " ".join(parts[:2]))) or bool(mine & said)
        text = template.replace("{lead}", "Like me, you" if shared else "You")
        for n, part in enumerate(parts, 1):
            text = text.replace(f"{{{n}}}", part)
        return text, shared
    return None


def _openers(ctx: Context, rng: random.Random) -> list[str]:
    """Rapport openers: hooks from the rapport notes (shared background first), the introducer, my
    background - each phrased as a question in its own words, never a quoted note."""
    hooks = [h for h in (_hook(i, ctx) for i in notes.items(ctx.person.rapport_notes)) if h]
    hooks.sort(key=lambda pair: not pair[1])
    found = [text for text, _ in hooks]
    if ctx.person.introducer:
        found.append(fill(bank.OPENER_FROM_INTRODUCER, ctx))
    if ctx.profile.background.strip() and not any(shared for _, shared in hooks):
        found.append(_background_opener(ctx))
    return found + _ranked(ctx, rng, "rapport", found + ctx.already_asked)


VERBISH = re.compile(r"\b(?:is|are|was|were|has|have|had|will|uses|runs|leads|launches|builds|won|built|"
                     r"\w{3,}ed)\b", re.I)
ROLE_START = re.compile(r"^(?:i(?:'ve| have)? (?:been|was|am|worked as|spent)|i'm|worked as|former|ex-?)\s+", re.I)


def _background_opener(ctx: Context) -> str:
    """The user's background, said once and briefly: "as a nurse", "from eight years as a teacher"."""
    how, said = _background_said(ctx)
    return bank.OPENER_FROM_BACKGROUND.format(how=how, background=said, industry=_values(ctx)["industry"])


def _background_said(ctx: Context) -> tuple[str, str]:
    """The user's background in a few words, with how it follows: ("as", "a nurse") or ("from", "eight years…")."""
    item = ROLE_START.sub("", notes.items(ctx.profile.background)[0])
    spell = re.match(r"(?i)(.+?),? (?:for )?(\w+) years?\b", item)  # "Retail manager for 6 years"
    if spell and not re.match(r"(?i)\w+ years?\b", item):
        role = re.sub(r"(?i)^(a|an)\s+", "", notes.lower_common(notes.phrase(spell.group(1), 5)))
        item = f"{spell.group(2)} years as {_article(role)} {role}"
    said = notes.lower_common(notes.phrase(item, 8))
    if not checks.pasted_note(said, [notes.plain(n) for n in ctx.prepared_notes()], 5).ok:
        said = notes.phrase(said, 4)  # the research notes say the same words: a question never repeats five
    if len(notes.tokens(said)) >= 8:  # eight words of one's own background in a row read as pasted
        said = re.sub(r"(?i)\bas (?:a|an)\s+.+\s+(\w+)$", lambda m: f"as {_article(m.group(1))} {m.group(1)}", said)
        said = said if len(notes.tokens(said)) < 8 else notes.phrase(said, 7)
    if re.match(r"(?i)(a|an)\b", said) or (
            len(said.split()) <= 3 and not re.search(r"\b(in|of|at|years?|phd|degree)\b|\d", said, re.I)):
        if not re.match(r"(?i)(a|an|the)\b", said):
            said = f"{_article(said)} {said}"
        return "as", said
    return "from", said


def _mid_sentence(topic: str) -> str:
    """A note's first word goes lower-case mid-sentence only when it is a common word, not a name."""
    first = topic.split()[0].lower() if topic.split() else ""
    common = {"the", "a", "an", "this", "that", "these", "those", "it", "its", "our", "my", "your", "new",
              "their", "classroom", "recent", "latest"}
    return topic[:1].lower() + topic[1:] if first in common else topic


NOUN_PHRASE = re.compile(r"(?i)\b(?:a|an|the|its|their|her|his|new)\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+?)"
                         r"(?=\s+(?:in|on|at|for|to|with|from|by|last|this|next|and|or|that|which|after|before)\b|$)")


def _topic(item: str, ctx: Context) -> tuple[str, bool] | None:
    """A research note's topic in at most four of its own words (names aside), and whether it is news;
    a topic longer than that is left out rather than pasted or cut."""
    said = notes.to_reader(notes.phrase(item, 12), ctx.person.name)
    # "Heidi = AI medical scribe" was typed as "Heidi is AI medical scribe": a definition wants its article.
    said = re.sub(r"\bis (?!(?:a|an|the|not|now|still|very|so|my|your|our|their|its)\b)([A-Za-z][\w-]*)(?=\s+\w|$)",
                  lambda m: f"is {_article(m.group(1))} {m.group(1)}", said)
    names_ = names_in(ctx)
    news = bool(VERBISH.search(" ".join(said.split()[1:])))
    if news:  # "Medisphere rolled out a new EHR in 2024" is news about "the new EHR"
        found = NOUN_PHRASE.search(said)
        if not found:
            return None
        said = "the " + found.group(0).split(None, 1)[1] if found.group(0).split()[0].lower() in ("a", "an") \
            else found.group(0)
    said = re.sub(r"(?i)^(?:the|a|an)\s+(?=\S+\s+\S+\s+\S+\s+\S+)", "", said) if not news else said
    if not news and len(checks.without_names(said, names_)) > 4:
        said = notes.phrase(said, 4)  # "your talk on consent": its first four words, ending on one that ends
    counted = checks.without_names(said, names_)
    if len(notes.words(said)) < 2 or len(counted) > 4 or notes.ends_badly(notes.words(said)):
        return None
    return said, news


def _from_research(ctx: Context) -> list[DraftQuestion]:
    """Questions on the topics the user prepared, each named in a few words of its own."""
    organisation = ctx.person.organisation or "your organisation"
    found: list[DraftQuestion] = []
    read_about = ["what has that meant for your work?", "how has that changed things for your team?",
                  "where do you think it leads?"]
    for item in notes.items(ctx.research_notes)[:6]:
        named = _topic(item, ctx)
        if named is None:
            continue
        topic, news = named
        if news:
            said = read_about[sum(q.text.startswith("I read about") for q in found) % len(read_about)]
            text = f"I read about {_mid_sentence(topic)} - {said}"
            category = "trends"
        elif topic.lower().startswith("your "):
            text = f"{topic[:1].upper()}{topic[1:]} - how do you put that into practice at {organisation}?"
            category = "insights"
        else:
            text = f"What are you learning from {_mid_sentence(topic)} at {organisation}?"
            category = "insights"
        found.append(DraftQuestion(category=category, text=text))
    return found


def _offers(ctx: Context, rng: random.Random) -> list[str]:
    items = [notes.lower_common(notes.phrase(p, 8)) for p in notes.items(ctx.profile.offers)]
    return [bank.OFFER_TEMPLATES[n % len(bank.OFFER_TEMPLATES)].format(offer=item)
            for n, item in enumerate(i for i in items if i)]


def _closings(ranked: list[str]) -> list[str]:
    """The last question asks whom else to meet: a referral is worth more than any answer."""
    return [t for t in ranked if re.search(r"\b(who|whom|anyone)\b", t, re.IGNORECASE)] or [
        "Who else would you suggest I speak to?"]


def questions(ctx: Context, seed: int = 0) -> list[DraftQuestion]:
    """A full list in the order a meeting flows: rapport, TIARA (one drawn from the research notes), an
    offer or two, and last whom else to meet; 3-5 are marked must-ask."""
    rng = _rng(ctx, seed)
    offered = _offers(ctx, rng)
    total = question_count(ctx.minutes, bool(offered))
    avoid = ctx.already_asked + [q["text"] for q in ctx.current_questions]
    researched = [q for q in _from_research(ctx) if not known(q.text, avoid)][:2]
    ranked = {c: _ranked(ctx, rng, c, avoid) for c in (*TIARA, "closing")}
    picks: dict[str, list[str]] = {c: ranked[c][:1] for c in TIARA}
    closing = _closings(ranked["closing"])[:1]
    offers = offered[:2 if total >= 13 else 1]  # whenever the profile says what I can offer, I offer it
    budget = total - sum(len(v) for v in picks.values()) - len(closing) - len(offers)
    researched = researched[: max(budget - 1, 0)] if budget > 1 else researched[:1]
    budget -= len(researched)
    openers = _openers(ctx, rng)[: min(2, max(budget, 0))]
    budget -= len(openers)
    spare = [(c, t) for c in TIARA for t in ranked[c][1:3]]
    rng.shuffle(spare)
    for category, text in spare[: max(budget, 0)]:
        picks[category].append(text)
    ordered = [DraftQuestion(category="rapport", text=t) for t in openers]
    ordered += researched
    ordered += [DraftQuestion(category=c, text=t) for c in TIARA for t in picks[c]]
    ordered += [DraftQuestion(category="offer", text=t) for t in offers]
    ordered += [DraftQuestion(category="closing", text=t) for t in closing]
    return mark_must_ask(_trim(_without_repeats(ordered, ranked, ctx), total), researched)


def _without_repeats(ordered: list[DraftQuestion], ranked: dict[str, list[str]], ctx: Context) -> list[DraftQuestion]:
    """No five words twice across the list: a later question that repeats an earlier one's phrase is
    swapped for another of its kind (or left out when there is none)."""
    names_ = names_in(ctx)
    kept: list[DraftQuestion] = []
    used = {q.text for q in ordered}
    for question in ordered:
        texts = [q.text for q in kept]
        if checks.shares_phrase(question.text, texts, names_):
            # Another of its kind, else another TIARA question, so the list keeps its length.
            kinds = [question.category] + [c for c in TIARA if c != question.category]
            swap = next(((c, t) for c in kinds for t in ranked.get(c, [])
                         if t not in used and not checks.shares_phrase(t, texts, names_)), None)
            if swap is None:
                continue
            used.add(swap[1])
            question = DraftQuestion(category=swap[0], text=swap[1], must=question.must)
        kept.append(question)
    return kept


def names_in(ctx: Context) -> tuple[str, ...]:
    """Names a question list may repeat: the person, the organisation, the field and roles."""
    values = _values(ctx)
    return tuple(v for v in (ctx.person.name, ctx.person.organisation, values["organisation"], values["industry"],
                             values["role"], values["target_role"]) if v)


def _trim(ordered: list[DraftQuestion], total: int) -> list[DraftQuestion]:
    """Over the count (the research questions squeezed in), drop second questions of a TIARA kind first."""
    while len(ordered) > total:
        seen: set[str] = set()
        repeats = []
        for n, question in enumerate(ordered):
            if question.category in TIARA:
                if question.category in seen:
                    repeats.append(n)
                seen.add(question.category)
        if not repeats:
            break
        ordered.pop(repeats[-1])
    return ordered


def mark_must_ask(ordered: list[DraftQuestion], researched: list[DraftQuestion]) -> list[DraftQuestion]:
    """If time runs short: the first opener, the prepared topic, advice and whom else to meet (3-5)."""
    firsts = [next((q for q in ordered if q.category == c), None) for c in ("rapport", "advice", "closing")]
    chosen = [q for q in (firsts[0], researched[0] if researched else None, firsts[1], firsts[2]) if q]
    for extra in ("trends", "insights", "resources"):
        if len(chosen) >= 3:
            break
        chosen += [q for q in ordered if q.category == extra and q not in chosen][:1]
    for question in chosen[:5]:
        question.must = True
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

def _first(ctx: Context) -> str:
    """The first word of their name that is a name ("🦄 Ben" is Ben), capitalised if typed in lower case."""
    return _proper(material_first(ctx.person.first_name) or material_first(ctx.person.name)) or "there"


def _proper(name: str) -> str:
    """A name typed all in lower case, capitalised for a greeting or a signature."""
    return name.title() if name and name == name.lower() else name


def _said(ctx: Context, field: str, most: int = 7) -> str:
    """A few words of one debrief note, said to the reader."""
    found = notes.items(ctx.debrief.get(field, "") or "")
    return notes.lower_common(notes.to_reader(notes.phrase(found[0], most), ctx.person.name)) if found else ""


# Verbs advice starts with when it is an instruction ("learn SQL", "lead with it").
IMPERATIVES = frozenset(re.findall(r"\w+", """learn read build ship join talk reach apply get start try focus
lead keep stop take find make
write do go look ask network volunteer shadow turn put run use frame reframe lean stay be treat spend pick choose say
tell show practise practice study attend connect follow contact email call sign register consider think avoid skip
prepare brush polish update tailor sit set aim move drop own quantify highlight mention emphasise emphasize lean
prioritise prioritize document record collect share send create contribute offer listen watch check explore test
visit meet invite cut translate position pitch rewrite do sell sell market narrow broaden stick give hang
book plan draft finish sign recruit hire pitch negotiate research interview survey map measure track
speak present teach mentor quit wait leave accept decline admit hide undersell oversell compare learn
enrol enroll schedule set
introduce forward pass ping text message"""))
HEARD = re.compile(r"(?i)^(?:I (?:learned|learnt|heard|realised|realized|noted)|(?:she|he|they) (?:said|says|thinks))"
                   r"(?: that)?\s+")
NEGATION = re.compile(r"(?i)^(?:don['’]t|do not|never|dont)\s+(?:ever\s+)?")


def _advice(ctx: Context) -> str:
    """Their advice restated so that it parses: an instruction after "to", a "don't" as "not to", a point they
    made as a point, anything else by its topic ("your advice about portfolios over certificates")."""
    item = notes.items(ctx.advice[0])[0] if notes.items(ctx.advice[0]) else ctx.advice[0]
    item = HEARD.sub("", item)  # "I learned that PMs…" is their point, not my learning
    said = notes.advice_in_my_voice(notes.to_reader(notes.phrase(item.rstrip("?"), 12), ctx.person.name, False))
    said = re.sub(r"(?i)^(?:please|definitely|really|just|always|why not|maybe|perhaps|try and)\s+", "",
                  notes.lower_common(said))
    negative = NEGATION.match(said)
    rest = said[negative.end():] if negative else said
    first = (rest.split() or [""])[0].lower()
    if negative and rest:  # after "don't" comes a verb, whatever it is
        how = "never to" if said.lower().startswith("never") else "not to"
        return f"Your advice {how} {rest} was exactly what I needed."
    if not negative and first in IMPERATIVES:
        return f"Your advice to {said} was exactly what I needed."
    if re.search(r"\b(?:is|are|was|matters?|counts?|wins?|beats?|hire|want|need|get|value|care)\b", said) \
            and not negative:
        return f"Your point that {notes.phrase(said, 7)} was exactly what I needed."
    topic = notes.phrase(rest, 7)
    return f"Your advice about {topic} was exactly what I needed." if topic else "Your advice was just what I needed."


def _specific(ctx: Context) -> str:
    """The concrete thing they said that the thank-you refers to, named in a few words."""
    if ctx.advice:
        return _advice(ctx)
    for field, lead in (("realities", "What you said about {} "), ("loves", "Hearing how much you enjoy {} "),
                        ("career_path", "Hearing how your career went from {} ")):
        said = _said(ctx, field)
        if len(said.split()) >= 3:
            return lead.format(said) + "gave me a much clearer picture."
    purpose = notes.phrase(MEETING_WORDS.sub("", notes.plain(ctx.purpose)), 8)
    return (f"Our conversation about {notes.lower_common(purpose)} gave me a much clearer picture."
            if purpose else "Our conversation gave me a much clearer picture of the work.")


# "coffee chat about UX research" is about UX research: the meeting's own name is not its topic.
MEETING_WORDS = re.compile(r"(?i)^(?:an?\s+|the\s+|quick\s+|short\s+)*(?:virtual\s+)?(?:coffee[- ]?chat|chat|call|"
                           r"catch[- ]?up|coffee|meeting|info(?:rmational)?(?: interview)?|intro call|zoom)\b"
                           r"\s*(?:about|on|re:?|regarding|to discuss|to learn about|with\s+\S+\s+about)?\s*")
TIME_SAID = re.compile(r"(?i)\s*\b(?:this|next) (?:week|month|weekend)\b|\s*\bby (?:the end of (?:the )?)?"
                       r"(?:week|month|friday|monday|tomorrow)\b|\s*\b(?:today|tomorrow|tonight|asap|soon|b4 \w+)\b")


def _step(text: str, ctx: Context) -> str:
    """A next step or a promise in my voice, without its own time phrase (the sentence says when, once)."""
    said = notes.as_plan(notes.to_reader(notes.phrase(TIME_SAID.sub("", notes.plain(text)).strip(), 7),
                                         ctx.person.name))
    said = re.sub(r"(?i)^intro(?:duce)?\s+(?:you\s+)?to\b", "introduce you to", said)
    said = re.sub(r"(?i)^(?:an\s+)?intro(?:duction)?\s+(?:to|with)\b", "introduce you to", said)
    first = (said.split() or [""])[0].lower()
    if said and first not in IMPERATIVES:
        if first in ("i", "we", "they", "he", "she", "you", "it") or VERBISH.search(said):
            return ""  # a thing I noted, not a thing I promised
        said = f"share {said}"  # a promise typed as a thing ("my ICU notes") is a thing I will share
    return said if not notes.ends_badly(notes.words(said)) else ""


def _mentions(text: str, people: list[str]) -> bool:
    """Whether a note names one of `people` by first name ("email Ben Ortiz" names Ben)."""
    firsts = [f for f in (material_first(p) for p in people) if f]
    return any(re.search(rf"(?i)(?<!\w){re.escape(f)}(?!\w)", text) for f in firsts)


def _plan(ctx: Context) -> str:
    """One next step in my voice - not the whole list, and not getting in touch with whom they introduced me to
    (the thanks for the introduction says that)."""
    steps = [s for s in notes.items(ctx.debrief.get("next_steps", "") or "") if not _mentions(s, ctx.referrals)]
    step = next((said for said in (_step(s, ctx) for s in steps) if said), "")
    if step:
        return f"I am going to {step} and will let you know how it goes."
    if ctx.advice:
        return "I will start on it and let you know how it goes."
    return "I will use what you shared to decide where to focus next."


def _referral_thanks(ctx: Context) -> str:
    """Everyone they introduced me to, thanked by name."""
    if not ctx.referrals:
        return ""
    return f"Thank you, too, for introducing me to {notes.join(ctx.referrals)} - I will get in touch this week."


def _promise(ctx: Context) -> str:
    """Every offer I made, restated in my voice to them: a promise left out is a promise forgotten."""
    steps = (_step(item, ctx) for offer in ctx.offers_made for item in notes.items(offer))
    offers = list(dict.fromkeys(said for said in steps if said))
    if not offers:
        return ""
    # "and" between every one: the notes' list joined with commas would read as pasted ("a, b, c" is "a; b; c").
    also = f", and I will also {' and '.join(offers[1:])}" if offers[1:] else ""
    return f"As promised, I will {offers[0]} by the end of the week{also}."


def thank_you(ctx: Context, channel: str = "email", tone: str = "warm", limit: int | None = None) -> Message:
    """A thank-you that names them, refers to what they said, thanks them for introductions, restates
    a promise, gives one next step, and asks for nothing."""
    me = _proper(ctx.profile.name) or "Me"
    first = _first(ctx)
    insight, plan, referrals, promise = _specific(ctx), _plan(ctx), _referral_thanks(ctx), _promise(ctx)
    if channel != "email":
        # Introductions first: when the note must shrink, thanks for people is the last thing to go.
        thanks = (f"Thank you, {first}, for introducing me to {notes.join(ctx.referrals)}!" if ctx.referrals
                  else f"Thank you, {first}!")  # one opener, never "Thank you, Ana! Thank you for…"
        parts = [thanks, insight, plan, promise, f"- {me}"]
        return Message(body=_fit(parts, limit or 200))
    work = f"your work at {ctx.person.organisation}" if ctx.person.organisation else "your work"
    greeting = {"formal": f"Dear {first},", "concise": f"Hi {first},"}.get(tone, f"Hi {first},")
    opening = {
        "formal": f"Thank you for taking the time to speak with me about {work}.",
        "concise": "Thank you for your time today.",
    }.get(tone, f"Thank you so much for making time to talk with me - I really enjoyed hearing about your "
                f"{work[5:]}.")
    extra = ""
    found = notes.items(ctx.debrief.get("loves", "") or "")
    loves = notes.lower_common(notes.to_reader(notes.whole(found[0], 7), ctx.person.name)) if found else ""
    if tone != "concise" and ctx.advice and loves:
        extra = f"It was good to hear how much you enjoy {loves}."
    closing = {"formal": "With thanks and best regards,", "concise": "Thanks again,"}.get(tone, "Warmly,")
    body_parts = [greeting, "", " ".join(p for p in (opening, insight, extra) if p), "",
                  " ".join(p for p in (referrals, plan, promise) if p), "",
                  "I appreciate your generosity with your time." if tone != "concise" else "", closing, me]
    body = "\n".join(body_parts).replace("\n\n\n", "\n\n")
    subject = {"formal": f"Thank you for our conversation, {first}",
               "concise": f"Thank you, {first}"}.get(tone, f"Thank you for your time, {first}")
    return Message(subject=subject, body=body.strip())


def _met_at_event(ctx: Context) -> str:
    """A recent event only if it was recent: a year ago is "at an event in November 2025"."""
    try:
        met = date.fromisoformat(ctx.person.first_met_on[:10]) if ctx.person.first_met_on else None
    except ValueError:
        met = None
    if met is None or (clock.utcnow().date() - met).days <= 45:
        return "We met briefly at a recent event, and your comments stayed with me."
    return f"We met at an event in {met:%B %Y}, and your comments stayed with me."


def _shared(ctx: Context) -> str:
    """The background we share, when the rapport notes say so: the strongest reason to write."""
    hooks = [h for h in (_hook(i, ctx) for i in notes.items(ctx.person.rapport_notes)) if h and h[1]]
    if not hooks or not ctx.profile.background.strip():
        return ""
    how, said = _background_said(ctx)
    return f"Like you, I started out as {said}." if how == "as" else f"Like you, I come from {said}."


def _lead(ctx: Context) -> str:
    """Open with the connection: who introduced us, where we met, or why I noticed their work."""
    organisation = ctx.person.organisation or "your team"
    return {
        "referral": f"{ctx.person.introducer or 'A mutual contact'} suggested I get in touch with you.",
        "alumni": "As a fellow alum, I hope you do not mind a short note.",
        "event": _met_at_event(ctx),
        "linkedin": f"I came across your work at {organisation} on LinkedIn.",
    }.get(ctx.person.source if not ctx.person.introducer else "referral",
          f"{organisation}'s work, and yours in particular, caught my attention.")


def outreach(ctx: Context, channel: str = "email", limit: int | None = None) -> Message:
    """A request for a conversation: leads with the connection, is mostly about them, asks for insight."""
    values = _values(ctx)
    me = ctx.profile.name or "Me"
    first = _first(ctx)
    about_them = (f"Your path to your role as {values['a_role']} at {values['organisation']}, and your "
                  f"view of where {values['industry']} is heading, would be so valuable to hear.")
    about_me = f"I am exploring {values['target_role']} work."
    ask = "Would you be open to a 20-minute call in the next few weeks?"
    if channel != "email":
        parts = [f"Hi {first},", _lead(ctx),
                 f"Your experience as {values['a_role']} at {values['organisation']} would help me.",
                 "Could we talk for 20 minutes about your work?"]
        return Message(body=_fit(parts, limit or 200, keep_last=True))
    shared = _shared(ctx)
    about_me = f"{shared} {about_me}" if shared else about_me
    body = f"Hi {first},\n\n{_lead(ctx)} {about_them} {about_me}\n\n{ask}\n\nBest wishes,\n{me}"
    if len(body.split()) > 75:  # long names: a request over 75 words gets postponed, so say less
        about_them = f"Your path to your role at {values['organisation']} would be so valuable to hear."
        body = f"Hi {first},\n\n{_lead(ctx)} {about_them} {about_me}\n\n{ask}\n\nBest wishes,\n{me}"
    if len(body.split()) > 75 and shared:
        about_me = f"I am exploring {values['target_role']} work."
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

    return "\n".join(f"{n}. [{CATEGORIES.get(q.category, q.category)}] {q.text}" + (" (must ask)" if q.must else "")
                     for n, q in enumerate(items, 1))
