"""lib/drafting/provider.py against a real local OpenAI-compatible server: every way it can fail."""

from __future__ import annotations

import pytest

from lib.drafting import errors
from lib.drafting.provider import OpenAIProvider
from lib.drafting.settings import ModelSettings
from tests.fakes.openai_server import MODEL

MESSAGES = [{"role": "user", "content": "Write questions"}]
SCHEMA = {"type": "object", "properties": {"questions": {"type": "array"}}}


def provider(url: str, key: str | None = "sk-test-1234567890", **kwargs) -> OpenAIProvider:
    return OpenAIProvider(ModelSettings(key, url, MODEL, "test"), retries=0, **kwargs)


def test_text_streams_in_pieces_with_the_key_the_schema_and_usage(fake_llm) -> None:
    fake_llm.enqueue('{"questions": [{"category": "trends", "text": "Where is fintech heading?"}]}')
    model = provider(fake_llm.url)
    pieces = list(model.stream(MESSAGES, SCHEMA))
    assert len(pieces) > 3 and "".join(pieces).startswith('{"questions"')
    sent = fake_llm.requests[-1]
    assert sent["headers"]["authorization"] == "Bearer sk-test-1234567890"
    assert sent["body"]["stream"] is True and sent["body"]["model"] == MODEL
    assert sent["body"]["response_format"]["type"] == "json_schema"
    assert model.usage[0] and model.usage[1]


def test_a_server_without_response_format_is_asked_again_for_plain_text(fake_llm) -> None:
    fake_llm.mode = "no_response_format"
    model = provider(fake_llm.url)
    assert "".join(model.stream(MESSAGES, SCHEMA))
    assert "response_format" in fake_llm.requests[-2]["body"]
    assert "response_format" not in fake_llm.requests[-1]["body"]
    assert model.structured is False


@pytest.mark.parametrize(("mode", "error", "says"), [
    ("unauthorized", errors.WrongKey, "refused the API key (401)"),
    ("unknown_model", errors.UnknownModel, "does not serve the model 'fake-model' (404)"),
    ("rate_limited", errors.RateLimited, "limiting requests (429)"),
    ("server_error", errors.ServerFailed, "The model server failed (500)"),
])
def test_each_http_failure_gets_its_own_message(fake_llm, mode, error, says) -> None:
    fake_llm.mode = mode
    with pytest.raises(error) as caught:
        list(provider(fake_llm.url).stream(MESSAGES))
    assert says in caught.value.message


def test_a_server_that_never_answers_times_out(fake_llm) -> None:
    fake_llm.mode = "hang"
    with pytest.raises(errors.TimedOut, match="did not answer within 0.3 seconds"):
        list(provider(fake_llm.url, read_timeout=0.3).stream(MESSAGES))


def test_a_refused_connection_says_to_start_the_server(unused_port_url) -> None:
    with pytest.raises(errors.Unreachable, match="Could not reach .*ollama serve"):
        list(provider(unused_port_url).stream(MESSAGES))


def test_a_stream_cut_half_way_keeps_the_partial_text(fake_llm) -> None:
    fake_llm.mode = "cut"
    fake_llm.enqueue("1. [Trends] Where is the field heading?\n2. [Insights] What is a week like for you?")
    received = []
    with pytest.raises(errors.StreamCut) as caught:
        for piece in provider(fake_llm.url).stream(MESSAGES):
            received.append(piece)
    assert caught.value.partial == "".join(received)
    assert caught.value.partial.startswith("1. [Trends] Where")


def test_no_key_and_no_base_url_means_no_model(fake_llm) -> None:
    with pytest.raises(errors.NoKey, match="offline drafter works without one"):
        list(OpenAIProvider(ModelSettings(None, None, MODEL, "none")).stream(MESSAGES))


def test_a_local_server_needs_no_key(fake_llm) -> None:
    assert "".join(provider(fake_llm.url, key=None).stream(MESSAGES))
    assert fake_llm.requests[-1]["headers"]["authorization"] == "Bearer not-needed"


def test_test_connection_lists_the_models_and_names_a_missing_one(fake_llm) -> None:
    assert "'fake-model' is available" in provider(fake_llm.url).test_connection()
    other = OpenAIProvider(ModelSettings("sk", fake_llm.url, "llama9", "test"), retries=0)
    with pytest.raises(errors.UnknownModel, match="It serves: fake-model"):
        other.test_connection()


# -- servers no one here wrote: LiteLLM's 400s, no /models, escapes split across chunks ----------------

def test_a_400_for_an_unknown_model_is_not_taken_for_a_refused_response_format(fake_llm) -> None:
    fake_llm.unknown_model_status = 400  # as LiteLLM's proxy answers
    model = OpenAIProvider(ModelSettings("sk-test-1234567890", fake_llm.url, "no-such-model", "test"), retries=0)
    with pytest.raises(errors.UnknownModel) as caught:
        list(model.stream(MESSAGES, SCHEMA))
    assert len(fake_llm.requests) == 1  # no second try without response_format
    assert "does not serve the model 'no-such-model' (400)" in caught.value.message
    assert "The server said: “Invalid model name passed in model=no-such-model." in caught.value.message
    assert "Try again later" not in caught.value.message


def test_any_other_400_is_reported_with_the_servers_words(fake_llm) -> None:
    fake_llm.mode = "bad_request"
    with pytest.raises(errors.Refused, match="refused the request \\(400\\).*'max_tokens' must be at most 4096"):
        list(provider(fake_llm.url).stream(MESSAGES, SCHEMA))
    assert len(fake_llm.requests) == 1


