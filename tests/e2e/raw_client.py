"""A Streamlit client without a browser: what a script on a stranger's page, or a guessing bot, can send."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect


class Refused(Exception):
    """The server refused the connection itself (its HTTP status)."""

    def __init__(self, status: int) -> None:
        super().__init__(f"refused with HTTP {status}")
        self.status = status


def run_page(url: str, page: str = "", host: str | None = None, origin: str | None = None,
             widget_states: object | None = None, timeout: float = 30) -> str:
    """Connect as a browser on `origin` whose address bar says `host` would, run `page`, and return every
    message the server sent until the run finished, as text (to look for data in)."""
    parts = urlsplit(url)
    target = f"ws://{host or parts.netloc}/_stcore/stream"
    sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    headers = {"Origin": origin} if origin else {}
    try:
        ws = connect(target, sock=sock, subprotocols=["streamlit"], additional_headers=headers,
                     open_timeout=timeout, origin=None)
    except InvalidStatus as refused:
        raise Refused(refused.response.status_code) from refused
    seen: list[str] = []
    with ws:
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_name = page
        if widget_states is not None:
            back.rerun_script.widget_states.CopyFrom(widget_states)
        ws.send(back.SerializeToString())
        while True:
            message = ForwardMsg()
            message.ParseFromString(ws.recv(timeout=timeout))
            seen.append(str(message))
            if message.WhichOneof("type") == "script_finished":
                return "\n".join(seen)
