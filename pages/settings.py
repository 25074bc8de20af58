"""Settings: the profile and its defaults, and which database this session uses."""

from lib.ui.guard import page_guard

page_guard()

import io
import re
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from lib import clock, contacts, profile
from lib.db import DatabaseError
from lib.drafting import calls, errors, settings
from lib.drafting.provider import OpenAIProvider
from lib.io import backup, batches, calendars, exports, imports, mailboxes, undo
from lib.ui import cached, reminder_settings, router, session, sync_settings, widgets
from lib.ui import drafting as drafting_ui
from lib.ui.text import plain
from lib.validation import Invalid

db = session.database()
tz = profile.get(db).time_zone

st.title("Settings")
profile_tab, model_tab, reminders_tab, sync_tab, data_tab = st.tabs(["Profile", "Language model", "Reminders", "Sync",
                                                                    "Data"])

with profile_tab:
    st.caption("Rapport uses your profile to set reminders and, when preparing for a meeting, "
               "to say who you are and what you can offer.")
    submitted = widgets.profile_form(profile.get(db), key="settings_profile", full=True)
    if submitted is not None:
        try:
            profile.save(db, **submitted)
        except Invalid as problem:
            widgets.show_problems(problem)
        else:
            st.success("Profile saved.", icon=":material/check:")

