"""Draft checks, run on every draft from any provider: what a careful friend would point out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from lib.drafting import material
from lib.drafting import material as material_
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
# A draft that talks about itself, or to the person who asked for it, rather than to its reader.
SELF_TALK = re.compile(
    r"\bhere(?:'s|’s| is| are) (?:a|an|the|your|my|some) (?:[\w-]+ ){0,3}(?:email|e-mail|message|note|draft"
    r"|thank[- ]you|version|reply|follow-up|outreach|questions)\b"
    r"|\bfeel free to (?:adjust|edit|tweak|change|personali[sz]e|customi[sz]e|modify|shorten|swap)\b"
    r"|\byou (?:can|could|may) (?:adjust|edit|tweak|personali[sz]e|customi[sz]e|modify) (?:it|this|the (?:tone"
    r"|wording|details|message|email|note|draft))\b"
    r"|\[your (?:name|full name|title)\]"
    r"|\blet me know if you(?:'d|’d| would)? like (?:me to (?:adjust|change|edit|shorten|rewrite)"
    r"|a (?:shorter|longer|different|more \w+) (?:version|draft|one))"
    r"|\bas an ai\b|\bi hope this (?:draft|email|message|note) helps", re.IGNORECASE)


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
    first = material.first_name(name)
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


def self_talk(text: str) -> Check:
    """A message that talks about itself ("Here's a warm thank-you email", "Feel free to adjust",
    "[Your name]") is the model's chatter left in, not something to send."""
    found = SELF_TALK.search(text)
    return Check("Talks to them, not about itself", found is None,
                 f"Take out “{found.group(0)}”: it talks about the message, not to its reader" if found else "")


# "advice to don't hide": an infinitive with a negation or a modal pushed into it.
BROKEN_INFINITIVE = re.compile(r"\bto (?:(?:do|does|did|should|could|would|must|might|wo|ca|is|are|was|were)n['’]?t"
                               r"|do not|does not|did not|should|must|could|would|might|I|we|they)\b")
TIME_PHRASE = re.compile(r"\b(?:this|next) (?:week|month|weekend)\b|\bby the end of the (?:week|month)\b"
                         r"|\b(?:today|tomorrow|tonight|soon)\b", re.IGNORECASE)


def loose_ends(text: str, names_: tuple[str, ...] = ()) -> Check:
    """A sentence that ends on a verb wanting its object, a preposition, an article or a possessive ("…seeing
    students use.", "…something you."), or that breaks an infinitive ("advice to don't"), was cut short or pasted
    in whole: finish it or cut it back. `names_` may end one however they are spelled."""
    known = [n.lower() for n in names_ if n and n.strip()]
    broken = BROKEN_INFINITIVE.search(text)
    if broken:
        return Check("No sentence cut short", False,
                     f"“{broken.group(0)}” does not parse: say “not to …”, or name what the advice was about")
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[.!])\s+", line.strip()):
            if not sentence.endswith((".", "!")) or sentence.endswith(("..", "…")):
                continue
            said = material.words(sentence)
            if any(sentence.rstrip(".!").lower().endswith(n) for n in known):
                continue  # "your work at want" ends on the organisation, as its owner typed it
            if len(said) >= 3 and material.ends_badly(said):
                shown = " ".join(said[-5:])
                return Check("No sentence cut short", False,
                             f"“…{shown}.” ends on “{said[-1]}”: finish the thought, or end it earlier")
    return Check("No sentence cut short", True)


def said_twice(text: str) -> Check:
    """A message that says "this week" twice, or opens two sentences in a row the same way ("Thank you, Ana!
    Thank you for…"), reads as pasted together."""
    times = [m.group(0).lower() for m in TIME_PHRASE.finditer(text)]
    again = next((t for n, t in enumerate(times) if t in times[:n]), None)
    if again:
        return Check("Nothing said twice", False, f"“{again}” is said twice: keep it once")
    sentences = [s for line in text.splitlines() for s in re.split(r"(?<=[.!?])\s+", line.strip()) if s]
    for one, two in zip(sentences, sentences[1:], strict=False):
        first, second = _words(one)[:2], _words(two)[:2]
        if len(first) == 2 and first == second:
            return Check("Nothing said twice", False,
                         f"Two sentences in a row open with “{' '.join(first)}”: join them or vary one")
    return Check("Nothing said twice", True)


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


def _words(text: str) -> list[str]:
    return [t.lower() for t in material.tokens(text)]  # one way of counting words, shared with the phrases drafts take