def test_a_refused_key_is_never_repeated_even_when_the_server_echoes_it(fake_llm) -> None:
    fake_llm.mode = "unauthorized"
    with pytest.raises(errors.WrongKey) as caught:
        list(provider(fake_llm.url).stream(MESSAGES))
    assert "The server said: “Incorrect API key provided: …”" in caught.value.message
    assert "sk-test-1234567890" not in caught.value.message


def test_a_wrong_base_url_is_not_called_an_unknown_model(fake_llm) -> None:
    with pytest.raises(errors.Unreachable, match="no chat-completions endpoint there \\(404\\).*ends in /v1"):
        list(provider(fake_llm.url + "/v2").stream(MESSAGES))


def test_test_connection_drafts_one_token_where_the_server_lists_no_models(fake_llm) -> None:
    fake_llm.serve_models = False
    said = provider(fake_llm.url).test_connection()
    assert "'fake-model' answered a one-token test (the server does not list its models)" in said
    assert fake_llm.requests[-1]["body"]["max_tokens"] == 1
    missing = OpenAIProvider(ModelSettings("sk", fake_llm.url, "llama9", "test"), retries=0)
    with pytest.raises(errors.UnknownModel, match="does not serve the model 'llama9' \\(404\\)"):
        missing.test_connection()


def test_one_client_serves_every_draft_with_the_same_settings(fake_llm) -> None:
    from lib.drafting.provider import client

    same = ModelSettings("sk-one", fake_llm.url, MODEL, "test")
    assert client(same) is client(ModelSettings("sk-one", fake_llm.url, MODEL, "test"))
    assert client(same) is not client(ModelSettings("sk-two", fake_llm.url, MODEL, "test"))


# -- answers as real models give them (tests/fakes/answers.py) -----------------------------------------

def test_reasoning_sent_apart_streams_as_reasoning_never_as_the_answer(fake_llm) -> None:
    from lib.drafting.answers import Reasoning
    from tests.fakes.answers import QUESTION_ANSWERS, QUESTIONS_JSON

    fake_llm.enqueue(QUESTION_ANSWERS["reasoning_content"])
    pieces = list(provider(fake_llm.url).stream(MESSAGES, SCHEMA))
    assert "".join(p for p in pieces if not isinstance(p, Reasoning)) == QUESTIONS_JSON
    assert "Rapport openers first" in "".join(p for p in pieces if isinstance(p, Reasoning))
    assert isinstance(pieces[0], Reasoning)


@pytest.mark.parametrize(("shape", "says"), [
    ("cut", "The model stopped at its length limit before the draft was finished."),
    ("filtered", "The server's content filter stopped the answer before the draft was finished."),
    ("thinking_cut", "The model reached its length limit while still thinking, before it wrote the draft."),
])
def test_an_answer_the_server_cut_short_is_never_passed_off_as_whole(fake_llm, shape, says) -> None:
    from tests.fakes.answers import QUESTION_ANSWERS

    fake_llm.enqueue(QUESTION_ANSWERS[shape])
    received = []
    with pytest.raises(errors.Truncated) as caught:
        for piece in provider(fake_llm.url).stream(MESSAGES, SCHEMA):
            received.append(piece)
    assert says in caught.value.message and "kept below, marked as incomplete" in caught.value.message
    assert caught.value.partial == "".join(received) == QUESTION_ANSWERS[shape].content
    assert caught.value.outcome == QUESTION_ANSWERS[shape].finish


def test_the_one_token_test_asks_with_max_completion_tokens_where_max_tokens_is_refused(fake_llm) -> None:
    fake_llm.serve_models = False
    fake_llm.mode = "no_max_tokens"  # OpenAI's reasoning models
    said = provider(fake_llm.url).test_connection()
    assert "answered a one-token test" in said
    assert fake_llm.requests[-2]["body"]["max_tokens"] == 1
    assert fake_llm.requests[-1]["body"]["max_completion_tokens"] == 1 and "max_tokens" not in fake_llm.requests[-1]["body"]


@pytest.mark.parametrize("echo", ["plain", "upper", "split", "base64"])
def test_a_key_echoed_in_any_disguise_is_never_repeated_or_logged(fake_llm, db, echo: str) -> None:
    import base64

    from lib.drafting import calls

    fake_llm.mode, fake_llm.echo = "unauthorized", echo
    with pytest.raises(errors.WrongKey) as caught:
        list(provider(fake_llm.url).stream(MESSAGES))
    calls.record(db, "openai", "fake-model", "questions", 5, caught.value.outcome, detail=caught.value.message)
    stored = " ".join(str(v) for v in calls.last(db).values())
    key = "sk-test-1234567890"
    for shown in (caught.value.message, stored):
        assert key not in shown and key.upper() not in shown and key[10:] not in shown
        assert base64.b64encode(key.encode()).decode()[:12] not in shown
    assert "Incorrect API key provided: …" in caught.value.message  # what the user reads: the key taken out


def test_redaction_leaves_text_without_the_key_as_it_was() -> None:
    from lib.drafting.provider import redact

    said = "Model 'llama3.1' not found; try `ollama pull llama3.1` (base64 aGVsbG8gd29ybGQ=)"
    assert redact(said, "sk-test-1234567890") == said
