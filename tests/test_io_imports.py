"""lib/io/imports.py: every format as it really comes, every bad file, and nothing half-imported."""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import contacts, organisations
from lib.db import Database
from lib.io import batches, exports, imports, undo
from tests.conftest import ROOT

LINKEDIN = ("\ufeffNotes:\r\n\"When exporting your connection data, you may notice that some of the email "
            "addresses are missing. You will only see email addresses for connections who have allowed their "
            "connections to see or download their email address.\"\r\n\r\n"
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
            "Ana,Okafor,https://www.linkedin.com/in/ana-okafor,,Ledgerly,UX Researcher,15 Mar 2024\r\n"
            "Bo,Chen,https://www.linkedin.com/in/bo-chen,bo@greenline.example,Greenline,Product Manager,02 Jan 2025\r\n"
            "Cy,Patel,https://www.linkedin.com/in/cy-patel,,Ledgerly,Data Analyst,someday\r\n")
LINKEDIN_OLD = ("First Name,Last Name,Email Address,Company,Position,Connected On\n"
                "Di,Novak,,Carbonwise,Founder,01 Feb 2019\n")
GOOGLE = ("First Name,Middle Name,Last Name,Phonetic First Name,Nickname,Organization Name,Organization Title,"
          "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Labels\n"
          "Ed,,Fischer,,,Medisphere,Nurse Lead,* Work,ed@medisphere.example,Mobile,+44 7700 900123,"
          "Mentors ::: * myContacts\n")
GOOGLE_LEGACY = ("Name,Given Name,Additional Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
                 "Organization 1 - Name,Organization 1 - Title\n"
                 "Fay Larsen,Fay,,Larsen,Alumni ::: * myContacts,* Home,fay@example.org,CareLoop,Designer\n")
VCARDS = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Gus Mensah\r\nN:Mensah;Gus;;;\r\nEMAIL;TYPE=INTERNET:gus@example.org\r\n"
          "ORG:Quill Academy\r\nTITLE:Learning Designer\r\nCATEGORIES:education,mentor\r\nEND:VCARD\r\n"
          "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Hana Kim\r\nN:Kim;Hana;;;\r\nTEL:+1 555 0100\r\n"
          "URL:https://www.linkedin.com/in/hana-kim\r\nEND:VCARD\r\n")


def test_linkedin_as_exported_with_preamble_bom_crlf_and_empty_emails(db: Database) -> None:
    result = imports.preview(db, LINKEDIN.encode("utf-8"), "Connections.csv")
    assert (result.format, result.rows, len(result.new)) == ("linkedin", 3, 3)
    assert result.warnings == [(7, "'someday' is not a date Rapport could read; first met left empty")]
    imports.commit(db, result, "Connections.csv")
    ana = contacts.search(db, "Okafor").iloc[0]
    assert (ana["organisation"], ana["role"], ana["source"], str(ana["first_met_on"])[:10]) == (
        "Ledgerly", "UX Researcher", "linkedin", "2024-03-15")
    assert organisations.find_by_name(db, "Greenline") is not None


def test_an_older_linkedin_file_without_preamble_or_url_column(db: Database) -> None:
    result = imports.preview(db, LINKEDIN_OLD.encode(), "old.csv")
    assert result.format == "linkedin" and result.new[0].fields["first_met_on"] == date(2019, 2, 1)


@pytest.mark.parametrize(("text", "name", "tags"), [
    (GOOGLE, "Ed Fischer", ["Mentors"]), (GOOGLE_LEGACY, "Fay Larsen", ["Alumni"])])
def test_google_contacts_current_and_legacy_with_labels_as_tags(db: Database, text, name, tags) -> None:
    result = imports.preview(db, text.encode())
    assert result.format in ("google", "google_legacy")
    imports.commit(db, result)
    person = contacts.search(db, name).iloc[0]
    assert person["tags"] == ", ".join(tags)
    assert person["email"] and person["organisation"]


def test_vcards_3_and_4_in_one_file(db: Database) -> None:
    result = imports.preview(db, VCARDS.encode())
    assert result.format == "vcard" and len(result.new) == 2
    imports.commit(db, result)
    gus = contacts.get(db, int(contacts.search(db, "Gus").iloc[0]["id"]))
    assert (gus["organisation"], gus["role"], gus["tag_list"]) == ("Quill Academy", "Learning Designer",
                                                                   ["education", "mentor"])
    assert contacts.search(db, "Hana").iloc[0]["linkedin_url"] == "https://www.linkedin.com/in/hana-kim"


