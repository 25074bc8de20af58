"""Reading a model's answer the way real models and servers give it, not as the schema asked.

Reasoning models put `<think>…</think>` (or `<thinking>`, `<reasoning>`) before the answer, braces and
all; servers that take `response_format` without enforcing it wrap the JSON in chatter and fences; small
models give a list of strings for a list of objects, label categories their own way, or answer in plain
text with "Sure! Here's…" before the message and "Feel free to…" after it. Every one of these reads as
the draft the model meant; anything else is a BadShape that says what to do. Nothing here raises
anything but a DraftError, whatever the answer holds.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lib.drafting import categories, errors
from lib.drafting.offline import DraftQuestion, Message

TAGS = "think|thinking|reasoning"
BLOCK = re.compile(rf"<({TAGS})>.*?</\1>", re.IGNORECASE | re.DOTALL)
OPENED = re.compile(rf"<(?:{TAGS})>", re.IGNORECASE)
CLOSED = re.compile(rf"</(?:{TAGS})>", re.IGNORECASE)
TAG_NAMES = ("<think>", "<thinking>", "<reasoning>")
FENCE = re.compile(r"```[ \t]*[\w-]*[ \t]*\n?(.*?)(?:```|\Z)", re.DOTALL)


class Reasoning(str):
    """A piece of the model's reasoning as a server streams it apart (`reasoning_content`): it may be
    shown as "thinking", and is never part of a draft."""


def without_reasoning(text: str, streaming: bool = False) -> str:
    """The answer with its reasoning taken out: whole blocks, an unclosed one to the end, and (once the
    answer is whole) a block whose opening tag the chat template swallowed, so only `</think>` is left."""
    text = BLOCK.sub("", text)
    opened = OPENED.search(text)
    if opened:
        return text[:opened.start()]
    if not streaming and (closed := list(CLOSED.finditer(text))):
        return text[closed[-1].end():]  # DeepSeek-R1's templates open the block themselves
    return text


def held_back(text: str) -> str:
    """While an answer streams, a tag that is still arriving ("<thin") waits, so what shows only grows."""
    cut = text.rfind("<")
    tail = text[cut:].lower() if cut >= 0 else ""
    return text[:cut] if tail and any(name.startswith(tail) for name in TAG_NAMES) else text


def _objects(text: str) -> list[Any]:
    """Every JSON value that starts with a brace or bracket somewhere in `text`, first first."""
    decoder, i = json.JSONDecoder(), 0
    found: list[Any] = []
    while True:
        starts = [p for p in (text.find("{", i), text.find("[", i)) if p >= 0]
        if not starts:
            return found
        start = min(starts)
        try:
            value, end = decoder.raw_decode(text, start)
        except ValueError:
            i = start + 1
            continue
        found.append(value)
        i = end


def json_in(text: str, wanted: tuple[str, ...]) -> Any:
    """The draft's JSON in an answer: in a fence if there is one, else anywhere; the first object that
    has one of the `wanted` keys, else the first list, else the first object. None when there is none."""
    text = without_reasoning(text)
    found = [v for block in FENCE.findall(text) for v in _objects(block)] + _objects(text)
    for value in found:
        if isinstance(value, dict) and any(k in value for k in wanted):
            return value
    return next((v for v in found if isinstance(v, list)), next((v for v in found if isinstance(v, dict)), None))


# -- questions --------------------------------------------------------------------------------------

TEXT_KEYS = ("text", "question", "q", "content", "prompt")
KIND_KEYS = ("category", "type", "kind", "tiara", "label", "section")
MUST_KEYS = ("must", "must_ask", "mustAsk", "priority")
MUST_WORDS = re.compile(r"\s*(?:\*\*)?[(\[](?:must[- ]ask|must)[)\]](?:\*\*)?\s*$", re.IGNORECASE)


def _truthy(value: object) -> bool:
    """A must-ask flag as models write it: true, "yes", "high", 1."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "y", "1", "high", "must")
    return value is True or (isinstance(value, int | float) and value > 0)


