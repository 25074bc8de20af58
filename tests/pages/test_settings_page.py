"""pages/settings.py through AppTest: the whole profile, and switching to and from the demo."""

from lib import profile
from lib.db import Database
from tests.pages.conftest import shown, texts

PAGE = "pages/settings.py"


def test_the_full_profile_saves_reminder_defaults_too(app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    at.text_input(key="settings_profile_name").input("Sam")
    at.text_input(key="settings_profile_email").input("sam@example.com")
    at.number_input(key="settings_profile_window").set_value(48)
    at.number_input(key="settings_profile_close").set_value(21)
    at.selectbox(key="settings_profile_plan").select("premium")
    at.button(key="FormSubmitter:settings_profile-Save profile").click().run()
    assert "Profile saved." in texts(at)
    saved = profile.get(app_db)
    assert (saved.name, saved.email, saved.thank_you_window_hours, saved.cadence_close_days, saved.linkedin_plan) == (
        "Sam", "sam@example.com", 48, 21, "premium")


def test_the_data_tab_names_the_file_and_switches_to_the_demo_and_back(app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    assert f"`{app_db.path}`" in texts(at)
    at.button(key="settings_demo").click().run()
    assert "This is the demo database" in texts(at)
    profile.save(app_db, name="Sam")  # an onboarded user goes back to where they were
    at.button(key="settings_leave_demo").click().run()
    assert f"`{app_db.path}`" in texts(at)
    assert at.title[0].value == "Settings"


def test_the_data_tab_offers_every_export_and_refuses_a_bad_backup(app_db: Database, open_app) -> None:
    from lib import contacts

    contacts.create(app_db, full_name="Keep me")
    at = open_app(PAGE)
    labels = {b.label for b in at.get("download_button")}
    assert {"Contacts (CSV)", "Contacts (vCard)", "Everything (JSON)", "Backup (zip)"} <= labels
    assert at.button(key="restore_go").disabled  # nothing uploaded, nothing confirmed


def test_a_crafted_backup_is_refused_in_settings_with_one_sentence_and_no_traceback(app_db, tmp_path,
                                                                                    open_app) -> None:
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    from lib import contacts
    from tests.test_io_backup import _craft, _manifest, _parquet

    contacts.create(app_db, full_name="Keep me")
    owned = tmp_path / "owned.csv"
    name = f"setting (key) SELECT 'x' WHERE false; COPY (SELECT 'owned' AS a) TO '{owned}'; --"
    data = _parquet(app_db, "SELECT 'k' AS key, 'v' AS value, now()::TIMESTAMP AS updated_at", tmp_path / "s.parquet")
    crafted = _craft(tmp_path / "crafted.zip", _manifest({name: data}), {f"{name}.parquet": data})
    at = open_app("pages/settings.py")
    at.session_state["restore_upload"] = UploadedFile(
        UploadedFileRec("1", "crafted.zip", "application/zip", crafted.read_bytes()), None)
    at.run()
    at.checkbox(key="restore_sure").check().run()
    at.button(key="restore_go").click().run()
    assert not at.exception
    said = shown(at.error[0].value)
    assert said.startswith("Nothing was changed. crafted.zip cannot be restored: its manifest names a table")
    assert not owned.exists() and contacts.count(app_db) == 1


def test_the_demo_stays_in_the_address_so_a_reload_keeps_it(app_db, demo_file, open_app) -> None:
    import shutil

    from lib import config, profile

    profile.save(app_db, name="Maya")
    shutil.copy(demo_file, config.demo_database_path())
    at = open_app("pages/today.py", demo="1")  # a reloaded or shared demo address, in a new session
    assert "You are exploring **demo data**" in [i.value for i in at.sidebar.info][0]
    assert at.query_params["demo"] == "1"
    at.sidebar.button(key="leave_demo").click().run()
    assert "demo" not in at.query_params
    assert "Showing **your own data**." in [c.value for c in at.sidebar.caption]


def test_reminder_channels_are_shown_redacted_and_send_a_test(app_db, open_app, tmp_path, monkeypatch) -> None:
    from lib import profile
    from tests.fakes.channels import Hook, Mailbox
    from tests.pages.conftest import texts

    profile.save(app_db, name="Sam", time_zone="Australia/Melbourne")
    with Hook() as hook, Mailbox(password="canary-pw-in-settings") as box:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(f'[reminders]\nurls = ["{box.url()}", "ntfy://127.0.0.1:{hook.port}/rapport"]\n')
        monkeypatch.setenv("RAPPORT_SECRETS", str(secrets))
        at = open_app("pages/settings.py")
        page = texts(at)
        assert "mailto://sam:****@127.0.0.1" in page  # the user sees which channel, not its password
        assert "canary-pw-in-settings" not in page and "canary-pw-in-settings" not in str(at)
        tests = [b for b in at.button if b.label == "Send a test"]
        assert len(tests) == 2
        tests[1].click().run()
        assert len(hook.requests) == 1 and "This channel works" in hook.requests[0]["body"]
        assert any("Sent a test to" in s.value for s in at.success)


def test_reminder_times_are_saved_in_the_profile(app_db, open_app) -> None:
    from lib import profile

    profile.save(app_db, name="Sam", time_zone="America/Los_Angeles")
    at = open_app("pages/settings.py")
    next(n for n in at.number_input if n.label.startswith("Morning digest at (hour, America/Los_Angeles)")).set_value(6)
    next(b for b in at.button if b.label == "Save reminder times").click().run()
    assert profile.get(app_db).digest_hour == 6


def test_one_contact_is_said_in_the_singular(app_db: Database, open_app) -> None:
    from lib import contacts

    contacts.create(app_db, full_name="Ana Okafor")
    assert "(1 contact)." in texts(open_app(PAGE))


def test_sync_tab_tests_the_mailbox_syncs_it_shows_what_was_logged_and_undoes_it(app_db, open_app, tmp_path,
                                                                                  monkeypatch) -> None:
    from lib import contacts, profile
    from tests.fakes.imap import ImapServer
    from tests.pages.conftest import texts

    profile.save(app_db, name="Sam", email="sam@example.com", time_zone="UTC")
    contacts.create(app_db, full_name="Ana Okafor", email="ana@ledgerly.example")
    mail = (b"Message-ID: <n1@mail.gmail.com>\r\nDate: Mon, 23 Nov 2026 08:00:00 +0000\r\n"
            b"From: Ana Okafor <ana@ledgerly.example>\r\nTo: sam@example.com\r\nSubject: Notes\r\n\r\nBody\r\n")
    with ImapServer(user="sam@example.com", password="canary-imap-in-settings") as imap:
        imap.deliver("INBOX", mail)
        secrets = tmp_path / "secrets.toml"
        secrets.write_text("[sync.mail]\n" + "".join(f'{k} = "{v}"\n' for k, v in imap.settings().items()))
        monkeypatch.setenv("RAPPORT_SECRETS", str(secrets))
        at = open_app("pages/settings.py")
        assert "sam@example.com at 127.0.0.1" in texts(at)
        next(b for b in at.button if b.label == "Test the connection").click().run()
        assert "Signed in to 127.0.0.1 as sam@example.com; Rapport reads INBOX." in texts(at)
        next(b for b in at.button if b.label == "Sync now").click().run()
        assert "1 item read, 1 entry logged, 0 already logged." in texts(at)
        assert "canary-imap-in-settings" not in str(at)
        next(b for b in at.button if b.label.startswith("Undo the last sync")).click().run()
        assert "Sync undone: 1 entry taken back." in texts(at)
    assert app_db.value("SELECT count(*) FROM interaction WHERE note LIKE 'Email%'") == 0