def _runs(words: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def third_person(text: str, name: str, others: tuple[str, ...] = ()) -> Check:
    """A message speaks to its reader: "introduce you to", never "introduce Priya to". `others` are
    other names the text may rightly say (their organisation, whoever introduced you)."""
    first = material.first_name(name)
    if not first:
        return Check("Speaks to them as “you”", True)
    for other in sorted((o for o in others if o and o.strip()), key=len, reverse=True):
        text = text.replace(other, "…")
    found = []
    for line in text.strip().splitlines():
        if len(line.split()) <= 4 and not re.search(r"[,.!?;:]", line):
            continue  # a signature line (the sender may share a first name with the reader)
        # As names are written (Priya, priya): "AA" as an industry is not the reader "Aa".
        spelled = "|".join(re.escape(v) for v in {first, first.title()})
        for match in re.finditer(rf"(?<!\w)(?:{spelled})(?!\w)", line):
            before, after = line[:match.start()].rstrip(), line[match.end():].lstrip()
            if before.endswith(("-", "–", "—")) and len(after.split()) <= 3:
                continue  # "… - Maya Chen" closing a LinkedIn note
            greeting = re.fullmatch(r"(?i)(hi|hello|dear|hey|thank you|thanks|many thanks)[, ]*", before)
            vocative = (before.endswith(",") or not before or greeting) and (after[:1] in ",.!?:;" or not after)
            if not vocative:
                found.append(line[max(0, match.start() - 20):match.end() + 20].strip())
    return Check("Speaks to them as “you”", not found,
                 f"Write “you” instead of their name in “…{found[0]}…”" if found else "")


def pasted_note(text: str, material: list[str], run: int = 8, names_: tuple[str, ...] = ()) -> Check:
    """Eight or more words in a row from a note (`run`; names aside) read as pasted: say it in a few words."""
    written = _runs(without_names(text, names_), run)
    for note in material:
        shared = written & _runs(without_names(note, names_), run)
        if shared:
            return Check("Notes put in your own words", False,
                         f"“{' '.join(sorted(shared)[0])}…” is copied from your notes; say it in a few words")
    return Check("Notes put in your own words", True)


def pasted_list(text: str) -> Check:
    """A list joined with semicolons is notes, not a sentence."""
    found = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.count(";") >= 2]
    if not found:
        return Check("No pasted lists", True)
    shown = found[0].rstrip(".!?")
    shown = shown if len(shown) <= 50 else shown[:50].rstrip() + "…"
    return Check("No pasted lists", False, f"Join “{shown}” as a sentence, or keep one item")


def shares_phrase(text: str, others: list[str], names_: tuple[str, ...] = (), run: int = 5) -> bool:
    """Whether `text` has five words in a row that one of `others` has too (names aside)."""
    mine = _runs(without_names(text, names_), run)
    return any(mine & _runs(without_names(other, names_), run) for other in others)


def without_names(text: str, names_: tuple[str, ...]) -> list[str]:
    """Words as the checks count them, with known names taken out (they may be said as often as needed)."""
    for known in names_:
        if known:
            text = re.sub(re.escape(known), " ", text, flags=re.IGNORECASE)
    return _words(text)


def repeated_phrase(questions: list[str], names_: tuple[str, ...] = (), run: int = 5) -> Check:
    """The same five words in two questions: a pasted phrase, or two questions that are one."""
    seen: dict[tuple[str, ...], int] = {}
    for n, question in enumerate(questions):
        for phrase in _runs(without_names(question, names_), run):
            if seen.setdefault(phrase, n) != n:
                return Check("No phrase repeated across questions", False,
                             f"“{' '.join(phrase)}” is in questions {seen[phrase] + 1} and {n + 1}")
    return Check("No phrase repeated across questions", True)


def referrals_thanked(text: str, referrals: list[str]) -> Check:
    """Someone who introduced you to people is thanked for each introduction, by name."""
    missing = [r for r in referrals if r.strip() and not re.search(
        rf"(?<!\w){re.escape(r.split()[0])}(?!\w)", text, re.IGNORECASE)]
    return Check("Thanks them for introductions", not missing,
                 f"Thank them for introducing you to {', '.join(missing)}" if missing else "")


def for_questions(items: list[tuple[str, str]], material: list[str] | None = None,
                  names_: tuple[str, ...] = (), research: list[str] | None = None) -> list[Check]:
    """Checks for a question list of (category, text); `material` is the notes it must not paste, `research` the
    research and rapport notes it must not paste five words of."""
    texts = [t for _, t in items]
    joined = "\n".join(texts)
    pasted = pasted_note(joined, material or [])
    if pasted.ok and research:
        # An offer of help says what my profile offers, in my words: not a note about them.
        asked = "\n".join(t for c, t in items if c != "offer")
        pasted = pasted_note(asked, [material_.plain(n) for n in research], 5, names_)
    return [tiara([c for c, _ in items]), duplicates(texts), job_ask(joined), placeholders(joined),
            repeated_phrase(texts, names_), pasted, loose_ends(joined, names_)]


def for_message(text: str, name: str, limit: int | None, channel_label: str,
                word_limit: int | None = None, subject: str = "", request: bool = False,
                material: list[str] | None = None, referrals: list[str] | None = None,
                others: tuple[str, ...] = ()) -> list[Check]:
    """Checks for a thank-you (`referrals` it must thank), or an outreach request (`request=True`);
    `others` are names besides the reader's that the text may say."""
    found = [names(text, name), third_person(text, name, (*others, *(referrals or []))),
             job_ask(subject + "\n" + text),
             placeholders(subject + "\n" + text), self_talk(subject + "\n" + text), length(text, limit, channel_label),
             pasted_list(text), pasted_note(text, material or []),
             loose_ends(text, (name, *others, *(referrals or []))), said_twice(text)]
    if referrals:
        found.append(referrals_thanked(text, referrals))
    if word_limit:
        found.append(words_at_most(text, word_limit, "The message"))
    if request:
        found += [about_them(text), ends_with_question(text)]
    return found
