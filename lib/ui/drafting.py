"""Drafting widgets: choose a provider, stream a draft, show its checks, the prompt and any failure."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import streamlit as st

from lib.db import Database
from lib.drafting import checks, live, offline, prompts, service, settings
from lib.drafting.provider import OpenAIProvider
from lib.ui.text import plain

# A key pasted in Settings lives only in this browser session. It is kept under a key of its own,
# not the text field's: Streamlit forgets a widget's value once a page without that widget runs.
SESSION_KEY = "llm_session_key"
KEY_FIELD = "llm_session_key_field"


def model_settings(db: Database) -> settings.ModelSettings:
    """Settings in force for this session (a pasted key wins over the environment)."""
    return settings.read(db, session_key=st.session_state.get(SESSION_KEY) or None)


def _keep_session_key() -> None:
    st.session_state[SESSION_KEY] = (st.session_state.get(KEY_FIELD) or "").strip()


def _forget_session_key() -> None:
    st.session_state[SESSION_KEY] = ""
    st.session_state[KEY_FIELD] = ""


def session_key_field() -> None:
    """The session-only key: typed once, used on every page until the session ends or it is cleared."""
    if KEY_FIELD not in st.session_state:
        st.session_state[KEY_FIELD] = st.session_state.get(SESSION_KEY, "")
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    left.text_input("API key for this session only", type="password", key=KEY_FIELD, on_change=_keep_session_key,
                    help="Kept in this browser session, never written to the database, logs, exports or "
                         "backups. For a lasting key set OPENAI_API_KEY or .streamlit/secrets.toml.")
    right.button("Forget it", key="llm_session_key_forget", on_click=_forget_session_key,
                 disabled=not st.session_state.get(SESSION_KEY))


def key_note(current: settings.ModelSettings) -> str:
    """Which key a draft uses, in words (never the key)."""
    if current.key_withheld:
        return ("no key: the key from the environment is not sent to this server until you confirm it "
                "in Settings → Language model")
    if not current.api_key:
        return "no key"
    return f"the key from {current.key_source} ({settings.masked(current.api_key)})"


def provider_picker(db: Database, key: str) -> OpenAIProvider | None:
    """Offline or the model; the model is offered only when one is set up, and says which."""
    current = model_settings(db)
    options = [offline.NAME, "openai"] if current.configured else [offline.NAME]
    labels = {offline.NAME: "Offline drafter (built in, no network)",
              "openai": f"Model {plain(current.model)} at {plain(current.endpoint)}"}
    choice = st.radio("Draft with", options, format_func=labels.get, key=key, horizontal=True,
                      index=options.index(service.default_choice(current)))
    if choice == "openai":
        st.caption(f"Drafts with {plain(key_note(current))}.")
    if not current.configured:
        st.caption("No model is set up, so drafts come from the built-in drafter. Settings → Language "
                   "model explains how to use OpenAI or a local Ollama.")
    return service.provider_for(choice, current)


def show_checks(found: list[checks.Check]) -> None:
    """The checklist beside a draft."""
    for check in found:
        mark = ":green[:material/check_circle:]" if check.ok else ":red[:material/error:]"
        st.markdown(f"{mark} {plain(check.name)}" + (f" - {plain(check.detail)}" if check.detail else ""))


def prompt_preview(run: service.Run) -> None:
    """What will be sent: the exact prompt (the offline drafter reads the same context)."""
    with st.expander("What will be sent", icon=":material/visibility:"):
        if run.provider is None:
            st.caption("The offline drafter sends nothing anywhere; it reads the same context a model "
                       "would be given:")
        st.code(prompts.preview(run.prompt), language=None, wrap_lines=True)


def stream(run: service.Run, replace: bool = False) -> service.Draft:
    """Show the draft as it arrives, then return it (with any error and partial text). With `replace`,
    the streamed text is cleared once finished, for a page that then shows the draft its own way."""
    holder = st.empty()
    with holder.container(border=True):
        note = st.empty()
        st.write_stream(_without_notes(run.readable(), note))
    note.empty()
    if replace and run.draft.ok:
        holder.empty()
    return run.draft


def _without_notes(pieces: Iterator[str], note: Any) -> Iterator[str]:
    """The draft's text for st.write_stream; a note ("The model is thinking…") shows above it only until
    the draft's first words arrive."""
    noted = False
    for piece in pieces:
        if isinstance(piece, live.Note):
            note.caption(plain(piece))
            noted = True
            continue
        if noted:
            note.empty()
            noted = False
        yield piece


def show_failure(draft: service.Draft) -> None:
    """Say what went wrong, and keep whatever arrived, marked as incomplete."""
    st.error(plain(draft.error.message if draft.error else "The draft did not finish."), icon=":material/cloud_off:")
    if draft.text.strip():
        st.caption("Incomplete - this is what arrived before the failure:")
        st.code(draft.text, language=None, wrap_lines=True)


def apply_pending(key: str) -> None:
    """Place a finished draft into the subject and body fields, before those widgets are drawn."""
    pending = st.session_state.pop(f"{key}_pending", None)
    if pending is not None:
        st.session_state[f"{key}_subject"] = pending.subject
        st.session_state[f"{key}_body"] = pending.body


def message_draft(db: Database, key: str, make_run: Callable[[OpenAIProvider | None], service.Run],
                  label: str) -> None:
    """Draft a message into the `key` fields: on success it fills them; on failure they stay as typed.

    After a failure the reason and any partial text stay on screen, with the offline draft one click
    away - never swapped in without asking.
    """
    failed = f"{key}_failed"
    run = make_run(provider_picker(db, f"{key}_provider"))
    prompt_preview(run)
    if st.button(label, key=f"{key}_draft_it", icon=":material/auto_awesome:"):
        draft = stream(run)
        if draft.ok:
            st.session_state.pop(failed, None)
            st.session_state[f"{key}_pending"] = draft.message
            st.rerun()
        st.session_state[failed] = draft
    if failed in st.session_state:
        show_failure(st.session_state[failed])
        if st.button("Take the offline draft instead", key=f"{key}_offline"):
            st.session_state.pop(failed, None)
            st.session_state[f"{key}_pending"] = service.finish(make_run(None)).message
            st.rerun()
