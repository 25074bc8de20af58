"""The sign-in gate the router passes before any page runs, when Rapport is reachable beyond loopback."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

import streamlit as st

from lib import access

SIGNED_IN = "rapport_signed_in"
TRIES = "rapport_sign_in_tries"
MAX_TRIES, PAUSE_SECONDS = 5, 30


def _secret(name: str) -> object | None:
    try:
        return st.secrets.get(name)
    except Exception:  # Streamlit raises when there is no secrets file at all
        return None


def screen() -> Callable[[], None] | None:
    """None when this session may see data; otherwise what to show instead (sign in, or how to set it up)."""
    if access.is_loopback(st.get_option("server.address")):
        return None
    if _secret("auth"):
        return None if st.user.is_logged_in else _account_screen
    stored = _secret(access.SECRET_NAME)
    if isinstance(stored, str) and stored:
        return None if st.session_state.get(SIGNED_IN) else partial(_password_screen, stored)
    return _explain_setup


def sign_out_button() -> None:
    """In the sidebar, once signed in beyond loopback."""
    if access.is_loopback(st.get_option("server.address")):
        return
    if _secret("auth"):
        st.button("Sign out", icon=":material/logout:", on_click=st.logout, key="sign_out")
    elif st.session_state.get(SIGNED_IN):
        st.button("Sign out", icon=":material/logout:", key="sign_out",
                  on_click=lambda: st.session_state.pop(SIGNED_IN, None))


def _account_screen() -> None:
    st.title("Sign in to Rapport")
    st.markdown("Rapport is open to other computers on this network, so it asks who you are first.")
    st.button("Sign in with your account", type="primary", icon=":material/login:", on_click=st.login)


def _password_screen(stored: str) -> None:
    st.title("Sign in to Rapport")
    st.markdown("Rapport is open to other computers on this network, so it asks for its password first.")
    tries = st.session_state.setdefault(TRIES, [])
    recent = [t for t in tries if time.monotonic() - t < PAUSE_SECONDS]
    with st.form("sign_in"):
        password = st.text_input("Password", type="password", key="sign_in_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        if len(recent) >= MAX_TRIES:
            st.error(f"Too many wrong passwords. Wait {PAUSE_SECONDS} seconds, then try again.",
                     icon=":material/lock_clock:")
        elif access.verify(password, stored):
            st.session_state[SIGNED_IN] = True
            st.session_state.pop(TRIES, None)
            st.rerun()
        else:
            tries.append(time.monotonic())
            st.error("That password is not right.", icon=":material/lock:")


def _explain_setup() -> None:
    st.title("Rapport is reachable from other computers")
    st.markdown(
        "This server listens on an address other computers can reach, and no sign-in is set up, so Rapport "
        "shows no data here. Either:\n\n"
        "- run it for this computer only: remove `server.address` from the command line (it is "
        "`localhost` in `.streamlit/config.toml`), or\n"
        "- set a password: `python -m lib.cli set-password`, then restart, or\n"
        "- sign in with an account: add an `[auth]` section to `.streamlit/secrets.toml` "
        "(see the README, *Sign-in beyond this computer*).")
