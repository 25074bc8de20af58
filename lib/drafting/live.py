"""The stream as a person should watch it: what the draft says, as soon as each part of it is complete.

Models asked for JSON stream JSON: this shows the questions' text, or the message body, instead of the
braces around it - after chatter and in a fence too. Reasoning never shows: a `<think>` block is held
back until it closes (an unclosed one to the end), reasoning a server sends apart is dropped, and while
only reasoning has arrived a `Note` says the model is thinking. Plain-text answers pass through.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from lib.drafting.answers import Reasoning, held_back, without_reasoning

THINKING = "The model is thinking…"
# A question's text as an object's field, or a string in a list of them; complete once what follows arrives.
QUESTION_FIELD = re.compile(r'(?:"(?:text|question)"\s*:\s*|(?<=[\[,])\s*)"((?:[^"\\]|\\.)*)"(?=\s*[,\]}])')
BODY_START = re.compile(r'"body"\s*:\s*"')
JSON_START = re.compile(r'\s*(?:\{|```|\[\s*(?:[{"\]]|\n))')
MAYBE_JSON = re.compile(r"\s*(?:`{0,2}|\[\s*)")


class Note(str):
    """A line about the stream, not part of the draft: shown while it applies, never kept."""


def _unescape(fragment: str) -> str:
    try:
        return json.loads(f'"{fragment}"')
    except ValueError:
        return fragment


def _complete_part(buffer: str, start: int) -> tuple[int, bool]:
    """Where the JSON string from `start` can be cut without splitting an escape (a chunk may end
    inside `\\u2014`, or between the two halves of a surrogate pair), and whether it has closed."""
    i = start
    while i < len(buffer):
        char = buffer[i]
        if char == '"':
            return i, True
        if char != "\\":
            i += 1
            continue
        if i + 1 >= len(buffer):
            return i, False
        if buffer[i + 1] != "u":
            i += 2
            continue
        if i + 6 > len(buffer):
            return i, False
        try:
            high = 0xD800 <= int(buffer[i + 2:i + 6], 16) <= 0xDBFF
        except ValueError:
            high = False
        if high and buffer[i + 6:i + 8] in ("\\u", "\\", "") and i + 12 > len(buffer):
            return i, False  # the low half of the pair has not arrived yet
        i += 12 if high and buffer[i + 6:i + 8] == "\\u" else 6
    return i, False


class _View:
    """What has been shown of an answer whose visible text (reasoning removed) only grows."""

    def __init__(self) -> None:
        self.json_from = -1  # where the JSON starts in the visible text, once it has
        self.sent = 0  # how much plain text has been passed on
        self.shown = 0  # questions shown
        self.body_from, self.body_done = -1, False
        self.started = False  # whether any plain text has been shown

    def feed(self, visible: str, final: bool = False) -> Iterator[str]:
        """What is new to show in `visible`, the whole visible answer so far (`final` once it has ended)."""
        if self.json_from < 0:
            yield from self._text(visible, final)
        if self.json_from >= 0:
            yield from self._json(visible[self.json_from:])

    def _text(self, visible: str, final: bool) -> Iterator[str]:
        """Plain text as it comes, up to a line that opens JSON or a fence; a line that might still
        become one ("`", "[") waits for its next character."""
        while self.sent < len(visible):
            line_end = visible.find("\n", self.sent)
            line = visible[self.sent:] if line_end < 0 else visible[self.sent:line_end + 1]
            if JSON_START.match(line):
                self.json_from = self.sent
                return
            if line_end < 0 and not final and MAYBE_JSON.fullmatch(line):
                return
            if self.started or line.strip():  # blank lines before the answer are not shown
                self.started = True
                yield line
            self.sent += len(line)

    def _json(self, buffer: str) -> Iterator[str]:
        """Each question's text once its string has closed, and a message body as far as it has come."""
        for match in list(QUESTION_FIELD.finditer(buffer))[self.shown:]:
            self.shown += 1
            yield f"• {_unescape(match.group(1))}  \n"
        if self.body_from < 0 and (start := BODY_START.search(buffer)):
            self.body_from = start.end()
        if self.body_from >= 0 and not self.body_done:
            stop, self.body_done = _complete_part(buffer, self.body_from)
            if stop > self.body_from:
                yield _unescape(buffer[self.body_from:stop]).replace("\n", "  \n")
            self.body_from = stop


def readable(pieces: Iterable[str]) -> Iterator[str]:
    """Turn a streamed answer into what it says, as soon as each part is complete; `Note`s between."""
    buffer, view, thinking = "", _View(), False
    for piece in pieces:
        if not isinstance(piece, Reasoning):
            buffer += piece
        visible = held_back(without_reasoning(buffer, streaming=True))
        if not visible.strip():
            if (buffer.strip() or isinstance(piece, Reasoning)) and not thinking:
                thinking = True
                yield Note(THINKING)
            continue
        yield from view.feed(visible)
    yield from view.feed(without_reasoning(buffer, streaming=True), final=True)


def shown(pieces: Iterable[str]) -> str:
    """All the readable text of an answer at once, without notes: what a cut answer had said."""
    return "".join(p for p in readable(pieces) if not isinstance(p, Note))