def backup_bytes() -> bytes:
    """A backup zip, made when the button is clicked."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "backup.zip"
        backup.write(db, target)
        return target.read_bytes()


def restore_from() -> None:
    """Check and restore the uploaded backup; a bad file is refused and changes nothing."""
    upload = st.session_state.get("restore_upload")
    with tempfile.TemporaryDirectory() as folder:
        # The upload's own name, made safe, so messages name the file the user chose.
        source = Path(folder) / (re.sub(r"[^\w.-]", "_", Path(upload.name).name).lstrip(".")[:80] or "backup.zip")
        source.write_bytes(upload.getvalue())
        try:
            restored = backup.restore(db, source)
        except DatabaseError as problem:
            st.session_state["restore_outcome"] = ("error", f"Nothing was changed. {problem}")
            return
    session.reset_caches()
    said = "Restored."
    if restored.safety:
        said += f" The database as it was is saved in {restored.safety}."
    if restored.dropped_settings:
        said += (" The backup's language model settings (where drafts and your API key would be sent) were "
                 "not brought in; set them again under Language model if you want them.")
    st.session_state["restore_outcome"] = ("ok", said)


def import_section() -> None:
    """Upload → preview (format, rows, new, duplicates, invalid) → import with progress → undo."""
    st.markdown("**Bring your network in** - LinkedIn `Connections.csv`, a Google Contacts export, "
                "a vCard file, or any CSV")
    done = st.session_state.pop("import_done", None)
    if done:
        st.success(done, icon=":material/check:")
    upload = st.file_uploader("Contacts file", type=["csv", "vcf", "txt"], key="import_file")
    if upload is not None:
        preview_and_import(upload)
    calendar_section()
    mail_section()
    last = batches.last(db)
    if last:
        label = (f"Undo the last import ({last['created']} {batches.noun(last, last['created'])} from "
                 f"{plain(last['file_name'] or last['format'])}, {clock.to_local(last['created_at'], tz):%d %b %H:%M})")
        if st.button(label, icon=":material/undo:", key="import_undo"):
            removed = undo.undo(db, last["id"])
            st.session_state["import_done"] = (f"Import undone: {removed} {batches.noun(last, removed)} "
                                               f"{'removed' if last['format'] not in batches.NOUNS else 'taken back'}.")
            st.rerun()


CALENDAR_WILL = {"meeting": "Logged as a meeting", "interview": "Planned as an interview",
                 "attach": "Attached to your planned interview", "update": "Updated (the event changed)",
                 "unchanged": "Already imported"}


def calendar_section() -> None:
    """A calendar export: who you met and whom you will meet, previewed per contact, logged in one go."""
    st.markdown("**Meetings from your calendar** - an `.ics` export from Google Calendar, Outlook or Apple "
                "Calendar. Past meetings with your contacts go on their timelines; future ones become planned "
                "interviews. Importing the same export again only brings what changed.")
    upload, result = uploaded_preview("Calendar file", ["ics"], "calendar",
                                      lambda data, name: calendars.preview(db, data, name))
    if result is None:
        return
    summary = result.summary()
    show_activity_preview(
        {"Events": summary["items"], "Meetings to log": summary["interactions"],
         "Interviews to plan": summary["interviews"], "No known contact": summary["unmatched"]},
        [{"contact": x.contact, "when": x.occurrence.starts_at, "item": x.occurrence.title,
          "will_be": x.reason or CALENDAR_WILL[x.what]} for x in result.actions],
        result.skipped + result.invalid, "Event")
    work = [x for x in result.actions if x.what != "unchanged"]
    said = (f"From {plain(upload.name)}: {widgets.count(summary['interactions'], 'meeting')} logged, "
            f"{widgets.count(summary['interviews'], 'interview')} planned, "
            f"{widgets.count(summary['attached'] + summary['updated'], 'interview')} attached or updated.")
    import_activity(len(work), "calendar event", "calendar",
                    lambda progress: calendars.commit(db, result, upload.name, progress=progress), said)


MAIL_WILL = {"email_sent": "Email you sent", "email_received": "Email from them",
             "thank_you": "Marks the thank-you sent", "reply": "Records their reply to your request",
             "unchanged": "Already imported"}


def mail_section() -> None:
    """A mailbox's headers: emails to and from contacts, thank-yous sent and replies received."""
    st.markdown("**Mail** - an `.mbox` (Google Takeout: Mail) or an `.eml` message. Only the headers are read "
                "(who, when, subject); no message text is stored. A thank-you you sent marks it sent, and a reply "
                "to a request closes its 3B7 reminders.")
    if not profile.get(db).addresses():
        own_address_form()
        return
    upload = st.file_uploader("Mailbox file", type=["mbox", "eml"], key="mail_file")
    if upload is None:
        return
    sent_folder = st.checkbox("This file is my sent mail", key="mail_sent_folder",
                              value=mailboxes.looks_like_sent_mail(upload.name),
                              help="Mail counts as yours only from your sent mail: a From line alone can be "
                                   "forged. Takeout's All mail marks your sent messages itself.")
    data = upload.getvalue()
    try:
        result = cached.preview("mail", data, db.version(), lambda: mailboxes.preview(
            db, io.BytesIO(data), upload.name, sent_folder=sent_folder), sent_folder)
    except imports.ImportRefused as problem:
        st.error(f"Nothing was imported. {plain(problem)}", icon=":material/error:")
        return
    summary = result.summary()
    show_activity_preview(
        {"Messages": summary["items"], "Emails to log": summary["interactions"],
         "Thank-yous and replies": summary["thank_yous"] + summary["replies"],
         "No known contact": summary["unmatched"]},
        [{"contact": x.contact, "when": x.mail.sent_at, "item": x.mail.subject, "will_be": MAIL_WILL[x.what]}
         for x in result.actions if x.what not in ("thank_you", "reply")],
        result.skipped + result.invalid, "Message")
    confirm_records(result)
    work = [x for x in result.actions if x.what != "unchanged"]
    confirmed = [a.what for a in result.to_confirm() if a.confirmed]
    said = (f"From {plain(upload.name)}: {widgets.count(summary['interactions'], 'email')} logged, "
            f"{widgets.count(confirmed.count('thank_you'), 'thank-you')} marked sent, "
            f"{widgets.count(confirmed.count('reply'), 'reply', 'replies')} recorded.")
    import_activity(len(work), "message", "mail",
                    lambda progress: mailboxes.commit(db, result, upload.name, progress=progress), said)


