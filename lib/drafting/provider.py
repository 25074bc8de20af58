"""The OpenAI-compatible provider: OpenAI, Azure, Ollama, llama.cpp, vLLM, LM Studio.

One factory builds the client (connect timeout 5 s, read 60 s, two retries). Streaming yields text as
it arrives; structured output is asked for with a JSON schema and, if the server says it refuses
`response_format`, asked for again as plain text (any other 400 is reported as it is). Every failure
becomes a DraftError that says what to do, with the server's own words (trimmed, never the key), and
keeps any partial text.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import httpx2
import openai

from lib.drafting import answers, errors
from lib.drafting.settings import ModelSettings

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 60.0
RETRIES = 2
NAME = "openai"
SAID_LIMIT = 240
# What servers say when they refuse structured output (OpenAI, vLLM, llama.cpp, LM Studio, LiteLLM).
FORMAT_REFUSAL = re.compile(r"response_format|response format|json_schema|json schema|structured output|"
                            r"json mode|guided", re.IGNORECASE)
MODEL_WORDS = re.compile(r"\bmodel", re.IGNORECASE)
CUT_SHORT = ("length", "content_filter")
# What a server says when a model takes max_completion_tokens instead (OpenAI's reasoning models).
MAX_TOKENS_REFUSED = re.compile(r"max_completion_tokens|max_tokens.{0,40}(?:not supported|unsupported)",
                                re.IGNORECASE)


def _reasoning(delta: Any) -> str:
    """Reasoning a server streams beside the answer (`reasoning_content`, or `reasoning`)."""
    for name in ("reasoning_content", "reasoning"):
        value = getattr(delta, name, None) if delta is not None else None
        if isinstance(value, str) and value:
            return value
    return ""


def cut_short(reason: str, partial: str, thought: bool = False) -> errors.Truncated:
    """An answer the server ended before the draft was done, said plainly with what to do."""
    if reason == "content_filter":
        return errors.Truncated("The server's content filter stopped the answer before the draft was "
                                "finished. The part that arrived is kept below, marked as incomplete. Reword "
                                "any notes it may have flagged and try again, or take the offline draft.",
                                partial, reason)
    thinking = thought or answers.OPENED.search(partial)
    stopped = ("The model reached its length limit while still thinking, before it wrote the draft."
               if thinking and not answers.without_reasoning(partial).strip()
               else "The model stopped at its length limit before the draft was finished.")
    return errors.Truncated(f"{stopped} "
                            "The part that arrived is kept below, marked as incomplete. Try again, raise the "
                            "server's output limit (max tokens; for Ollama, num_predict), or take the offline "
                            "draft.", partial, reason)


def server_said(error: Exception, settings: ModelSettings) -> str:
    """The server's own message, trimmed to a sentence's length and with the key taken out."""
    body = getattr(error, "body", None)
    said = ""
    if isinstance(body, dict):
        inner = body.get("error", body)
        said = str(inner.get("message", "") if isinstance(inner, dict) else inner or "")
    elif isinstance(body, str):
        said = body
    said = " ".join((said or getattr(error, "message", "") or "").split())
    said = redact(said, settings.api_key)
    return said if len(said) <= SAID_LIMIT else said[:SAID_LIMIT - 1].rstrip() + "…"


KEY_PIECE = 8  # any run this long of the key, in any case, counts as the key
_TOKEN = re.compile(r"[A-Za-z0-9+/_-]{12,}={0,2}")


def redact(text: str, secret: str | None) -> str:
    """`text` with every trace of the key taken out: any 8-character piece of it in any case (an upper-cased
    or split echo), and any base64 token that decodes to such a piece. Servers' words reach the call log,
    exports and backups, so an exact-match replace was not enough."""
    if not secret or not text:
        return text
    if len(secret) < KEY_PIECE:
        return text.replace(secret, "…")
    pieces = {secret[i:i + KEY_PIECE].lower() for i in range(len(secret) - KEY_PIECE + 1)}
    lowered, hidden = text.lower(), [False] * len(text)
    for i in range(len(text) - KEY_PIECE + 1):
        if lowered[i:i + KEY_PIECE] in pieces:
            hidden[i:i + KEY_PIECE] = [True] * KEY_PIECE
    for token in _TOKEN.finditer(text):
        try:
            decoded = base64.b64decode(token.group() + "=" * (-len(token.group()) % 4), altchars=b"-_").decode(
                "latin-1").lower()
        except ValueError:
            continue
        if any(piece in decoded for piece in pieces):
            hidden[token.start():token.end()] = [True] * (token.end() - token.start())
    kept = "".join("\0" if gone else char for char, gone in zip(text, hidden, strict=True))
    return re.sub("\0+", "…", kept)


def _quote(said: str) -> str:
    return f" The server said: “{said}”" if said else ""


def client(settings: ModelSettings, http_client: httpx2.Client | None = None,
           read_timeout: float = READ_TIMEOUT, retries: int = RETRIES) -> openai.OpenAI:
    """The one place an OpenAI client is made; one per settings value, kept (a new one loads the system's
    certificates, 40 ms between the click and the request)."""
    if http_client is not None:  # a test's own transport: never shared
        return _new_client(settings.api_key, settings.base_url, http_client, read_timeout, retries)
    return _shared_client(settings.api_key, settings.base_url, read_timeout, retries)


@lru_cache(maxsize=8)
def _shared_client(api_key: str | None, base_url: str | None, read_timeout: float, retries: int) -> openai.OpenAI:
    return _new_client(api_key, base_url, None, read_timeout, retries)


def _new_client(api_key: str | None, base_url: str | None, http_client: httpx2.Client | None,
                read_timeout: float, retries: int) -> openai.OpenAI:
    return openai.OpenAI(
        api_key=api_key or "not-needed",  # local servers such as Ollama ignore the key
        base_url=base_url, max_retries=retries, http_client=http_client,
        timeout=httpx2.Timeout(read_timeout, connect=CONNECT_TIMEOUT))


def translate(error: Exception, settings: ModelSettings, partial: str = "",
              read_timeout: float = READ_TIMEOUT) -> errors.DraftError:
    """A client exception as the message the user reads."""
    where = settings.endpoint
    said = _quote(server_said(error, settings)) if isinstance(error, openai.APIStatusError) else ""
    if isinstance(error, openai.AuthenticationError):
        return errors.WrongKey(f"{where} refused the API key (401). Check OPENAI_API_KEY, or paste the "
                               f"right key in Settings.{said}", partial)
    about_model = isinstance(error, openai.APIStatusError) and MODEL_WORDS.search(server_said(error, settings))
    if isinstance(error, openai.NotFoundError | openai.BadRequestError) and about_model:
        return errors.UnknownModel(f"{where} does not serve the model '{settings.model}' "
                                   f"({error.status_code}). Choose a model it has in Settings, or set "
                                   f"RAPPORT_LLM_MODEL.{said}", partial)
    if isinstance(error, openai.NotFoundError):
        return errors.Unreachable(f"{where} has no chat-completions endpoint there (404). Check the base "
                                  f"URL: it usually ends in /v1.{said}", partial)
    if isinstance(error, openai.BadRequestError):
        return errors.Refused(f"{where} refused the request (400). Check the model and endpoint in "
                              f"Settings.{said}", partial)
    if isinstance(error, openai.RateLimitError):
        return errors.RateLimited(f"{where} is limiting requests (429). Wait a minute and try again, or "
                                  f"take the offline draft.{said}", partial)
    if isinstance(error, openai.APIStatusError):
        return errors.ServerFailed(f"The model server failed ({error.status_code}). Try again later, or "
                                   f"take the offline draft.{said}", partial)
    if isinstance(error, openai.APITimeoutError):
        return errors.TimedOut(f"The model did not answer within {read_timeout:g} seconds. Try again, "
                               "or take the offline draft.", partial)
    if isinstance(error, openai.APIConnectionError):
        if partial:
            return errors.StreamCut("The answer stopped half-way. The part that arrived is kept below, "
                                    "marked as incomplete.", partial)
        return errors.Unreachable(f"Could not reach {where}. Is the server running? (For Ollama: "
                                  "`ollama serve`.) Or take the offline draft.", partial)
    return errors.DraftError(f"The model call failed: {error}", partial)


class OpenAIProvider:
    """Streams chat completions from an OpenAI-compatible server."""

    name = NAME

    def __init__(self, settings: ModelSettings, http_client: httpx2.Client | None = None,
                 read_timeout: float = READ_TIMEOUT, retries: int = RETRIES) -> None:
        self.settings = settings
        self.model = settings.model
        self._client = client(settings, http_client, read_timeout, retries)
        self.read_timeout = read_timeout
        self.usage: tuple[int | None, int | None] = (None, None)
        self.structured = True

    def stream(self, messages: list[dict[str, str]], schema: dict[str, Any] | None = None,
               schema_name: str = "draft") -> Iterator[str]:
        """Text as it arrives; raises a DraftError (with the partial text) on any failure."""
        if not self.settings.configured:
            raise errors.NoKey("No model is set up: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local "
                               "server such as Ollama), or paste a key in Settings. The offline drafter "
                               "works without one.")
        request: dict[str, Any] = {"model": self.model, "messages": messages, "stream": True,
                                   "stream_options": {"include_usage": True}}
        if schema:
            request["response_format"] = {"type": "json_schema", "json_schema": {
                "name": schema_name, "schema": schema, "strict": True}}
        try:
            response = self._client.chat.completions.create(**request)
        except openai.BadRequestError as error:
            if not schema or not FORMAT_REFUSAL.search(server_said(error, self.settings)):
                raise translate(error, self.settings, read_timeout=self.read_timeout) from error
            self.structured = False  # the server does not take response_format: ask for plain text
            request.pop("response_format")
            try:
                response = self._client.chat.completions.create(**request)
            except openai.OpenAIError as second:
                raise translate(second, self.settings, read_timeout=self.read_timeout) from second
        except openai.OpenAIError as error:
            raise translate(error, self.settings, read_timeout=self.read_timeout) from error
        yield from self._read(response)

    def _read(self, response: Any) -> Iterator[str]:
        received, finished, thought = [], "", False
        try:
            for chunk in response:
                if getattr(chunk, "usage", None):
                    self.usage = (chunk.usage.prompt_tokens, chunk.usage.completion_tokens)
                for choice in chunk.choices or []:
                    reasoning = _reasoning(choice.delta)
                    if reasoning:  # vLLM's reasoning parser, DeepSeek's API, Ollama: apart from the answer
                        thought = True
                        yield answers.Reasoning(reasoning)
                    if choice.delta and isinstance(choice.delta.content, str) and choice.delta.content:
                        received.append(choice.delta.content)
                        yield choice.delta.content
                    if choice.finish_reason:
                        finished = str(choice.finish_reason)
        except (openai.OpenAIError, httpx2.HTTPError) as error:
            raise translate(error if isinstance(error, openai.OpenAIError)
                            else openai.APIConnectionError(request=None),  # type: ignore[arg-type]
                            self.settings,
                            "".join(received)) from error
        if not finished:
            raise errors.StreamCut("The answer stopped half-way. The part that arrived is kept below, "
                                   "marked as incomplete.", "".join(received))
        if finished in CUT_SHORT:
            raise cut_short(finished, "".join(received), thought)

    def test_connection(self) -> str:
        """List the server's models; where it has no list, or the model is not on it, ask for one token."""
        if not self.settings.configured:
            raise errors.NoKey("No model is set up: set OPENAI_API_KEY or OPENAI_BASE_URL.")
        try:
            served = [m.id for m in self._client.models.list()]
        except openai.AuthenticationError as error:
            raise translate(error, self.settings, read_timeout=self.read_timeout) from error
        except (openai.NotFoundError, openai.UnprocessableEntityError, openai.APIStatusError) as error:
            if getattr(error, "status_code", 0) not in (404, 405, 422, 501):
                raise translate(error, self.settings, read_timeout=self.read_timeout) from error
            self._one_token()  # several local servers serve chat without listing models
            return (f"Connected to {self.settings.endpoint}; '{self.model}' answered a one-token test "
                    "(the server does not list its models).")
        except openai.OpenAIError as error:
            raise translate(error, self.settings, read_timeout=self.read_timeout) from error
        if self.model in served:
            return f"Connected to {self.settings.endpoint}; '{self.model}' is available."
        try:
            self._one_token()  # aliases and routers serve names they do not list
        except errors.DraftError as error:
            raise errors.UnknownModel(f"Connected to {self.settings.endpoint}, but it does not serve "
                                      f"'{self.model}'. It serves: {', '.join(served[:10]) or 'nothing'}.") from error
        return (f"Connected to {self.settings.endpoint}; '{self.model}' answered a one-token test "
                "(it is not in the server's list of models).")

    def _one_token(self) -> None:
        """A one-token answer; where the server refuses `max_tokens` (OpenAI's reasoning models), asked
        again with `max_completion_tokens`."""
        ask: dict[str, Any] = {"model": self.model, "messages": [{"role": "user", "content": "Say OK."}]}
        try:
            self._client.chat.completions.create(**ask, max_tokens=1)
        except openai.BadRequestError as error:
            if not MAX_TOKENS_REFUSED.search(server_said(error, self.settings)):
                raise translate(error, self.settings, read_timeout=self.read_timeout) from error
            try:
                self._client.chat.completions.create(**ask, max_completion_tokens=1)
            except openai.OpenAIError as second:
                raise translate(second, self.settings, read_timeout=self.read_timeout) from second
        except openai.OpenAIError as error:
            raise translate(error, self.settings, read_timeout=self.read_timeout) from error
