"""Mail (.mbox from Google Takeout, or .eml files) logged as emails, thank-yous and replies - headers only.

Only From, To, Cc, Date, Subject, Message-ID and In-Reply-To are read; bodies are skipped as the file
streams past, so a 100 MB mailbox costs one message's headers of memory, and nothing of a body is stored.
A message to or from a known contact goes on their timeline. One the user sent to a contact whose
interview awaits a thank-you, after the meeting ended, marks the thank-you sent at its real time. One
from a contact after an outreach request records the reply (closing the 3B7 reminders). Each message is
remembered by its Message-ID and a fingerprint of its sender, date and subject, so importing the same
mailbox again changes nothing and a second message reusing an ID is named, not merged.

Anybody can write any From: line. Mail counts as the user's own only when it comes from their sent mail
(a sent folder, or Takeout's `X-Gmail-Labels: Sent`), never for its From: alone; mail whose receiving
server found its sender forged (`Authentication-Results: … dmarc=fail`) counts for nothing; and the
preview lists every thank-you and reply it would record, for the user to confirm.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import policy
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import IO, Any

from lib import clock, followups, interactions, interviews, messages, outreach
from lib import profile as profiles
from lib.db import Database
from lib.io import batches
from lib.io.files import ImportRefused
from lib.validation import one_line

HEADERS = BytesHeaderParser(policy=policy.default)
MAX_HEADER_BYTES = 256 * 1024  # a header block larger than this is not mail
MAX_ADDRESS_HEADER = 8 * 1024  # From/To/Cc longer than this are not addresses (and nest deep enough to crash)
SENT_NAMES = re.compile(r"(?i)(^|[^a-z])(sent|gesendet|envoy[ée]s|enviados|inviata|verzonden)([^a-z]|$)")
FORGED = re.compile(r"(?i)\b(dmarc|spf|dkim)\s*=\s*fail\b")
NO_ADDRESS = ("Add your email address (and any aliases) in Settings → Profile first: Rapport needs it to tell "
              "the mail you sent from the mail you received.")


@dataclass
class Mail:
    """One message's headers, as Rapport uses them."""

    message_id: str
    sender: str
    recipients: list[str]
    sent_at: datetime  # naive UTC
    subject: str
    fingerprint: str = ""  # sender, date and subject: tells apart two messages that share a Message-ID
    labelled_sent: bool = False  # Takeout's X-Gmail-Labels says Sent
    forged: bool = False  # the receiving server's sender checks failed


@dataclass
class MailAction:
    what: str  # email_sent, email_received, thank_you, reply, unchanged
    contact_id: int
    contact: str
    mail: Mail
    interview_id: int | None = None
    outreach_id: int | None = None
    confirmed: bool = True  # a thank-you or reply the user untucks in the preview is logged as a plain email


@dataclass
class MailPreview:
    items: int = 0
    actions: list[MailAction] = field(default_factory=list)
    unmatched: int = 0
    invalid: list[dict[str, str]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)

    def to_confirm(self) -> list[MailAction]:
        """The thank-yous and replies this import would record: the ones a forged message could fake."""
        return [a for a in self.actions if a.what in ("thank_you", "reply")]

    def count(self, *what: str) -> int:
        return sum(1 for a in self.actions if a.what in what)

    def summary(self) -> dict[str, Any]:
        return {"format": "mail", "items": self.items, "matched": len({a.mail.message_id for a in self.actions}),
                "interactions": self.count("email_sent", "email_received"), "thank_yous": self.count("thank_you"),
                "replies": self.count("reply"), "unchanged": self.count("unchanged"), "unmatched": self.unmatched,
                "skipped": self.skipped, "invalid": self.invalid}


# -- reading, streamed -------------------------------------------------------------------------------

def _header_blocks(stream: IO[bytes]) -> Iterator[bytes]:
    """Each message's header block from an mbox stream; the body lines between are passed over unread."""
    after_blank = True
    for line in stream:
        if line.startswith(b"From ") and after_blank:  # a separator follows a blank line (or starts the file)
            block = _header_block(stream)  # reads on to the blank line that ends the headers
            if block:
                yield block
            after_blank = True
            continue
        after_blank = line in (b"\n", b"\r\n")


def _header_block(stream: IO[bytes]) -> bytes:
    """The header lines from where the stream stands to the first blank line (at most MAX_HEADER_BYTES)."""
    lines, size = [], 0
    for line in stream:
        if line in (b"\n", b"\r\n"):
            break
        size += len(line)
        if size <= MAX_HEADER_BYTES:  # beyond that the headers are read past, not kept
            lines.append(line)
    return b"".join(lines)


