"""A real IMAP server (pymap's in-memory backend) on 127.0.0.1, started by a test and stopped after.

`ImapServer` runs pymap in a thread of its own with one user, and lets the test put messages in folders,
delete and recreate folders (a new UIDVALIDITY), and read back each message's flags (nothing marked read).
`CuttingProxy` sits in front of it and drops the connection after a number of bytes: a server that goes
away half-way through a sync.
"""

from __future__ import annotations

import asyncio
import threading
from argparse import Namespace
from collections.abc import Coroutine
from datetime import UTC, datetime
from typing import Any

from proxyprotocol.reader import ProxyProtocolReader
from pymap.backend.dict import DictBackend
from pymap.backend.dict.filter import FilterSet
from pymap.backend.dict.mailbox import MailboxSet
from pymap.imap import IMAPServer
from pymap.parsing.message import AppendMessage


class ImapServer:
    """pymap on a free port of 127.0.0.1 that accepts `user` with `password` over plain IMAP."""

    def __init__(self, user: str = "sam.rivera@example.com", password: str = "app-password") -> None:
        self.user, self.password = user, password
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.port = 0

    def _run(self, work: Coroutine) -> Any:
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(timeout=60)

    async def _start(self) -> None:
        args = Namespace(host="127.0.0.1", port=0, debug=False, cert=None, key=None, tls=False, passlib_cfg=None,
                         demo_data=False, demo_user=self.user, demo_password=self.password,
                         inherited_sockets=None, proxy_protocol=None)
        self.backend, self.config = await DictBackend.init(args, invalid_user_sleep=0.0)
        self.config.apply_context()
        self.mailboxes = MailboxSet()
        self.config.set_cache[self.user] = (self.mailboxes, FilterSet())
        handler = ProxyProtocolReader(self.config.proxy_protocol).get_callback(
            IMAPServer(self.backend.login, self.config))
        self._server = await asyncio.start_server(handler, host="127.0.0.1", port=0)
        self.port = self._server.sockets[0].getsockname()[1]

    def __enter__(self) -> ImapServer:
        self._thread.start()
        self._run(self._start())
        return self

    def __exit__(self, *exc: object) -> None:
        async def stop() -> None:
            self._server.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:  # open connections end with the server, not with the loop
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        self._run(stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)

    def settings(self, **changes: Any) -> dict[str, Any]:
        """The [sync.mail] section that reaches this server."""
        return {"host": "127.0.0.1", "port": self.port, "username": self.user, "password": self.password,
                "security": "none"} | changes

    def add_folder(self, name: str) -> None:
        self._run(self.mailboxes.add_mailbox(name))

    def delete_folder(self, name: str) -> None:
        self._run(self.mailboxes.delete_mailbox(name))

    def deliver(self, folder: str, *messages: bytes) -> None:
        """Put messages in a folder, as a mail client or the server's delivery would."""
        async def put() -> None:
            box = await self.mailboxes.get_mailbox(folder)
            for raw in messages:
                await box.append(AppendMessage(raw, datetime.now(UTC), frozenset()))
        self._run(put())

    def flags(self, folder: str) -> list[set[str]]:
        """Each message's flags in a folder: a sync that only reads leaves \\Seen off."""
        async def read() -> list[set[str]]:
            box = await self.mailboxes.get_mailbox(folder)
            return [{str(f) for f in message.permanent_flags} async for message in box.messages()]
        return self._run(read())


class CuttingProxy:
    """A TCP relay to `port` that closes both sides once the server has sent `after` bytes."""

    def __init__(self, loop: asyncio.AbstractEventLoop, port: int, after: int) -> None:
        self.loop, self.target, self.after = loop, port, after
        self.port = 0

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, budget: list[int] | None,
                    other: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(4096):
                if budget is not None:
                    if budget[0] <= 0:
                        break
                    data = data[:budget[0]]
                    budget[0] -= len(data)
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()
            other.close()

    async def _relay(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        server_r, server_w = await asyncio.open_connection("127.0.0.1", self.target)
        budget = [self.after]
        await asyncio.gather(self._pipe(client_r, server_w, None, client_w),
                             self._pipe(server_r, client_w, budget, server_w))

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._relay, host="127.0.0.1", port=0)
        self.port = self._server.sockets[0].getsockname()[1]

    def __enter__(self) -> CuttingProxy:
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        async def stop() -> None:
            self._server.close()
        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(timeout=10)
