"""The OpenAI-compatible provider: OpenAI, Azure, Ollama, llama.cpp, vLLM, LM Studio.

One factory builds the client (connect timeout 5 s, read 60 s, two retries). Streaming yields text as
it arrives; structured output is asked for with a JSON schema and, if the server refuses
`response_format`, asked for again as plain text. Every failure becomes a DraftError that says what
to do, keeping any partial text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx2
import openai

from lib.drafting import errors
from lib.drafting.settings import ModelSettings

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 60.0
RETRIES = 2
NAME = "openai"


def client(settings: ModelSettings, http_client: httpx2.Client | None = None,
           read_timeout: float = READ_TIMEOUT, retries: int = RETRIES) -> openai.OpenAI:
    """The one place an OpenAI client is made."""
    return openai.OpenAI(
        api_key=settings.api_key or "not-needed",  # local servers such as Ollama ignore the key
        base_url=settings.base_url, max_retries=retries, http_client=http_client,
        timeout=httpx2.Timeout(read_timeout, connect=CONNECT_TIMEOUT))


def translate(error: Exception, settings: ModelSettings, partial: str = "",
              read_timeout: float = READ_TIMEOUT) -> errors.DraftError:
    """A client exception as the message the user reads."""
    where = settings.endpoint
    if isinstance(error, openai.AuthenticationError):
        return errors.WrongKey(f"{where} refused the API key (401). Check OPENAI_API_KEY, or paste the "
                               "right key in Settings.", partial)
    if isinstance(error, openai.NotFoundError):
        return errors.UnknownModel(f"{where} does not serve the model '{settings.model}' (404). Choose a "
                                   "model it has in Settings, or set RAPPORT_LLM_MODEL.", partial)
    if isinstance(error, openai.RateLimitError):
        return errors.RateLimited(f"{where} is limiting requests (429). Wait a minute and try again, or "
                                  "take the offline draft.", partial)
    if isinstance(error, openai.APIStatusError):
        return errors.ServerFailed(f"The model server failed ({error.status_code}). Try again later, or "
                                   "take the offline draft.", partial)
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
            if not schema:
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
        received, finished = [], False
        try:
            for chunk in response:
                if getattr(chunk, "usage", None):
                    self.usage = (chunk.usage.prompt_tokens, chunk.usage.completion_tokens)
                for choice in chunk.choices or []:
                    if choice.delta and choice.delta.content:
                        received.append(choice.delta.content)
                        yield choice.delta.content
                    if choice.finish_reason:
                        finished = True
        except (openai.OpenAIError, httpx2.HTTPError) as error:
            raise translate(error if isinstance(error, openai.OpenAIError)
                            else openai.APIConnectionError(request=None), self.settings,
                            "".join(received)) from error
        if not finished:
            raise errors.StreamCut("The answer stopped half-way. The part that arrived is kept below, "
                                   "marked as incomplete.", "".join(received))

    def test_connection(self) -> str:
        """List the server's models and say whether the chosen one is among them."""
        if not self.settings.configured:
            raise errors.NoKey("No model is set up: set OPENAI_API_KEY or OPENAI_BASE_URL.")
        try:
            served = [m.id for m in self._client.models.list()]
        except openai.OpenAIError as error:
            raise translate(error, self.settings, read_timeout=self.read_timeout) from error
        if self.model in served:
            return f"Connected to {self.settings.endpoint}; '{self.model}' is available."
        raise errors.UnknownModel(f"Connected to {self.settings.endpoint}, but it does not serve "
                                  f"'{self.model}'. It serves: {', '.join(served[:10]) or 'nothing'}.")