def test_any_csv_with_a_mapping_that_can_be_saved_and_reused(db: Database) -> None:
    text = "Person;Works at;Mail\nIda Costa;Arden & Co;ida@arden.example\n"
    mapping = {"full_name": "Person", "organisation": "Works at", "email": "Mail"}
    imports.save_mapping(db, "my sheet", mapping)
    assert imports.mappings(db) == {"my sheet": mapping}
    result = imports.preview(db, text.encode(), format="csv", mapping=imports.mappings(db)["my sheet"])
    assert result.new[0].fields["email"] == "ida@arden.example"


def test_duplicates_of_existing_contacts_are_flagged_not_created(db: Database) -> None:
    contacts.create(db, full_name="Ana Okafor", linkedin_url="linkedin.com/in/ana-okafor")
    contacts.create(db, full_name="B. Chen", email="BO@greenline.example")
    contacts.create(db, full_name="Patel Cy", organisation="Ledgerly")
    result = imports.preview(db, LINKEDIN.encode())
    assert sorted(why for _, _, why in result.duplicates) == [
        "same LinkedIn profile", "same email (bo@greenline.example)", "same name at Ledgerly"]
    assert result.new == []
    imports.commit(db, result)
    assert contacts.count(db) == 3


def test_an_import_is_undone_as_a_whole(db: Database) -> None:
    contacts.create(db, full_name="Already here", organisation="Ledgerly")
    batch = imports.commit(db, imports.preview(db, LINKEDIN.encode()), "Connections.csv")
    assert contacts.count(db) == 4
    assert undo.undo(db, batch) == 3
    assert list(contacts.search(db)["name"]) == ["Already here"]
    assert organisations.names(db) == ["Ledgerly"]  # Greenline came with the import, and went with it
    assert batches.last(db) is None


@pytest.mark.parametrize(("data", "says"), [
    (b"", "The file is empty"),
    (b"PK\x03\x04\x14\x00rest-of-a-workbook", "looks like an Excel workbook"),
    (b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n", "no rows"),
    (b"\x00\x01\x02binary\x00junk", "not a text file"),
])
def test_files_that_cannot_be_imported_say_what_to_do(db: Database, data: bytes, says: str) -> None:
    with pytest.raises(imports.ImportRefused, match=says):
        imports.preview(db, data)
    assert contacts.count(db) == 0


def test_utf16_from_excel_and_latin1_are_read(db: Database) -> None:
    excel = "Name\tCompany\tE-mail\r\nJosé Müller\tCoinpath\tjose@coinpath.example\r\n".encode("utf-16")
    mapping = {"full_name": "Name", "organisation": "Company", "email": "E-mail"}
    assert imports.preview(db, excel, format="csv", mapping=mapping).new[0].fields["full_name"] == "José Müller"
    latin = "Name,Company\nJosé Müller,Coinpath\n".encode("latin-1")
    assert imports.preview(db, latin).new[0].fields["full_name"] == "José Müller"


def test_ragged_rows_long_fields_and_bad_values_are_reported_row_by_row(db: Database) -> None:
    text = ("Name,Email,Notes\nAna Okafor,ana@example.org\nBo Chen,bo@example.org,ok,extra,cells\n"
            f"Cy Patel,cy@example.org,{'x' * 6000}\n,,\nDi Novak,not-mail,\n")
    result = imports.preview(db, text.encode())
    assert len(result.new) == 3
    assert result.warnings == [(4, "Notes was cut to 5,000 characters")]
    assert [n for n, _ in result.invalid] == [6] and "not an email address" in result.invalid[0][1]


def test_rapports_own_csv_export_reimports_to_the_same_contacts(demo_db: Database, db: Database) -> None:
    exported = exports.contacts_csv(demo_db)
    result = imports.preview(db, exported, "rapport-contacts.csv")
    assert result.format == "csv" and len(result.new) == 80 and not result.invalid
    imports.commit(db, result)
    def people(d: Database) -> list[tuple]:
        frame = contacts.export_rows(d)
        return sorted((r["name"], r["email"], r["organisation"], r["role"], tuple(sorted(r["tags"])))
                      for r in frame)
    assert people(db) == people(demo_db)


def test_a_commit_that_fails_half_way_leaves_nothing(db: Database) -> None:
    rows = "".join(f"Person {n},p{n}@example.org\n" for n in range(5000))
    result = imports.preview(db, ("Name,Email\n" + rows).encode())

    def fail_after_the_first_chunk(fraction: float) -> None:
        raise RuntimeError("the machine lost power")

    with pytest.raises(RuntimeError):
        imports.commit(db, result, progress=fail_after_the_first_chunk)
    assert contacts.count(db) == 0 and batches.last(db) is None


CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(CELL, min_size=0, max_size=6), min_size=0, max_size=12))
def test_random_csv_never_crashes_and_never_half_imports(db: Database, table: list[list[str]]) -> None:
    text = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in table)
    before = contacts.count(db)
    try:
        result = imports.preview(db, text.encode("utf-8"))
    except imports.ImportRefused:
        assert contacts.count(db) == before
        return
    imports.commit(db, result)
    assert contacts.count(db) == before + len(result.new)


