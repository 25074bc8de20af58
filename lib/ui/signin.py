"""The sign-in gate the router passes before any page runs, when Rapport is reachable beyond loopback."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from lib import access

SIGNED_IN = "rapport_signed_in"


def _secret(name: str) -> object | None:
    try:
        return st.secrets.get(name)
    except Exception:  # Streamlit raises when there is no secrets file at all
        return None


def _header(name: str) -> str | None:
    value = st.context.headers.get(name)
    return str(value) if value else None


def screen() -> Callable[[], None] | None:
    """None when this session may see data; otherwise what to show instead (sign in, or how to set it up)."""
    address = st.get_option("server.address")
    if not access.connection_allowed(_header("Host"), _header("Origin"), address,
                                     list(st.get_option("server.allowedHosts") or [])):
        return _foreign_address
    if access.is_loopback(address):
        return None
    st.set_option("client.showErrorDetails", "none")  # no stack traces or server paths beyond this computer
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
    with st.form("sign_in"):
        password = st.text_input("Password", type="password", key="sign_in_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if not submitted:
        return
    client = st.context.ip_address
    wait = access.ATTEMPTS.wait(client)
    if wait > 0:
        st.error(f"Too many wrong passwords. Wait {int(wait) + 1} seconds, then try again.",
                 icon=":material/lock_clock:")
        return
    try:
        with access.ATTEMPTS.checking():
            right = access.verify(password, stored)
    except access.Busy as busy:
        st.warning(str(busy), icon=":material/hourglass_top:")
        return
    if right:
        access.ATTEMPTS.succeeded(client)
        st.session_state[SIGNED_IN] = True
        st.rerun()
    access.ATTEMPTS.failed(client)
    st.error("That password is not right.", icon=":material/lock:")


def _foreign_address() -> None:
    st.title("Rapport cannot be opened from this address")
    st.markdown(
        "This page reached Rapport under a name or from a page it does not serve, so it shows nothing here. "
        "Open it at the address it printed when it started (for example http://localhost:8501). Serving it "
        "under your own host name? Add that name to `server.allowedHosts` (see the README, *Sign-in beyond "
        "this computer*).")


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
