"""Answers shaped the way real models and servers give them, for the local model server to replay.

Each is what a deployment really sends for Rapport's question list or thank-you: reasoning models on
Ollama or llama.cpp with no reasoning parser (`<think>` in the content, braces and all), vLLM with one
or DeepSeek's API (`reasoning_content` beside it), a server that takes `response_format` without
enforcing it (chatter and a fence), small models (a list of strings, labels as `**Trends:**`), an
answer cut at `max_tokens` or by a content filter, and a chatty plain-text message.
`FakeOpenAI.enqueue(answer)` streams one; `python -m tests.fakes.openai_server --answer think`
replays one for every request, for trying the app by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from tests.fakes.openai_server import QUESTIONS


@dataclass(frozen=True)
class Answer:
    """What the server streams: reasoning apart (`reasoning_content`) first, then the content, then
    the finish reason."""

    content: str
    reasoning: str = ""
    finish: str = "stop"


TEXTS = [q["text"] for q in QUESTIONS["questions"]]
QUESTIONS_JSON = json.dumps(QUESTIONS)
THINKING = ("Okay, the user wants nine questions for Ana as JSON like {\"questions\": [{\"category\": ..., "
            "\"text\": ...}]}. Rapport openers first: {teaching, service design}. Then TIARA - trends at "
            "Ledgerly, a week in her team, advice for a teacher, resources, a small assignment. Then an offer "
            "and whom else to meet. Keep each one short.")
THANKS = {
    "subject": "Thank you for your time, Ana",
    "body": ("Hi Ana,\n\nThank you for making time to talk with me about research ops at Ledgerly. Your advice "
             "to join the research ops community was exactly what I needed, and I signed up this morning.\n\n"
             "As promised, I will send you my workshop facilitation checklist by Friday.\n\nWarmly,\nSam"),
}
THANKS_JSON = json.dumps(THANKS)


def _cut(text: str, share: float = 0.6) -> str:
    return text[: int(len(text) * share)]


QUESTION_ANSWERS = {
    "think": Answer(f"<think>\n{THINKING}\n</think>\n\n{QUESTIONS_JSON}"),
    "reasoning_content": Answer(QUESTIONS_JSON, reasoning=THINKING),
    "fenced": Answer("Sure! Here are nine questions tailored to your meeting with Ana:\n\n```json\n"
                     + json.dumps(QUESTIONS, indent=2) + "\n```\n\nI kept the {rapport} openers first. Let me "
                     "know if you'd like more questions on any TIARA category!"),
    "strings": Answer(json.dumps({"questions": TEXTS})),
    "labels": Answer("Here are some tailored questions for your chat with Ana:\n\n"
                     "1. **Trends:** Where is research ops heading at Ledgerly over the next two years?\n"
                     "2. **Insights:** What does a week look like for a researcher on your team?\n"
                     "3. **Advice:** What would you do first in my place, coming from the classroom?\n"
                     "4. **Resources:** Which research communities in fintech are worth joining?\n"
                     "5. **Assignments:** Is there a small study I could run to test my fit for this work?\n"
                     "6. **Closing:** Who else at Ledgerly would you suggest I speak to?\n\n"
                     "Good luck with your conversation!"),
    "sections": Answer("### Trends\n- Where is research ops heading at Ledgerly over the next two years?\n"
                       "### TIARA - Insights\n- What does a week look like for a researcher on your team?\n"
                       "Advice:\n- What would you do first in my place, coming from the classroom?\n"
                       "[Resources] Which research communities in fintech are worth joining?\n"
                       "- Assignment: Is there a small study I could run to test my fit for this work?\n"
                       "- **Offer of help**: Could I share my workshop facilitation checklist with your team?\n"),
    "cut": Answer(_cut(QUESTIONS_JSON), finish="length"),
    "filtered": Answer(_cut(QUESTIONS_JSON, 0.3), finish="content_filter"),
    "thinking_cut": Answer(f"<think>\n{THINKING}", finish="length"),
}

THANK_YOU_ANSWERS = {
    "think": Answer(f"<think>\nAna gave advice: {{join the research ops community}}. Answer as "
                    f"{{\"subject\": ..., \"body\": ...}}.\n</think>\n{THANKS_JSON}"),
    "reasoning_content": Answer(THANKS_JSON, reasoning="Ana's advice was the community; the promise is the checklist."),
    "fenced": Answer(f"Here is the thank-you as JSON:\n```json\n{json.dumps(THANKS, indent=2)}\n```\nHope this helps!"),
    "cut": Answer(_cut(THANKS_JSON, 0.5), finish="length"),
    "chatty": Answer("Sure! Here's a warm thank-you email you can send:\n\n"
                     f"Subject: {THANKS['subject']}\n\n{THANKS['body']}\n\n"
                     "Feel free to adjust the details so it sounds like you. Let me know if you'd like a "
                     "shorter version for LinkedIn!"),
}