def own_address_form() -> None:
    """A mailbox import needs the user's own addresses first: mail is theirs only from them."""
    st.info("First, your email address (and any aliases, separated by commas): Rapport needs it to tell the "
            "mail you sent from the mail you received.", icon=":material/alternate_email:")
    with st.form("own_address"):
        addresses = st.text_input("Your email", placeholder="you@example.com, you@work.example")
        if st.form_submit_button("Save my address", type="primary"):
            try:
                profile.save(db, email=addresses)
            except Invalid as problem:
                widgets.show_problems(problem)
            else:
                st.rerun()


def confirm_records(result: mailboxes.MailPreview) -> None:
    """Each thank-you and reply the import would record, ticked, for the user to untick what is not."""
    records = result.to_confirm()
    if not records:
        return
    st.caption("These would mark a thank-you sent or record a reply. Untick any that is not what it says:")
    edited = st.data_editor(
        pd.DataFrame([{"record": a.confirmed, "contact": a.contact,
                       "when": clock.to_local(a.mail.sent_at, tz).replace(tzinfo=None),
                       "item": a.mail.subject, "will_be": MAIL_WILL[a.what]} for a in records]),
        hide_index=True, key="mail_confirm", disabled=["contact", "when", "item", "will_be"],
        column_config={"record": st.column_config.CheckboxColumn("Record it"), "contact": "Contact",
                       "item": "Message", "will_be": "What happens",
                       "when": st.column_config.DatetimeColumn("When", format="D MMM YYYY, HH:mm")})
    for action, keep in zip(records, edited["record"], strict=True):
        action.confirmed = bool(keep)


def uploaded_preview(label: str, types: list[str], key: str, preview) -> tuple:
    """The uploader and, once a file is there, its preview (made once per file) - or why it cannot be read."""
    upload = st.file_uploader(label, type=types, key=f"{key}_file")
    if upload is None:
        return None, None
    data = upload.getvalue()
    try:
        return upload, cached.preview(key, data, db.version(), lambda: preview(data, upload.name))
    except imports.ImportRefused as problem:
        st.error(f"Nothing was imported. {plain(problem)}", icon=":material/error:")
        return upload, None


def show_activity_preview(figures: dict[str, int], rows: list[dict], skipped: list[dict], noun: str) -> None:
    """The counts, then what will happen per contact (in your time zone), then what is skipped and why."""
    for column, (label, value) in zip(st.columns(len(figures)), figures.items(), strict=True):
        column.metric(label, value)
    if rows:
        for row in rows:
            row["when"] = clock.to_local(row["when"], tz).replace(tzinfo=None)
        st.dataframe(rows, hide_index=True, column_config={
            "contact": "Contact", "item": noun, "will_be": "What happens",
            "when": st.column_config.DatetimeColumn("When", format="D MMM YYYY, HH:mm")})
    if skipped:
        st.caption("Skipped:")
        st.dataframe([{"item": s["item"], "reason": s["reason"]} for s in skipped], hide_index=True,
                     column_config={"item": noun, "reason": "Why"})


def import_activity(count: int, noun: str, key: str, commit, said: str) -> None:
    """The import button with its progress bar; the upload is cleared after, so it cannot be imported twice."""
    if not count:
        st.info("Nothing new to log from this file.", icon=":material/event_available:")
        return
    if st.button(f"Import {widgets.count(count, noun)}", type="primary", key=f"{key}_go"):
        bar = st.progress(0.0, text="Importing…")
        commit(lambda f: bar.progress(f, text="Importing…"))
        st.session_state["import_done"] = said
        st.session_state.pop(f"{key}_file", None)
        st.rerun()


