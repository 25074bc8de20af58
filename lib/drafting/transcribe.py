"""Voice memos into text through the same OpenAI-compatible client as drafting: `/v1/audio/transcriptions`
(OpenAI, whisper.cpp's server, faster-whisper servers, LocalAI, Groq).

The memo is checked before it is sent - that it is audio at all (by its first bytes, not its name) and that it
is under the server's size limit - and it is never written anywhere: it goes from memory to the server, and
only the text comes back. Every failure is a DraftError with one sentence that says what to do.
"""

from __future__ import annotations

from pathlib import Path

import httpx2
import openai

from lib import config
from lib.drafting import errors, provider
from lib.drafting.settings import ModelSettings

READ_TIMEOUT = 120.0  # a few minutes of speech takes a CPU whisper server a while
MIME = {"m4a": "audio/mp4", "mp4": "audio/mp4", "mp3": "audio/mpeg", "wav": "audio/wav", "webm": "audio/webm",
        "ogg": "audio/ogg", "flac": "audio/flac"}
SET_UP = ("No transcription server is set up: set OPENAI_API_KEY for OpenAI, or OPENAI_BASE_URL for a local "
          "whisper server (whisper.cpp's `whisper-server`, faster-whisper-server, LocalAI), and "
          "RAPPORT_TRANSCRIBE_MODEL if it names its model differently. Typed notes work without one.")


class NotAudio(errors.DraftError):
    outcome = "not_audio"


class TooLarge(errors.DraftError):
    outcome = "too_large"


def kind_of(content: bytes) -> str | None:
    """The audio format by its first bytes (m4a, mp3, wav, webm, ogg, flac), or None for anything else."""
    head = content[:16]
    if head[4:8] == b"ftyp":
        return "m4a"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"fLaC"):
        return "flac"
    return None


def check(name: str, content: bytes, limit: int | None = None) -> str:
    """The memo's format, or a NotAudio / TooLarge that says so before anything is sent."""
    limit = config.max_audio_bytes() if limit is None else limit
    kind = kind_of(content)
    if kind is None:
        raise NotAudio(f"{Path(name).name or 'That file'} is not a voice memo Rapport can send: use m4a, mp3, "
                       "wav or webm (a phone's recorder saves one of these).")
    if len(content) > limit:
        raise TooLarge(f"The memo is {len(content) / 1_048_576:.1f} MB; the server takes at most "
                       f"{limit / 1_048_576:.0f} MB. Record a shorter memo, or export it at a lower quality "
                       "(or raise RAPPORT_MAX_AUDIO_MB if your server takes more).")
    return kind


def transcribe(settings: ModelSettings, name: str, content: bytes, model: str | None = None,
               http_client: httpx2.Client | None = None, read_timeout: float = READ_TIMEOUT,
               retries: int = provider.RETRIES) -> str:
    """The memo's words, as the server heard them; raises a DraftError that says what to do."""
    if not settings.configured:
        raise errors.NoKey(SET_UP)
    kind = check(name, content)
    model = model or config.transcribe_model()
    upload = (f"{Path(name).stem or 'memo'}.{kind}", content, MIME[kind])
    client = provider.client(settings, http_client, read_timeout, retries)
    try:
        result = client.audio.transcriptions.create(model=model, file=upload, response_format="json")
    except openai.OpenAIError as error:
        raise _translate(error, settings, model, read_timeout) from error
    text = result if isinstance(result, str) else getattr(result, "text", "")
    return (text or "").strip()


def _translate(error: Exception, settings: ModelSettings, model: str, read_timeout: float) -> errors.DraftError:
    """A transcription failure in words about audio, not chat (the chat provider's words for the rest)."""
    where = settings.endpoint
    status = getattr(error, "status_code", None)
    said = provider.server_said(error, settings) if isinstance(error, openai.APIStatusError) else ""
    quoted = f" The server said: “{said}”" if said else ""
    if status == 404 and not provider.MODEL_WORDS.search(said):
        return errors.Unreachable(f"{where} has no audio transcription endpoint (/v1/audio/transcriptions). Point "
                                  f"OPENAI_BASE_URL at a server that transcribes (whisper.cpp's server, "
                                  f"faster-whisper-server, LocalAI, Groq, OpenAI), or type your notes.{quoted}")
    if status in (404, 400) and provider.MODEL_WORDS.search(said) and "format" not in said.lower():
        return errors.UnknownModel(f"{where} does not transcribe with '{model}'. Set RAPPORT_TRANSCRIBE_MODEL to "
                                   f"a model it has (whisper-1 on OpenAI, whisper-large-v3 on Groq).{quoted}")
    if status == 413:
        return TooLarge(f"The server refused the memo as too large (413). Record a shorter memo, or set "
                        f"RAPPORT_MAX_AUDIO_MB to the server's limit so Rapport says so first.{quoted}")
    if status in (400, 415):
        return NotAudio(f"The server could not read the memo as audio ({status}). Try m4a, mp3 or wav.{quoted}")
    if isinstance(error, openai.APITimeoutError):
        return errors.TimedOut(f"The transcription server did not answer within {read_timeout:g} seconds. Try "
                               "again, record a shorter memo, or type your notes.")
    return provider.translate(error, settings, read_timeout=read_timeout)