# -- real files, hostile input ---------------------------------------------------------------------

LINKEDIN_TWICE = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
                  "Ana,Okafor,https://www.linkedin.com/in/ana-okafor,,Ledgerly,UX Researcher,15 Mar 2024\r\n"
                  "Bo,Chen,https://www.linkedin.com/in/bo-chen,,Greenline,Product Manager,02 Jan 2025\r\n"
                  "Ana,Okafor,https://www.linkedin.com/in/ana-okafor,ana@ledgerly.example,Ledgerly,,03 Jun 2025\r\n")


def test_a_connection_listed_twice_in_one_file_is_one_contact_merged_field_by_field(db: Database) -> None:
    result = imports.preview(db, LINKEDIN_TWICE.encode(), "Connections.csv")
    assert (len(result.new), len(result.duplicates)) == (2, 1)
    row, ident, why = result.duplicates[0]
    assert (row.number, ident) == (4, -2) and why == "same LinkedIn profile as row 2 of this file; merged into it"
    imports.commit(db, result)
    ana = contacts.search(db, "Okafor")
    assert len(ana) == 1
    assert (ana.iloc[0]["email"], ana.iloc[0]["role"]) == ("ana@ledgerly.example", "UX Researcher")


@pytest.mark.parametrize("text", [
    "Name,Email,Company\nAna Okafor,ana@x.example,Ledgerly\nANA OKAFOR,Ana@X.example,\n",
    "Name,Email,Company\nAna Okafor,,Ledgerly\nAna Okafor,,Ledgerly\n",
    "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Okafor\nEMAIL:ana@x.example\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Ana O.\nEMAIL:ana@x.example\nTITLE:Lead\nEND:VCARD\n",
])
def test_rows_of_one_file_that_are_the_same_person_make_one_contact_in_every_format(db: Database, text) -> None:
    result = imports.preview(db, text.encode())
    assert len(result.new) == 1 and len(result.duplicates) == 1
    imports.commit(db, result)
    assert contacts.count(db) == 1


APPLE_VCARD = ("BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 15.1//EN\r\nN:Nguyen;Ana;;;\r\n"
               "FN:Ana Nguyen\r\nORG:Deloitte, Australia;Consulting\r\nTITLE:Director, Strategy\r\n"
               "NOTE:Met at UX Australia, Sydney\\nLikes cycling\r\nCATEGORIES:work,mentors\r\n"
               "item1.ADR;type=WORK;type=pref:;;1 George St;Sydney;NSW;2000;Australia\r\n"
               "item2.EMAIL;type=INTERNET;type=pref:ana@deloitte.example\r\nEND:VCARD\r\n"
               "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\r\n"
               "ORG;CHARSET=UTF-8:Bäckerei Schmidt\\, GmbH\r\nEND:VCARD\r\n")


def test_vcard_structured_and_comma_values_are_read_whole_however_they_are_escaped(db: Database) -> None:
    result = imports.preview(db, APPLE_VCARD.encode(), "contacts.vcf")
    assert result.invalid == []
    ana, jurgen = (r.fields for r in result.new)
    assert (ana["organisation"], ana["role"], ana["location"], ana["tags"]) == (
        "Deloitte, Australia, Consulting", "Director, Strategy", "Sydney, NSW, Australia", ["work", "mentors"])
    assert ana["notes"] == "Met at UX Australia, Sydney\nLikes cycling"
    assert (jurgen["full_name"], jurgen["organisation"]) == ("Jürgen Müller", "Bäckerei Schmidt, GmbH")


def test_one_broken_byte_does_not_turn_a_utf8_file_into_mojibake(db: Database) -> None:
    data = "Name,Company\nJürgen Müller,Zürich AG\nZoë Brandt,Köln\n".encode() + b"Bad \xff Byte,Acme\n"
    result = imports.preview(db, data, "people.csv")
    names = [r.fields["full_name"] for r in result.new]
    assert names[:2] == ["Jürgen Müller", "Zoë Brandt"] and names[2] == "Bad \ufffd Byte"
    assert (4, "Some characters could not be read and show as �; check this person's details") in result.warnings


def test_a_windows_1252_file_still_reads_as_windows_1252(db: Database) -> None:
    result = imports.preview(db, "Name,Company\nJürgen Müller,Zürich AG\n".encode("cp1252"), "legacy.csv")
    assert result.new[0].fields["full_name"] == "Jürgen Müller" and result.warnings == []


