"""Mail over IMAP, read into the same matching and logging as an .mbox import (lib/io/mailboxes.py).

Only the header fields Rapport reads are fetched (`BODY.PEEK[HEADER.FIELDS (…)]`, with the folder opened
read-only, so nothing is marked read and no body crosses the wire), from the inbox and the sent folder
(its `\\Sent` attribute, else its usual name). Each folder is read on from the last UID seen while its
UIDVALIDITY holds; a first sync reads back `since_days` (365). Message-IDs keep it idempotent with the
file imports, and the cursor moves in the transaction that logs what was read.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import imapclient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

from lib import clock
from lib.db import Database
from lib.io import mailboxes
from lib.io.files import ImportRefused
from lib.sync import SyncFailed, cursors, uniform

# Authentication-Results too: the file import's forgery rule (dmarc=fail counts for nothing) needs it.
FIELDS = "FROM TO CC DATE SUBJECT MESSAGE-ID IN-REPLY-TO AUTHENTICATION-RESULTS"
FETCH = f"BODY.PEEK[HEADER.FIELDS ({FIELDS})]".encode()
CHUNK = 500  # UIDs per FETCH: one round trip per 500 headers, and a command line any server accepts
MAX_PER_RUN = 25_000  # headers per folder per run: a huge mailbox is read over several runs, never all at once
DEFAULT_SINCE_DAYS = 365
DEFAULT_PORTS = {"ssl": 993, "starttls": 143, "none": 143}
TIMEOUT = 30.0


@dataclass
class MailAccount:
    """[sync.mail] as read from the secrets file; the password is never printed or stored."""

    host: str
    username: str
    password: str = field(repr=False)
    security: str = "ssl"
    port: int = 993
    since_days: int = DEFAULT_SINCE_DAYS

    @property
    def name(self) -> str:
        """How the account is named in the database and in messages: user and host, never the password."""
        return f"{self.username}@{self.host}"


def account(settings: dict[str, Any]) -> MailAccount:
    """The account [sync.mail] describes, or a sentence naming what is missing."""
    missing = [key for key in ("host", "username", "password") if not settings.get(key)]
    if missing:
        raise SyncFailed(f"[sync.mail] in the secrets file needs {', '.join(missing)} (see the README, Live sync).")
    security = str(settings.get("security", "ssl")).lower()
    if security not in DEFAULT_PORTS:
        raise SyncFailed(f"[sync.mail] security is '{security}': use \"ssl\", \"starttls\" or \"none\".")
    try:
        port = int(settings.get("port") or DEFAULT_PORTS[security])
        since = int(settings.get("since_days") or DEFAULT_SINCE_DAYS)
    except (TypeError, ValueError):
        raise SyncFailed("[sync.mail] port and since_days must be whole numbers.") from None
    return MailAccount(str(settings["host"]), str(settings["username"]), str(settings["password"]), security,
                       port, max(1, since))


def connect(mail: MailAccount, timeout: float = TIMEOUT) -> imapclient.IMAPClient:
    """A signed-in IMAP connection, or one sentence saying why there is none."""
    where = f"{mail.host}:{mail.port}"
    try:
        client = imapclient.IMAPClient(mail.host, port=mail.port, ssl=mail.security == "ssl", timeout=timeout)
        if mail.security == "starttls":
            client.starttls()
        client.login(mail.username, mail.password)
    except LoginError:
        raise SyncFailed(f"The mail server {where} refused the user name or password for {mail.username}: check "
                         "[sync.mail] (Gmail, iCloud and Fastmail need an app password).") from None
    except ssl.SSLError as error:
        raise SyncFailed(f"No secure connection to {where} ({error.reason or 'TLS failed'}): check [sync.mail] "
                         "security and port (ssl is usually 993, starttls 143).") from None
    except (OSError, IMAPClientError) as error:
        raise SyncFailed(f"The mail server {where} cannot be reached ({_why(error)}): check [sync.mail] host and "
                         "port, and the network.") from None
    return client


def _why(error: BaseException) -> str:
    return type(error).__name__ if isinstance(error, socket.timeout) else (str(error) or type(error).__name__)[:200]


def folders(client: imapclient.IMAPClient) -> list[tuple[str, bool]]:
    """(folder, is the sent folder) to read: the inbox, and the sent folder if the server has one."""
    sent = client.find_special_folder(imapclient.imapclient.SENT)
    return [("INBOX", False)] + ([(sent, True)] if sent and sent.upper() != "INBOX" else [])


@dataclass
class FolderRead:
    """What one folder gave: header items for the importer, and where its cursor moves on commit."""

    name: str
    uidvalidity: int
    last_uid: int
    items: list[tuple[str, bytes, bool]] = field(default_factory=list)
    remaining: int = 0
    note: str = ""


def read_folder(client: imapclient.IMAPClient, name: str, sent: bool, cursor: tuple[int, int] | None,
                since: datetime, limit: int = MAX_PER_RUN) -> FolderRead:
    """The headers of the folder's new messages, oldest first, at most `limit` of them."""
    info = client.select_folder(name, readonly=True)
    validity = int(info.get(b"UIDVALIDITY", 0))
    note = ""
    if cursor is not None and cursor[0] == validity:
        uids = [uid for uid in client.search(["UID", f"{cursor[1] + 1}:*"]) if uid > cursor[1]]
        last = cursor[1]
    else:
        if cursor is not None:
            note = (f"{name} was renumbered by the server (its UIDVALIDITY changed): read again from "
                    f"{since:%d %b %Y}; messages already logged stay as they are")
        uids = client.search(["SINCE", since.date()])
        last = max(0, int(info.get(b"UIDNEXT", 1)) - 1) if not uids else 0
    uids = sorted(uids)
    found = FolderRead(name, validity, last, remaining=max(0, len(uids) - limit), note=note)
    for start in range(0, min(len(uids), limit), CHUNK):
        chunk = uids[start:min(start + CHUNK, limit)]
        for uid, parts in sorted(client.fetch(chunk, [FETCH]).items()):
            block = next((v for k, v in parts.items() if k.upper().startswith(b"BODY[")), b"") or b""
            found.items.append((f"{name} #{uid}", bytes(block), sent))
        found.last_uid = max(found.last_uid, chunk[-1])
    return found