def header_blocks(source: Path | IO[bytes], name: str = "") -> Iterator[tuple[str, bytes]]:
    """(where, header bytes) for each message in an .mbox, an .eml, or a folder of .eml files."""
    if isinstance(source, Path) and source.is_dir():
        files = sorted(p for p in source.rglob("*") if p.is_file() and p.suffix.lower() in (".eml", ".msg", ""))
        for path in files:
            with path.open("rb") as each:
                yield path.name, _header_block(each)
        return
    stream: IO[bytes] = source.open("rb") if isinstance(source, Path) else source
    try:
        first = stream.readline()
        if first.startswith(b"From "):
            stream.seek(0)
            for n, block in enumerate(_header_blocks(stream), 1):
                yield f"message {n}", block
        elif b":" in first:
            stream.seek(0)
            yield name or "message", _header_block(stream)
        else:
            raise ImportRefused(f"{name or 'This file'} is not a mailbox: export an .mbox (Google Takeout: Mail) "
                                "or save messages as .eml files, and try again.")
    finally:
        if isinstance(source, Path):
            stream.close()


def _addresses(values: Iterable[str]) -> list[str]:
    texts = [str(v) for v in values if v]
    if sum(len(text) for text in texts) > MAX_ADDRESS_HEADER:
        raise ValueError("address headers too long")
    return [address.lower() for _, address in getaddresses(texts) if "@" in address]


def read(where: str, block: bytes) -> Mail | str:
    """The headers Rapport uses, or why the message cannot be used (never an exception: one bad message
    never stops a mailbox)."""
    try:
        headers = HEADERS.parsebytes(block)
        sender = _addresses([headers.get("From", "")])
        recipients = _addresses(headers.get_all("To", []) + headers.get_all("Cc", []))
        date_header = headers.get("Date")
        subject = one_line(headers.get("Subject", "") or "", 300)
        message_id = one_line(headers.get("Message-ID", "") or "", 500)
        labels = str(headers.get("X-Gmail-Labels", "") or "")
        checks = " ".join(str(v) for v in headers.get_all("Authentication-Results", []))
    except (ValueError, TypeError, IndexError, AttributeError, LookupError, RecursionError) as error:
        return f"its headers cannot be read ({type(error).__name__})"  # the email package raises all of these
    if not sender:
        return "it has no sender"
    if not date_header:
        return "it has no date"
    try:
        sent = parsedate_to_datetime(str(date_header))
        sent = sent.replace(tzinfo=UTC) if sent.tzinfo is None else sent
        sent_at = sent.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, TypeError, OverflowError):
        return f"its date '{one_line(date_header, 80)}' cannot be read"
    fingerprint = hashlib.sha256(f"{sender[0]}\n{one_line(date_header)}\n{subject}".encode()).hexdigest()[:24]
    if not message_id:  # rare, but mail without an ID must still be recognised next time
        message_id = f"<{fingerprint}@rapport>"
    return Mail(message_id=message_id, sender=sender[0], recipients=recipients, sent_at=sent_at, subject=subject,
                fingerprint=fingerprint,
                labelled_sent="sent" in {label.strip().lower() for label in labels.split(",")},
                forged=bool(FORGED.search(checks)))


def looks_like_sent_mail(name: str) -> bool:
    """Whether a file or folder is named as a sent folder is ("Sent.mbox", "Sent Items", "Gesendet")."""
    return bool(SENT_NAMES.search(Path(name).stem if name else ""))


# -- the preview -------------------------------------------------------------------------------------

def preview(db: Database, source: Path | IO[bytes], name: str = "", now: datetime | None = None,
            progress: Callable[[int], None] | None = None, sent_folder: bool | None = None) -> MailPreview:
    """What importing this mail would log, per contact; nothing is written.

    `sent_folder` says the file is the user's sent mail; by default its name says so ("Sent.mbox").
    """
    if sent_folder is None:
        sent_folder = looks_like_sent_mail(name or (source.name if isinstance(source, Path) else ""))
    items = ((where, block, sent_folder) for where, block in header_blocks(source, name))
    result = preview_items(db, items, now, progress)
    if not result.items:
        raise ImportRefused(f"{name or 'This mailbox'} holds no messages.")
    return result