def test_nul_bytes_inside_a_field_are_removed(db: Database) -> None:
    data = b"Name,Company\n" + b"x" * 2100 + b"\nAna\x00 Okafor,Led\x00gerly\n"
    result = imports.preview(db, data, "nul.csv")
    assert [r.fields["full_name"] for r in result.new][-1] == "Ana Okafor"


@pytest.mark.parametrize(("data", "says"), [
    (("," .join(f"c{n}" for n in range(10_000)) + "\n" + "," * 9_999 + "x\n").encode(), "10,000 columns"),
    (b"Name,Notes\nAna,\"" + b"y" * (10 * 1024 * 1024) + b"\"\n", "a cell is larger than 1 MB"),
])
def test_files_of_absurd_shape_are_refused_with_a_sentence(db: Database, data: bytes, says: str) -> None:
    with pytest.raises(imports.ImportRefused, match=says):
        imports.preview(db, data, "odd.csv")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(db: Database, tmp_path, monkeypatch, capsys) -> None:
    from lib import cli

    monkeypatch.setenv("RAPPORT_MAX_IMPORT_MB", "1")
    big = tmp_path / "big.csv"
    big.write_bytes(b"Name\n" + b"Ana Okafor\n" * 200_000)
    with pytest.raises(imports.ImportRefused, match=r"is 2 MB; Rapport imports files up to 1 MB"):
        imports.preview(db, big.read_bytes(), "big.csv")
    assert cli.main(["import", "csv", str(big), "--db", db.path]) == 1
    assert "RAPPORT_MAX_IMPORT_MB" in capsys.readouterr().err


LIBRARY_WORDS = ("Input should", "valid string", "Field required", "value is not", "validation error",
                 "type=", "pydantic", "Value error")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.text(max_size=300), st.text(max_size=60), st.text(max_size=60), st.text(max_size=30)),
                min_size=1, max_size=5))
def test_no_reason_carries_a_validation_librarys_wording(db: Database, rows) -> None:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Name", "Email", "LinkedIn", "First met"])
    writer.writerows(rows)
    try:
        result = imports.preview(db, out.getvalue().encode(), "generated.csv",
                                 mapping={"full_name": "Name", "email": "Email", "linkedin_url": "LinkedIn",
                                          "first_met_on": "First met"})
    except imports.ImportRefused as refused:
        reasons = [str(refused)]
    else:
        reasons = [r for _, r in result.invalid] + [r for _, r in result.warnings]
    for reason in reasons:
        assert not any(word.lower() in reason.lower() for word in LIBRARY_WORDS), reason


def test_eight_simultaneous_imports_of_one_file_create_each_person_once(db: Database, tmp_path) -> None:
    import subprocess
    import sys

    first = ["Ana", "Bo", "Cy", "Di", "Ed", "Fay", "Gus", "Hana"]
    last = ["Okafor", "Chen", "Patel", "Novak", "Fischer"]
    rows = "".join(f"{f} {name},{f.lower()}.{name.lower()}@example.org,Org {n % 3}\n"
                   for n, (f, name) in enumerate((f, name) for f in first for name in last))
    source = tmp_path / "people.csv"
    source.write_text("Name,Email,Company\n" + rows)
    environment = {"RAPPORT_DB_BUSY_TIMEOUT": "60"}
    children = [subprocess.Popen([sys.executable, "-m", "lib.cli", "import", "csv", str(source), "--db", db.path],
                                 cwd=ROOT, env=os.environ | environment, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(8)]
    outcomes = [child.communicate(timeout=300) for child in children]
    assert all(child.returncode == 0 for child in children), outcomes
    assert contacts.count(db) == 40
    from lib import integrity

    assert integrity.problems(db) == []


def test_an_import_killed_half_way_leaves_nothing_and_the_file_opens(db: Database, tmp_path) -> None:
    from lib import integrity
    from tests.conftest import run_killed

    contacts.create(db, full_name="Already here")
    rows = "".join(f"Given{n} Family{n},p{n}@example.org,Org {n % 50}\n" for n in range(5_000))
    (tmp_path / "big.csv").write_text("Name,Email,Company\n" + rows)
    run_killed(
        "from lib.db import Database\nfrom lib.io import imports\n"
        f"db = Database({db.path!r})\n"
        f"result = imports.preview(db, open({str(tmp_path / 'big.csv')!r}, 'rb').read(), 'big.csv')\n"
        "imports.commit(db, result, 'big.csv', progress=die)  # after the first 2,000 rows went in\n")
    assert list(contacts.search(db)["name"]) == ["Already here"]
    assert batches.last(db) is None and integrity.problems(db) == []
