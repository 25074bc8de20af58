"""Live sync: the mailbox over IMAP and the calendar over CalDAV or a private link, read into the same
matching and logging as the file imports (lib/io/mailboxes.py, lib/io/calendars.py)."""


class SyncFailed(Exception):
    """One sentence saying why a sync stopped and what to do; nothing of that run was written."""