def preview_and_import(upload) -> None:
    data = upload.getvalue()
    try:
        text = imports.decode(data, upload.name)
        found = imports.detect(text)
        mapping = column_mapping(text) if found == "csv" else None
        result = cached.preview("contacts", data, db.version(), lambda: imports.preview(
            db, data, upload.name, format=found, mapping=mapping), found, tuple(sorted((mapping or {}).items())))
    except imports.ImportRefused as problem:
        st.error(f"Nothing was imported. {plain(problem)}", icon=":material/error:")
        return
    st.markdown(f"**{imports.FORMAT_LABELS[result.format]}** found in {plain(upload.name)}")
    a, b, c = st.columns(3)
    a.metric("Rows", result.rows)
    b.metric("New contacts", len(result.new))
    c.metric("Duplicates / invalid", f"{len(result.duplicates)} / {len(result.invalid)}")
    if result.duplicates:
        st.caption("Already in Rapport - these are flagged, not created:")
        st.dataframe([{"row": r.number, "name": r.fields["full_name"],
                       "matches": contacts.brief(db, cid)["name"] if cid > 0 else f"row {-cid}", "why": why}
                      for r, cid, why in result.duplicates], hide_index=True)
    if result.invalid:
        st.caption("Cannot be imported:")
        st.dataframe([{"row": n, "reason": why} for n, why in result.invalid], hide_index=True)
    if result.warnings:
        st.caption("Imported, with something left out:")
        st.dataframe([{"row": n, "note": why} for n, why in result.warnings], hide_index=True)
    if st.button(f"Import {len(result.new)} new contacts", type="primary", disabled=not result.new,
                 key="import_go"):
        bar = st.progress(0.0, text="Importing…")
        imports.commit(db, result, upload.name, progress=lambda f: bar.progress(f, text="Importing…"))
        st.session_state["import_done"] = (f"Imported {len(result.new)} contacts from {plain(upload.name)}; "
                                           f"{len(result.duplicates)} duplicates flagged, not created.")
        st.session_state.pop("import_file", None)
        st.rerun()


def column_mapping(text: str) -> dict[str, str]:
    """For a plain CSV: which column holds which field, guessed, editable, and savable by name."""
    header, _ = imports.header_and_rows(text)
    saved = imports.mappings(db)
    chosen = st.selectbox("Use a saved mapping", list(saved), index=None, placeholder="None",
                          key="import_saved_mapping")
    guess = saved[chosen] if chosen else imports.suggest_mapping(header)
    st.caption("Match your columns to Rapport's fields:")
    mapping, columns = {}, st.columns(4)
    for n, field in enumerate(imports.FIELDS):
        default = guess.get(field)
        pick = columns[n % 4].selectbox(imports.FIELD_LABELS[field], header, key=f"map_{field}",
                                        index=header.index(default) if default in header else None,
                                        placeholder="Not in this file")
        if pick:
            mapping[field] = pick
    name_col, save_col = st.columns([3, 1], vertical_alignment="bottom")
    name = name_col.text_input("Save this mapping as", key="import_mapping_name")
    if save_col.button("Save mapping", key="import_mapping_save") and name.strip():
        imports.save_mapping(db, name, mapping)
        st.toast(f"Mapping '{plain(name.strip())}' saved.", icon=":material/check:")
    return mapping


with reminders_tab:
    reminder_settings.section(db)

with sync_tab:
    sync_settings.section(db)

with data_tab:
    st.markdown(f"This session works on **`{db.path}`** ({widgets.count(contacts.count(db), 'contact')}).")
    if session.in_demo():
        st.info("This is the demo database. Your own data is untouched.", icon=":material/science:")
        if st.button("Back to my data", type="primary", key="settings_leave_demo"):
            router.leave_demo()
    else:
        st.markdown("Want to see Rapport with a year of realistic data first? The demo lives in "
                    "its own file and never mixes with yours.")
        if st.button("Explore with demo data", icon=":material/science:", key="settings_demo"):
            session.enter_demo()  # shows its own progress bar
            st.rerun()
    import_section()
    st.markdown("**Take your data with you**")
    e1, e2, e3, e4 = st.columns(4)
    e1.download_button("Contacts (CSV)", lambda: exports.contacts_csv(db), file_name="rapport-contacts.csv",
                       mime="text/csv", icon=":material/table:", help="Opens in Excel; UTF-8 with formulas neutralised")
    e2.download_button("Contacts (vCard)", lambda: exports.contacts_vcard(db), file_name="rapport-contacts.vcf",
                       mime="text/vcard", icon=":material/contacts:")
    e3.download_button("Everything (JSON)", lambda: exports.everything_json(db), file_name="rapport.json",
                       mime="application/json", icon=":material/data_object:")
    e4.download_button("Backup (zip)", backup_bytes, file_name="rapport-backup.zip",
                       mime="application/zip", icon=":material/backup:",
                       help="Every table as Parquet, with a manifest of row counts and checksums")
    with st.expander("Restore a backup", icon=":material/settings_backup_restore:"):
        st.caption("Restoring replaces everything in this database with the backup. The current database "
                   "is backed up first, into a backups folder beside it.")
        upload = st.file_uploader("Backup zip", type=["zip"], key="restore_upload")
        sure = st.checkbox("Yes, replace this database with the backup", key="restore_sure")
        # A callback runs before the page opens the database, so the file can be replaced safely.
        st.button("Restore", type="primary", disabled=upload is None or not sure, key="restore_go",
                  on_click=restore_from)
        outcome = st.session_state.pop("restore_outcome", None)
        if outcome:
            (st.success if outcome[0] == "ok" else st.error)(plain(outcome[1]))
    st.markdown("Set `RAPPORT_DB` to keep your database somewhere else (a synced folder, say); "
                "the file is only held while Rapport is working, so the command line can use it "
                "while the app is open.")

