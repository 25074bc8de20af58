"""lib/drafting/transcribe.py against the real local server: a multipart upload, as OpenAI's API takes it."""

from __future__ import annotations

import struct

import pytest

from lib.drafting import errors, transcribe
from lib.drafting.settings import ModelSettings

KEY = "sk-test-transcribe-0123456789"


def wav(seconds: float = 0.1) -> bytes:
    """A real, silent 16 kHz mono WAV file."""
    frames = b"\0\0" * int(16000 * seconds)
    header = b"RIFF" + struct.pack("<I", 36 + len(frames)) + b"WAVEfmt " + struct.pack(
        "<IHHIIHH", 16, 1, 1, 16000, 32000, 2, 16) + b"data" + struct.pack("<I", len(frames))
    return header + frames


def settings(url: str | None, key: str | None = KEY) -> ModelSettings:
    return ModelSettings(key, url, "fake-model", "test")


def test_a_memo_is_sent_as_a_multipart_upload_with_the_model_and_comes_back_as_text(fake_llm) -> None:
    fake_llm.transcript = "  Advice: read Just Enough Research.  "
    memo = wav()
    text = transcribe.transcribe(settings(fake_llm.url), "Recording 12.wav", memo, model="whisper-1", retries=0)
    assert text == "Advice: read Just Enough Research."
    upload = fake_llm.uploads[-1]
    assert upload["content_type"].startswith("multipart/form-data; boundary=")
    assert upload["model"] == "whisper-1" and upload["response_format"] == "json"
    assert upload["filename"] == "Recording 12.wav" and upload["type"] == "audio/wav"
    assert upload["content"] == memo
    assert fake_llm.requests[-1]["headers"]["authorization"] == f"Bearer {KEY}"


def test_the_model_comes_from_rapport_transcribe_model(fake_llm, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORT_TRANSCRIBE_MODEL", "whisper-large-v3")
    transcribe.transcribe(settings(fake_llm.url), "memo.wav", wav(), retries=0)
    assert fake_llm.uploads[-1]["model"] == "whisper-large-v3"


@pytest.mark.parametrize(("head", "kind"), [(b"\0\0\0\x20ftypM4A ", "m4a"), (b"ID3\x04\0\0\0\0", "mp3"),
                                            (b"\xff\xfb\x90\x00", "mp3"), (b"\x1a\x45\xdf\xa3\x9f", "webm"),
                                            (b"OggS\0\2", "ogg")])
def test_audio_is_known_by_its_first_bytes_not_its_name(head: bytes, kind: str) -> None:
    assert transcribe.kind_of(head + b"\0" * 32) == kind


def test_a_file_that_is_not_audio_is_refused_before_anything_is_sent(fake_llm) -> None:
    with pytest.raises(transcribe.NotAudio, match="notes.pdf is not a voice memo"):
        transcribe.transcribe(settings(fake_llm.url), "notes.pdf", b"%PDF-1.7 hello", retries=0)
    assert fake_llm.uploads == []


def test_a_memo_over_the_size_limit_is_said_before_sending(fake_llm, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORT_MAX_AUDIO_MB", "0.001")
    with pytest.raises(transcribe.TooLarge, match=r"the server takes at most 0 MB") as raised:
        transcribe.transcribe(settings(fake_llm.url), "memo.wav", wav(1), retries=0)
    assert "RAPPORT_MAX_AUDIO_MB" in raised.value.message
    assert fake_llm.uploads == []


def test_a_server_that_refuses_it_as_too_large_says_so(fake_llm) -> None:
    fake_llm.max_audio_bytes = 100
    with pytest.raises(transcribe.TooLarge, match="413"):
        transcribe.transcribe(settings(fake_llm.url), "memo.wav", wav(), retries=0)


def test_a_server_without_the_audio_endpoint_says_where_to_point_instead(fake_llm) -> None:
    fake_llm.serve_audio = False
    with pytest.raises(errors.Unreachable, match="no audio transcription endpoint"):
        transcribe.transcribe(settings(fake_llm.url), "memo.wav", wav(), retries=0)


def test_a_wrong_key_is_one_sentence_without_the_key(fake_llm) -> None:
    fake_llm.mode = "unauthorized"
    with pytest.raises(errors.WrongKey) as raised:
        transcribe.transcribe(settings(fake_llm.url), "memo.wav", wav(), retries=0)
    assert "refused the API key" in raised.value.message and KEY not in raised.value.message


def test_a_server_that_cannot_read_the_audio_says_so(fake_llm) -> None:
    # Named m4a and starting like one, but the server cannot decode it.
    with pytest.raises(transcribe.NotAudio, match="could not read the memo as audio"):
        transcribe.transcribe(settings(fake_llm.url), "memo.mp3", b"ID3\x04" + b"\0" * 64, retries=0)


def test_a_timeout_is_one_sentence(fake_llm) -> None:
    fake_llm.mode = "hang"
    with pytest.raises(errors.TimedOut, match="did not answer within 0.5 seconds"):
        transcribe.transcribe(settings(fake_llm.url), "memo.wav", wav(), read_timeout=0.5, retries=0)


def test_with_no_server_set_up_it_says_how_to_set_one_up() -> None:
    with pytest.raises(errors.NoKey, match="whisper"):
        transcribe.transcribe(settings(None, None), "memo.wav", wav())


def test_the_model_may_come_from_the_secrets_file_and_defaults_to_whisper_1(tmp_path, monkeypatch) -> None:
    from lib import config

    monkeypatch.delenv("RAPPORT_TRANSCRIBE_MODEL", raising=False)
    monkeypatch.setenv("RAPPORT_SECRETS", str(tmp_path / "none.toml"))
    assert config.transcribe_model() == "whisper-1"
    (tmp_path / "secrets.toml").write_text('RAPPORT_TRANSCRIBE_MODEL = "whisper-large-v3"\n')
    monkeypatch.setenv("RAPPORT_SECRETS", str(tmp_path / "secrets.toml"))
    assert config.transcribe_model() == "whisper-large-v3"