def sync(db: Database, settings: dict[str, Any], dry_run: bool = False, now: datetime | None = None,
         progress: Callable[[str], None] | None = None, limit: int = MAX_PER_RUN) -> dict[str, Any]:
    """Read what is new in the mailbox and log it as the .mbox import would; returns its summary.

    Raises SyncFailed with one sentence; then nothing was written and the cursors stay where they were."""
    try:
        result = _sync(db, account(settings), dry_run, now or clock.utcnow(), progress, limit)
    except ImportRefused as error:  # no address of your own yet: the same sentence as the file import's
        raise SyncFailed(str(error)) from None
    except SyncFailed as error:
        if not dry_run:
            cursors.record(db, "mail", {}, error=str(error))
        raise
    if not dry_run:
        cursors.record(db, "mail", result, result.get("batch"))
    return result


def _sync(db: Database, mail: MailAccount, dry_run: bool, now: datetime, progress: Callable[[str], None] | None,
          limit: int) -> dict[str, Any]:
    """Connect, read every folder, match, then commit the lot with the cursors in one transaction."""
    say = progress or (lambda _text: None)
    since = now - timedelta(days=mail.since_days)
    known = cursors.mail(db, mail.name)
    say(f"Connecting to {mail.host}")
    client = connect(mail)
    reads: list[FolderRead] = []
    notes: list[str] = []
    try:
        wanted = folders(client)
        for name, sent in wanted:
            say(f"Reading {name}")
            try:
                reads.append(read_folder(client, name, sent, known.get(name), since, limit))
            except IMAPClientAbortError as error:
                raise _dropped(mail, name, error) from None
            except IMAPClientError as error:  # the server said NO: the folder is gone or cannot be opened
                notes.append(f"{name} could not be opened ({_why(error)}); it is read again next time")
        gone = [name for name in known if name not in {n for n, _ in wanted}]
        notes += [f"{name} is no longer on the server: its place is forgotten" for name in gone]
    except (OSError, EOFError) as error:
        raise _dropped(mail, reads[-1].name if reads else "the mailbox", error) from None
    finally:
        _close(client)
    notes += [r.note for r in reads if r.note]
    notes += [f"{r.name}: {r.remaining:,} older messages wait for the next sync" for r in reads if r.remaining]
    items = [item for r in reads for item in r.items]
    say(f"Matching {len(items):,} messages")
    found = mailboxes.preview_items(db, items, now)
    summary = uniform(found.summary()) | {"source": "mail", "account": mail.name, "notes": notes,
                                 "remaining": sum(r.remaining for r in reads), "dry_run": dry_run}
    if dry_run:
        return summary | {"actions": _per_contact(found)}

    def move(con: Any, _batch: int | None) -> None:
        for r in reads:
            cursors.move_mail_in(con, mail.name, r.name, r.uidvalidity, r.last_uid, now)
        for name in gone:
            cursors.forget_mail_in(con, mail.name, name)

    say("Saving")
    batch = mailboxes.commit(db, found, f"IMAP {mail.name}", also=move)
    return summary | {"batch": batch, "actions": _per_contact(found)}


def _dropped(mail: MailAccount, where: str, error: BaseException) -> SyncFailed:
    return SyncFailed(f"The mail server {mail.host} dropped the connection while reading {where} ({_why(error)}): "
                      "nothing was saved, and the next sync starts again from where the last one stopped.")


def _close(client: imapclient.IMAPClient) -> None:
    """Sign out, ignoring a connection that is already gone."""
    with contextlib.suppress(OSError, EOFError, IMAPClientError):
        client.logout()


def _per_contact(found: mailboxes.MailPreview) -> list[dict[str, str]]:
    """What was (or would be) logged, per contact, for the Sync tab and --json."""
    return [{"contact": a.contact, "what": a.what, "subject": a.mail.subject, "at": a.mail.sent_at.isoformat()}
            for a in found.actions if a.what != "unchanged"]


def test_connection(settings: dict[str, Any]) -> str:
    """Sign in and list the folders that would be read: a sentence for Settings → Sync."""
    mail = account(settings)
    client = connect(mail)
    try:
        names = [name for name, _ in folders(client)]
    except (OSError, EOFError, IMAPClientError) as error:
        raise _dropped(mail, "the folder list", error) from None
    finally:
        _close(client)
    return f"Signed in to {mail.host} as {mail.username}; Rapport reads {' and '.join(names)}."