def preview_items(db: Database, items: Iterable[tuple[str, bytes, bool]], now: datetime | None = None,
                  progress: Callable[[int], None] | None = None) -> MailPreview:
    """What logging these (where, header bytes, from the sent folder) items would do: one path for files and
    live sync (lib/sync/mail.py), so both match, skip and deduplicate alike; nothing is written."""
    now = now or clock.utcnow()
    own = profiles.get(db).addresses()
    if not own:
        raise ImportRefused(NO_ADDRESS)
    known = {r["email"]: (r["id"], r["full_name"]) for r in db.rows(
        "SELECT id, full_name, lower(trim(email)) AS email FROM contact WHERE email <> ''")}
    seen: dict[str, set[str]] = {}
    for row in db.rows("SELECT DISTINCT message_id, fingerprint FROM mail_message"):
        seen.setdefault(row["message_id"], set()).add(row["fingerprint"])
    in_file: dict[str, str] = {}
    awaiting = _awaiting_thank_you(db)
    outreach = _open_outreach(db)
    result = MailPreview()
    for where, block, sent_folder in items:
        result.items += 1
        if progress and result.items % 500 == 0:
            progress(result.items)
        mail = read(where, block)
        if isinstance(mail, str):
            result.invalid.append({"item": where, "reason": mail})
            continue
        if mail.sent_at > now + timedelta(days=1):
            result.invalid.append({"item": where, "reason": "its date is in the future"})
            continue
        problem = _repeat(mail, seen, in_file)
        if problem == "copy":
            result.skipped.append({"item": _label(where, mail), "reason": "the same message twice in the file"})
            continue
        if problem:
            result.invalid.append({"item": _label(where, mail), "reason": problem})
            continue
        in_file[mail.message_id] = mail.fingerprint
        if mail.forged:
            result.skipped.append({"item": _label(where, mail), "reason": FORGED_REASON})
            continue
        mine = mail.sender in own
        if mine and not (sent_folder or mail.labelled_sent):
            result.skipped.append({"item": _label(where, mail), "reason": NOT_SENT_REASON})
            continue
        matched = _match(mail, own, known, mail.message_id in seen, awaiting, outreach)
        if not matched:
            result.unmatched += 1
        result.actions += matched
    return result


FORGED_REASON = "its receiving server found the sender forged (a failed DMARC, SPF or DKIM check)"
NOT_SENT_REASON = ("it says it is from you but is not in your sent mail, so it is not counted (anyone can write "
                   "your address): import your sent folder, or Takeout's All mail")


def _label(where: str, mail: Mail) -> str:
    return f"{where}: {mail.subject}" if mail.subject else where


def _repeat(mail: Mail, seen: dict[str, set[str]], in_file: dict[str, str]) -> str:
    """'' for a new message; 'copy' for one already read from this file; else why a reused ID is refused."""
    if mail.message_id in in_file:
        if in_file[mail.message_id] == mail.fingerprint:
            return "copy"
        return "it repeats the Message-ID of another message in this file, with another sender, date or subject"
    prints = seen.get(mail.message_id)
    if prints and mail.fingerprint not in prints and "" not in prints:
        return "it reuses the Message-ID of a different message imported before"
    return ""


def _awaiting_thank_you(db: Database) -> dict[int, list[dict[str, Any]]]:
    """Interviews awaiting a thank-you (as the Interviews page lists them) by contact, earliest first."""
    found: dict[int, list[dict[str, Any]]] = {}
    waiting = interviews.stages(db)["awaiting_thank_you"]
    for meeting_id, contact_id, ends_at in zip(waiting["id"], waiting["contact_id"], waiting["ends_at"], strict=True):
        found.setdefault(int(contact_id), []).append({"id": int(meeting_id), "ends_at": ends_at.to_pydatetime()})
    return found


def _open_outreach(db: Database) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    for row in db.rows("SELECT id, contact_id, sent_on FROM outreach WHERE replied_on IS NULL ORDER BY sent_on"):
        found.setdefault(row["contact_id"], []).append(row)
    return found


