"""A real local HTTP server that speaks the OpenAI chat-completions protocol, for tests.

It streams Server-Sent Events like the real thing, answers /v1/models, records every request it
was sent, and can be told to fail in each way a real server fails: 401, 404, 429, 500, a read that
never finishes, a refused `response_format`, a stream cut half-way, or output of the wrong shape.
It can also behave like servers that differ from OpenAI's: no /v1/models (`serve_models = False`),
a 400 for an unknown model as LiteLLM's proxy answers (`unknown_model_status = 400`), and chunks of
any size (`chunk_size = 3` splits escapes such as \u2014 across chunks), and a model that refuses
`max_tokens` for `max_completion_tokens` as OpenAI's reasoning models do (`mode = "no_max_tokens"`).
It replays answers shaped as real models give them (`tests/fakes/answers.py`): reasoning in
`reasoning_content` before the content, and any finish reason (`length`, `content_filter`).
It also transcribes: `/v1/audio/transcriptions` takes a multipart upload as OpenAI's API does (fields
`model`, `response_format`, and the `file` part with its name and type), records what it got
(`uploads`), and answers `transcript`; it can have no such endpoint (`serve_audio = False`), a size limit
(`max_audio_bytes`, 413 above it), and refuse a file that is not audio (400, OpenAI's words).
The real `openai` client talks to it over HTTP (respx cannot intercept openai >= 3).
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections import deque
from email import policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

QUESTIONS = {"questions": [
    {"category": "rapport", "text": "How did your years in teaching shape the way you run research?"},
    {"category": "rapport", "text": "Your note on service design caught my eye - what started it?"},
    {"category": "trends", "text": "Where is research ops heading at Ledgerly over the next two years?"},
    {"category": "insights", "text": "What does a week look like for a researcher on your team?"},
    {"category": "advice", "text": "What would you do first in my place, coming from the classroom?"},
    {"category": "resources", "text": "Which research communities in fintech are worth joining?"},
    {"category": "assignments", "text": "Is there a small study I could run to test my fit for this work?"},
    {"category": "offer", "text": "Could I share my workshop facilitation checklist with your team?"},
    {"category": "closing", "text": "Who else at Ledgerly would you suggest I speak to?"},
]}
MODEL = "fake-model"


class FakeOpenAI:
    """Start with `FakeOpenAI().start()`; set `mode`, `enqueue()` replies, read `requests`."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.models = {MODEL}
        self.serve_models = True
        self.unknown_model_status = 404
        self.echo = "plain"  # how a 401 repeats the key: plain, upper, split or base64
        self.chunk_size = 12
        self.requests: list[dict[str, Any]] = []
        self.replies: deque[Any] = deque()
        self.always: Any = None  # an answer replayed for every request (trying the app by hand)
        self.serve_audio = True
        self.max_audio_bytes = 25 * 1024 * 1024
        self.transcript = "Talked to Priya. Advice: turn a school project into a case study."
        self.uploads: list[dict[str, Any]] = []
        self.release = threading.Event()  # a 'hang' request waits for this (or the client's timeout)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def enqueue(self, reply: Any) -> None:
        """The next completion: its content, or an `answers.Answer` (content, reasoning, finish reason)."""
        self.replies.append(reply)

    def _next_reply(self) -> tuple[str, str, str]:
        """(content, reasoning, finish reason) of the next completion."""
        reply = self.replies.popleft() if self.replies else self.always or json.dumps(QUESTIONS)
        if isinstance(reply, str):
            return reply, "", "stop"
        return reply.content, reply.reasoning, reply.finish

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def _json(self, status: int, payload: dict[str, Any]) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _error(self, status: int, message: str, kind: str) -> None:
                self._json(status, {"error": {"message": message, "type": kind, "code": kind}})

            def do_GET(self) -> None:
                fake.requests.append({"path": self.path, "headers": _headers(self.headers)})
                if fake.mode == "unauthorized":
                    return self._error(401, "Incorrect API key provided", "invalid_api_key")
                if self.path.rstrip("/").endswith("/models") and fake.serve_models:
                    return self._json(200, {"object": "list", "data": [
                        {"id": MODEL, "object": "model", "created": 0, "owned_by": "rapport-tests"}]})
                return self._error(404, "Not found", "not_found")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                if self.path == "/v1/audio/transcriptions":
                    return self._transcribe(raw)
                body = json.loads(raw or b"{}")
                fake.requests.append({"path": self.path, "headers": _headers(self.headers), "body": body})
                mode = fake.mode
                key = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if self.path != "/v1/chat/completions":
                    return self._error(404, "Not Found", "not_found")
                # Some servers echo the key they refused, some mangled; Rapport must never show it.
                shown = {"plain": key, "upper": key.upper(), "split": f"{key[:10]} {key[10:]}",
                         "base64": base64.b64encode(key.encode()).decode()}[fake.echo]
                failures = {"unauthorized": (401, f"Incorrect API key provided: {shown}", "invalid_api_key"),
                            "unknown_model": (404, f"The model '{body.get('model')}' does not exist",
                                              "model_not_found"),
                            "bad_request": (400, "'max_tokens' must be at most 4096", "invalid_request_error"),
                            "rate_limited": (429, "Rate limit reached", "rate_limit_exceeded"),
                            "server_error": (500, "The server had an error", "server_error")}
                if mode in failures:
                    return self._error(*failures[mode])
                if body.get("model") not in fake.models:
                    if fake.unknown_model_status == 400:  # LiteLLM's proxy, word for word
                        return self._error(400, f"Invalid model name passed in model={body.get('model')}. Call "
                                           "`/v1/models` to view available models for your key.", "400")
                    return self._error(404, f"The model `{body.get('model')}` does not exist or you do not "
                                       "have access to it.", "model_not_found")
                if mode == "no_max_tokens" and "max_tokens" in body:  # OpenAI's reasoning models, word for word
                    return self._json(400, {"error": {
                        "message": "Unsupported parameter: 'max_tokens' is not supported with this model. "
                                   "Use 'max_completion_tokens' instead.", "type": "invalid_request_error",
                        "param": "max_tokens", "code": "unsupported_parameter"}})
                if mode == "no_response_format" and "response_format" in body:
                    return self._error(400, "response_format is not supported", "invalid_request_error")
                if mode == "hang":
                    fake.release.wait(timeout=30)  # the client gives up first; then nobody is listening
                    return
                reply, reasoning, finish = ("Here are some thoughts, but no questions at all.", "", "stop") \
                    if mode == "bad_shape" else fake._next_reply()
                if not body.get("stream"):
                    return self._json(200, _completion(reply, body, reasoning, finish))
                self._stream(reply, body, cut=mode == "cut", reasoning=reasoning, finish=finish)

            def _transcribe(self, raw: bytes) -> None:
                """OpenAI's /v1/audio/transcriptions: a multipart form with the file and the model."""
                form = _multipart(self.headers.get("Content-Type", ""), raw)
                fake.requests.append({"path": self.path, "headers": _headers(self.headers),
                                      "body": {k: v for k, v in form.items() if k != "file"}})
                if fake.mode == "unauthorized":  # OpenAI repeats the refused key (partly masked; some servers not)
                    key = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    return self._error(401, f"Incorrect API key provided: {key}", "invalid_api_key")
                if not fake.serve_audio:
                    return self._error(404, "Not Found", "not_found")
                if fake.mode == "hang":
                    fake.release.wait(timeout=30)
                    return
                upload = form.get("file") or {}
                fake.uploads.append({"model": form.get("model"), "response_format": form.get("response_format"),
                                     "content_type": self.headers.get("Content-Type", "")} | upload)
                if len(upload.get("content", b"")) > fake.max_audio_bytes:
                    return self._error(413, "Maximum content size limit exceeded", "request_too_large")
                if upload.get("content", b"")[:4] not in (b"RIFF", b"ID3\x03", b"OggS", b"\x1a\x45\xdf\xa3") \
                        and upload.get("content", b"")[4:8] != b"ftyp":
                    return self._error(400, "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', "
                                       "'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']", "invalid_request_error")
                self._json(200, {"text": fake.transcript})

            def _stream(self, reply: str, body: dict[str, Any], cut: bool, reasoning: str = "",
                        finish: str = "stop") -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                size = fake.chunk_size
                pieces = [reply[i:i + size] for i in range(0, len(reply), size)]
                if cut:
                    pieces = pieces[: max(1, len(pieces) // 2)]
                for piece in (reasoning[i:i + size] for i in range(0, len(reasoning), size)):
                    self._event(_chunk(None, None, body, reasoning=piece))
                for piece in pieces:
                    self._event(_chunk(piece, None, body))
                if cut:
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self._event(_chunk("", finish, body))
                if body.get("stream_options", {}).get("include_usage"):
                    usage = _chunk(None, None, body)
                    usage["choices"] = []
                    usage["usage"] = _usage(body, reply)
                    self._event(usage)
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def _event(self, payload: dict[str, Any]) -> None:
                self.wfile.write(f"data: {json.dumps(payload)}\n\n".encode())
                self.wfile.flush()

        return Handler


def _headers(headers: Any) -> dict[str, str]:
    """Header names in lower case, however the client spelled them."""
    return {k.lower(): v for k, v in headers.items()}


def _multipart(content_type: str, raw: bytes) -> dict[str, Any]:
    """The fields of a multipart/form-data body; the file part as its name, type and bytes."""
    message = BytesParser(policy=policy.HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    form: dict[str, Any] = {}
    for part in message.iter_parts() if message.is_multipart() else []:
        name = part.get_param("name", header="content-disposition")
        if part.get_filename():
            form[name] = {"filename": part.get_filename(), "type": part.get_content_type(),
                          "content": part.get_payload(decode=True)}
        else:
            form[name] = part.get_payload(decode=True).decode()
    return form


def _usage(body: dict[str, Any], reply: str) -> dict[str, int]:
    prompt = sum(len(str(m.get("content", "")).split()) for m in body.get("messages", []))
    completion = len(reply.split())
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _chunk(content: str | None, finish: str | None, body: dict[str, Any], reasoning: str = "") -> dict[str, Any]:
    delta: dict[str, Any] = {} if content is None else {"content": content}
    if reasoning:  # as vLLM's reasoning parser and DeepSeek's API send it
        delta = {"role": "assistant", "content": None, "reasoning_content": reasoning}
    if content == "" and finish is None:
        delta = {"role": "assistant", "content": ""}
    return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": body.get("model", MODEL),
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def _completion(reply: str, body: dict[str, Any], reasoning: str = "", finish: str = "stop") -> dict[str, Any]:
    message = {"role": "assistant", "content": reply} | ({"reasoning_content": reasoning} if reasoning else {})
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", MODEL),
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": _usage(body, reply)}


if __name__ == "__main__":  # for trying the app by hand: python -m tests.fakes.openai_server [--answer think]
    import argparse

    from tests.fakes import answers

    shapes = {**{f"questions-{k}": v for k, v in answers.QUESTION_ANSWERS.items()},
              **{f"thank-you-{k}": v for k, v in answers.THANK_YOU_ANSWERS.items()}}
    parser = argparse.ArgumentParser(description="A local OpenAI-compatible server for trying Rapport")
    parser.add_argument("--answer", choices=sorted(shapes), help="replay this answer for every request")
    fake = FakeOpenAI()
    fake.always = shapes.get(parser.parse_args().answer)
    fake.start()
    print(f"Fake OpenAI-compatible server at {fake.url} (model {MODEL}); Ctrl-C to stop")
    threading.Event().wait()