def _listed(data: Any) -> list[Any]:
    """The list of questions in a JSON answer, under whatever key the model chose."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return []
    if isinstance(data.get("questions"), list):
        return data["questions"]
    return next((v for v in data.values() if isinstance(v, list)), [])


def _from_json(data: Any) -> list[tuple[DraftQuestion, bool]]:
    """Questions from objects or plain strings; the flag says the category was guessed."""
    found: list[tuple[DraftQuestion, bool]] = []
    for item in _listed(data):
        if isinstance(item, str):
            text, label, must = item, None, False
        elif isinstance(item, dict):
            text = next((item[k] for k in TEXT_KEYS if isinstance(item.get(k), str)), "")
            label = next((item[k] for k in KIND_KEYS if isinstance(item.get(k), str)), None)
            must = any(_truthy(item.get(k)) for k in MUST_KEYS)
        else:
            continue
        text = " ".join(text.split())
        if MUST_WORDS.search(text):
            text, must = MUST_WORDS.sub("", text), True
        if not text:
            continue
        kind = categories.from_label(label)
        found.append((DraftQuestion(category=kind or categories.from_wording(text), text=text, must=must),
                      kind is None))
    return found


BULLET = re.compile(r"^\s*(?:\d+\s*[.):]|[-*•+]|\(\d+\)|Q\d+\s*[.):])\s*")
HEADING = re.compile(r"^\s*(?:#{1,6}\s*(?P<h>.+?)\s*#*|\*\*(?P<b>[^*]+?)\*\*:?|__(?P<u>[^_]+?)__:?"
                     r"|\[(?P<k>[^\]]+)\]|(?P<c>[A-Za-z][\w &/()-]{1,30}?)\s*:)\s*$")
LABEL = re.compile(r"^(?:\[(?P<a>[^\]]+)\]|\*\*(?P<b>[^*]+?)\*\*\s*:?|__(?P<u>[^_]+?)__\s*:?"
                   r"|\((?P<p>[^)]+)\)|(?P<c>[A-Za-z][\w &/()-]{1,30}?)\s*:)\s*(?P<text>.*)$")


def _label(match: re.Match[str]) -> str:
    """The label a line opens with, without the marks around it ("**Trends:**" is "Trends")."""
    return next((g for g in match.groups()[:-1] if g), "").strip().strip("*_: ")


def _from_lines(text: str) -> list[tuple[DraftQuestion, bool]]:
    """Questions from numbered or bulleted lines, with `**Label:**`, `Label:`, `[Label]` before them or
    `### Label` (or a label alone) over a section of them."""
    found: list[tuple[DraftQuestion, bool]] = []
    section: str | None = None
    for line in text.splitlines():
        heading = HEADING.match(BULLET.sub("", line, count=1)) if "?" not in line else None
        if heading:
            section = categories.from_label(next(g for g in heading.groups() if g)) or section
            continue
        rest = BULLET.sub("", line, count=1).strip()
        kind = None
        labelled = LABEL.match(rest)
        if labelled and (named := categories.from_label(_label(labelled))):
            kind, rest = named, labelled["text"]
        must = bool(MUST_WORDS.search(rest))
        rest = MUST_WORDS.sub("", rest).strip().strip("*_").strip()
        if not rest.endswith("?"):
            continue
        kind = kind or section
        found.append((DraftQuestion(category=kind or "insights", text=rest, must=must), kind is None))
    return found


def parse_questions(text: str) -> list[DraftQuestion]:
    """A question list from JSON if the answer holds one (objects or strings), else from its lines."""
    visible = without_reasoning(text)
    found = _from_json(json_in(visible, ("questions",)))
    found = found or _from_lines(visible)
    if not found:
        raise errors.BadShape("The model's answer was not a list of questions Rapport could read. Try "
                              "again, or take the offline draft.", visible)
    kinds = categories.balance([(q.category, q.text) for q, _ in found], [g for _, g in found])
    for (question, _), kind in zip(found, kinds, strict=True):
        question.category = kind
    return [q for q, _ in found]


# -- messages ---------------------------------------------------------------------------------------

SUBJECT = re.compile(r"^\s*(?:[*_#]+\s*)?subject(?: line)?\s*(?:[*_]+)?\s*:\s*(?:[*_]+)?\s*(?P<s>.*?)\s*[*_]*\s*$",
                     re.IGNORECASE)
SEPARATOR = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,}|```[\w-]*)\s*$")
PREAMBLE = re.compile(r"^\W*(?:(?:sure|certainly|of course|absolutely|okay|ok|great|happy to help)\W*\s+)?"
                      r"(?:here(?:'s|’s| is| are)|below (?:is|are)"
                      r"|i(?:'ve|’ve| have) (?:written|drafted|put together))\b",
                      re.IGNORECASE)
ABOUT_IT = re.compile(r"\b(?:email|e-mail|message|note|draft|thank[- ]you|version|letter|reply)\b|:\s*$",
                      re.IGNORECASE)
CHATTER = re.compile(
    r"^\W*(?:feel free to|let me know if you(?:'d|’d| would)? (?:like|want|need)|i hope this (?:helps|works)"
    r"|hope this helps|you (?:can|could|may|might) (?:adjust|tweak|edit|change|personali[sz]e|add|swap|shorten)"
    r"|if you(?:'d|’d| would) like|would you like (?:me|a|any)|this (?:email|message|note|draft|version) "
    r"(?:is|keeps|should|uses|has|strikes)|note:|\(note|tip:)", re.IGNORECASE)
BODY_KEYS = ("body", "message", "text", "content", "email")
LOOKS_LIKE_JSON = re.compile(r"\s*(?:```[\w-]*\s*)?(?:\{\s*(?:\"|\}|$)|\[\s*(?:[\"{\[\]]|$))")


def _paragraphs(text: str) -> list[list[str]]:
    """Lines grouped by blank lines, with separator lines ("---", a fence) taken as blank."""
    found: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip() and not SEPARATOR.match(line):
            found[-1].append(line.rstrip())
        elif found[-1]:
            found.append([])
    return [p for p in found if p]


def tidy(text: str) -> tuple[str, str]:
    """(subject, body) of a message as a chatty model writes it: the line before it that talks about the
    message and the lines after it that talk to the user are dropped; a `Subject:` line becomes the subject."""
    paragraphs = _paragraphs(text.replace("\r\n", "\n"))
    if paragraphs and PREAMBLE.match(paragraphs[0][0]) and ABOUT_IT.search(paragraphs[0][0]):
        paragraphs[0] = paragraphs[0][1:]
    while len(paragraphs) > 1 and CHATTER.match(paragraphs[-1][0]):
        paragraphs.pop()
    subject, kept = "", []
    for paragraph in paragraphs:
        lines = []
        for line in paragraph:
            said = SUBJECT.match(line)
            if said and not subject:
                subject = said["s"].strip().strip('"“”')
            else:
                lines.append(line)
        if lines:
            kept.append("\n".join(lines))
    return subject, "\n\n".join(kept).strip()


def _as_text(value: object) -> str:
    """A JSON value as message text: a string, or a list of paragraphs; anything else is no text."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n\n".join(str(v) for v in value if isinstance(v, str | int | float))
    return ""


def _message_json(data: Any) -> tuple[str, str] | None:
    """(subject, body) from a JSON answer, the message perhaps one level down ({"email": {…}})."""
    if not isinstance(data, dict):
        return None
    inner = next((v for v in data.values() if isinstance(v, dict) and "body" in v), None)
    data = inner if "body" not in data and inner else data
    body = next((_as_text(data[k]) for k in BODY_KEYS if _as_text(data.get(k)).strip()), "")
    return (_as_text(data.get("subject")), body) if body else None


def parse_message(text: str, subject_wanted: bool) -> Message:
    """A message from JSON if the answer holds one, else from its plain text, tidied either way."""
    visible = without_reasoning(text)
    found = _message_json(json_in(visible, ("body",)))
    if found is None and LOOKS_LIKE_JSON.match(visible):
        raise errors.BadShape("The model answered in JSON with no message in it (or JSON cut short). Try "
                              "again, or take the offline draft.", visible)
    subject, body = found if found else ("", visible)
    said, body = tidy(body)
    subject = " ".join(subject.split()) or said
    if not body.strip():
        raise errors.BadShape("The model's answer had no message in it. Try again, or take the offline "
                              "draft.", visible)
    return Message(subject=subject if subject_wanted else "", body=body)
