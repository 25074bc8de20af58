"""Beyond loopback Rapport asks for sign-in before any page: a password, an account, or a page saying how.

Each server here listens on every interface (0.0.0.0), as `--server.address 0.0.0.0` would make it;
the browser still connects over loopback.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lib import contacts
from lib.db import Database
from tests.conftest import ROOT
from tests.e2e.helpers import click_button, expect_title, open_page
from tests.e2e.servers import start_server

EXPOSED = ["--server.address", "0.0.0.0"]
PASSWORD = "correct horse battery staple"


@pytest.fixture
def exposed_folder(demo_file: Path, tmp_path: Path) -> Path:
    shutil.copy(demo_file, tmp_path / "rapport.duckdb")
    return tmp_path


def _someone(folder: Path) -> str:
    return contacts.search(Database(folder / "rapport.duckdb"))["name"].iloc[0]


@pytest.mark.parametrize("path", ["", "contacts", "settings"])
def test_exposed_with_nothing_configured_shows_how_to_set_sign_in_and_no_data(exposed_folder, page: Page,
                                                                              path: str) -> None:
    secrets = exposed_folder / "secrets.toml"
    secrets.write_text("")
    server = start_server(exposed_folder, args=[*EXPOSED, "--secrets.files", str(secrets)])
    try:
        open_page(page, f"{server.url}/{path}")
        expect_title(page, "Rapport is reachable from other computers")
        expect(page.get_by_text("python -m lib.cli set-password")).to_be_visible()
        assert _someone(exposed_folder) not in page.content()
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    finally:
        server.stop()


def test_exposed_with_a_password_asks_for_it_and_lets_in_only_the_right_one(exposed_folder, page: Page) -> None:
    secrets = exposed_folder / "secrets.toml"
    secrets.write_text('OPENAI_BASE_URL = "http://localhost:11434/v1"\n\n[other]\nkept = true\n')
    setter = subprocess.run([sys.executable, "-m", "lib.cli", "set-password", "--secrets", str(secrets)],
                            input=PASSWORD + "\n", text=True, capture_output=True, cwd=ROOT, timeout=60)
    assert setter.returncode == 0, setter.stderr
    stored = secrets.read_text()
    assert PASSWORD not in stored and stored.startswith('RAPPORT_PASSWORD_HASH = "scrypt$') and "kept = true" in stored
    server = start_server(exposed_folder, args=[*EXPOSED, "--secrets.files", str(secrets)])
    try:
        open_page(page, f"{server.url}/contacts")
        expect_title(page, "Sign in to Rapport")
        page.get_by_label("Password", exact=True).fill("not the password")
        click_button(page, "Sign in")
        expect(page.get_by_text("That password is not right.")).to_be_visible()
        assert _someone(exposed_folder) not in page.content()
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        click_button(page, "Sign in")
        expect_title(page, "Contacts")
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    finally:
        server.stop()


def test_exposed_with_an_account_provider_offers_streamlit_sign_in_and_no_data(exposed_folder, page: Page) -> None:
    secrets = exposed_folder / "secrets.toml"
    secrets.write_text('[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\n'
                       'cookie_secret = "a-long-random-string-for-tests"\nclient_id = "rapport"\n'
                       'client_secret = "secret"\n'
                       'server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"\n')
    server = start_server(exposed_folder, args=[*EXPOSED, "--secrets.files", str(secrets)])
    try:
        open_page(page, f"{server.url}/today")
        expect_title(page, "Sign in to Rapport")
        expect(page.get_by_role("button", name="Sign in with your account")).to_be_visible()
        assert _someone(exposed_folder) not in page.content()
    finally:
        server.stop()


def test_a_short_password_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    setter = subprocess.run([sys.executable, "-m", "lib.cli", "set-password", "--secrets", str(secrets)],
                            input="short\n", text=True, capture_output=True, cwd=ROOT, timeout=60)
    assert setter.returncode == 1 and "at least 10 characters" in setter.stderr and not secrets.exists()