with model_tab:
    current = drafting_ui.model_settings(db)
    st.markdown(
        "Rapport drafts questions, thank-yous and outreach with its **built-in offline drafter** - no "
        "key, no network. Point it at any OpenAI-compatible server to draft with a model instead.")
    status = "set up" if current.configured else "not set up: drafts come from the offline drafter"
    st.markdown(f"**Model** {status}  \n**Endpoint** {plain(current.endpoint)}  \n**Model name** "
                f"{plain(current.model)}  \n**API key** {plain(drafting_ui.key_note(current))}")
    if current.key_withheld:
        st.warning("The base URL saved here is not the one OPENAI_BASE_URL names, so your API key is not sent "
                   "to it. If you trust that server, tick *Send my API key to this server* below and save.",
                   icon=":material/key_off:")
    with st.form("llm_overrides"):
        chosen = settings.overrides(db)
        base_url = st.text_input("Base URL (blank: OPENAI_BASE_URL, else OpenAI)",
                                 value=chosen.get("llm_base_url", ""),
                                 placeholder="http://localhost:11434/v1 for Ollama", key="llm_base_url")
        model = st.text_input("Model (blank: RAPPORT_LLM_MODEL, else gpt-4o-mini)",
                              value=chosen.get("llm_model", ""), placeholder="llama3.1", key="llm_model")
        send_key = st.checkbox("Send my API key (from the environment or secrets file) to this server",
                               value=bool(chosen.get("llm_key_confirmed_for")), key="llm_send_key",
                               help="Only needed when the base URL above is not the one OPENAI_BASE_URL names.")
        if st.form_submit_button("Save endpoint and model"):
            settings.save_overrides(db, base_url, model, send_key=send_key)
            st.rerun()
    drafting_ui.session_key_field()
    if st.button("Test connection", icon=":material/network_check:", key="llm_test"):
        try:
            st.success(OpenAIProvider(drafting_ui.model_settings(db), retries=0).test_connection(),
                       icon=":material/check:")
        except errors.DraftError as problem:
            st.error(plain(problem.message), icon=":material/cloud_off:")
    log = calls.recent(db)
    st.markdown(f"**Recent model calls ({len(log)})**")
    if log.empty:
        st.caption("No model calls yet.")
    else:
        local = pd.to_datetime(log["called_at"]).dt.tz_localize("UTC").dt.tz_convert(profile.get(db).time_zone)
        st.dataframe(log.assign(called_at=local.dt.tz_localize(None)), hide_index=True, column_config={
            "called_at": st.column_config.DatetimeColumn("When", format="D MMM YYYY, HH:mm"),
            "latency_ms": "Latency (ms)", "tokens_in": "Tokens in", "tokens_out": "Tokens out",
            "output": st.column_config.TextColumn("Answer", help="structured (JSON schema), or plain_text_fallback "
                                                  "when the server refused response_format")})