def _match(mail: Mail, own: set[str], known: dict[str, tuple[int, str]], seen: bool,
           awaiting: dict[int, list[dict[str, Any]]], outreach: dict[int, list[dict[str, Any]]]) -> list[MailAction]:
    """Who this message concerns and what it means for each: sent by the user, or received from a contact."""
    if mail.sender in known and mail.sender not in own:
        contact_id, name = known[mail.sender]
        if seen:
            return [MailAction("unchanged", contact_id, name, mail)]
        for request in outreach.get(contact_id, []):
            if request["sent_on"] <= mail.sent_at.date():
                outreach[contact_id].remove(request)  # one reply per request
                return [MailAction("reply", contact_id, name, mail, outreach_id=request["id"])]
        return [MailAction("email_received", contact_id, name, mail)]
    if mail.sender not in own:
        return []  # from someone who is neither you nor a contact
    actions = []
    for address in dict.fromkeys(mail.recipients):
        if address in own or address not in known:
            continue
        contact_id, name = known[address]
        if seen:
            actions.append(MailAction("unchanged", contact_id, name, mail))
            continue
        waiting = [i for i in awaiting.get(contact_id, []) if i["ends_at"] <= mail.sent_at]
        if waiting:
            awaiting[contact_id].remove(waiting[-1])
            actions.append(MailAction("thank_you", contact_id, name, mail, interview_id=waiting[-1]["id"]))
        else:
            actions.append(MailAction("email_sent", contact_id, name, mail))
    return actions


# -- writing -----------------------------------------------------------------------------------------

def commit(db: Database, result: MailPreview, file_name: str = "",
           progress: Callable[[float], None] | None = None,
           also: Callable[[Any, int | None], None] | None = None) -> int | None:
    """Log it all in one transaction; returns the batch id, or None when nothing is new.

    `also(con, batch)` runs inside that transaction (live sync moves its cursor there), even when nothing
    is new, so what was read and where reading stopped are written together or not at all."""
    work = [a for a in result.actions if a.what != "unchanged"]
    if not work and also is None:
        return None
    now = clock.utcnow()
    tz = profiles.get(db).time_zone
    with db.transaction() as con:
        batch = batches.open_in(con, 'mail', file_name, result.items, len(work), now) if work else None
        if also is not None:
            also(con, batch)
        for n, action in enumerate(work if batch is not None else [], 1):
            _apply(con, action, batch, tz)  # type: ignore[arg-type]  # a batch exists whenever there is work
            if progress and (n % 200 == 0 or n == len(work)):
                progress(n / len(work))
    return batch


def _apply(con: Any, action: MailAction, batch: int, tz: str) -> None:
    mail = action.mail
    subject = f": {mail.subject}" if mail.subject else ""
    undo: dict[str, Any] = {}
    if not action.confirmed:  # the user said this is no thank-you (or no reply): a plain email, then
        action.what = {"thank_you": "email_sent", "reply": "email_received"}.get(action.what, action.what)
    if action.what == "reply" and action.outreach_id is not None:  # the 3B7 rule, as the form applies it
        closed, interaction = outreach.reply_in(con, action.outreach_id, action.contact_id,
                                                clock.to_local(mail.sent_at, tz).date(), mail.sent_at,
                                                f"Email reply{subject}"[:2000])
        undo = {"outreach_id": action.outreach_id, "followups": closed}
    elif action.what == "thank_you":  # the thank-you rule, as Mark as sent applies it
        message, closed = messages.record_sent_in(con, action.contact_id, action.interview_id, "thank_you",
                                                  "email", mail.subject, mail.sent_at)
        undo = {"message_id": message, "followups": closed}
        interaction = interactions.insert(con, action.contact_id, "message", mail.sent_at,
                                          f"Thank-you email{subject}"[:2000])
    else:
        sent = action.what == "email_sent"
        interaction = interactions.insert(con, action.contact_id, "message" if sent else "reply", mail.sent_at,
                                          f"Email {'sent' if sent else 'received'}{subject}"[:2000])
    con.execute("INSERT INTO mail_message (message_id, contact_id, interaction_id, undo, import_batch_id,"
                " fingerprint) VALUES (?, ?, ?, ?, ?, ?)",
                [mail.message_id, action.contact_id, interaction, json.dumps(undo), batch, mail.fingerprint])


def undo(db: Database, batch: int) -> int:
    """Take back what a mail import logged: its timeline entries, thank-yous and replies."""
    rows = db.rows("SELECT * FROM mail_message WHERE import_batch_id = ?", [batch])
    with db.transaction() as con:
        for row in rows:
            interactions.delete_in(con, row["interaction_id"])
            taken = json.loads(row["undo"] or "{}")
            if taken.get("message_id"):
                messages.delete_in(con, taken["message_id"])
            if taken.get("outreach_id"):
                outreach.forget_reply_in(con, taken["outreach_id"])
            for followup in taken.get("followups", []):
                followups.reopen_in(con, followup)
        con.execute("DELETE FROM mail_message WHERE import_batch_id = ?", [batch])
        batches.close_in(con, batch)
    return len(rows)
