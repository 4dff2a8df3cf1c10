"""What only the Google Sheets store promises: few requests, real dates, retries, clear errors."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lib.domain.schema import APPLICATIONS, TABS, column_letter
from lib.io.demo import generate
from lib.io.store.errors import ConflictError, MissingColumnError, SourceUnavailableError, StoreError
from lib.io.store.gsheets import CredentialsError, GoogleSheetsStore, RetryPolicy, spreadsheet_key
from tests.fakes.sheets_api import FakeSheetsAPI

TODAY = date(2026, 11, 22)
EMAIL = "tracker@job-search.iam.gserviceaccount.com"


@pytest.fixture
def fake():
    return FakeSheetsAPI()


def make(fake, tabs=None, **kwargs):
    sid = fake.create_spreadsheet(tabs=tabs if tabs is not None else {t.title: [t.headers] for t in TABS})
    sleeps: list[float] = []
    store = GoogleSheetsStore(fake.client, sid, client_email=EMAIL, sleep=sleeps.append, **kwargs)
    return store, sid, sleeps


def with_rows(fake, count):
    store, sid, _sleeps = make(fake)
    apps, history = generate(count, TODAY)
    store.replace_all(apps, history, {})
    return store, sid


def test_a_load_is_one_request(fake):
    store, _ = with_rows(fake, 50)
    store.load(TODAY)  # opens the spreadsheet (metadata) on first use
    fake.reset_counters()
    data = store.load(TODAY)
    assert fake.request_count == 1
    assert len(data.applications) == 50


@pytest.mark.parametrize("count", [20, 2000])
def test_a_single_edit_is_two_small_requests_whatever_the_size(fake, count):
    store, _ = with_rows(fake, count)
    app = store.load(TODAY).applications.iloc[count // 2].to_dict()
    fake.reset_counters()
    store.update_application(app["ID"], {"Notes": "called them", "Status": "Interviewing"}, app)
    assert fake.request_count == 2
    assert fake.bytes_sent < 2048


def test_text_stays_text_and_dates_are_real_dates(fake):
    store, sid, _ = make(fake)
    typed = {"Notes": "=HYPERLINK(\"http://x\")", "Interviewer Phone": "+44 20 7946 0958", "Location": "007",
             "Outcome": "-", "Source": "@recruiter"}
    app_id = store.add_application({"Company": "Acme", "Job Title": "Analyst", "Applied On": date(2026, 11, 2), **typed})
    values = dict(zip(fake.values(sid, "Applications")[0], fake.values(sid, "Applications")[1]))
    for name, text in typed.items():
        assert values[name] == text  # computed value is the text itself: no formula ran
    assert values["Applied On"] == 46328
    col = APPLICATIONS.headers.index("Applied On")
    assert fake.number_format(sid, "Applications", f"{chr(65 + col)}2")["type"] == "DATE"
    assert {k: store.load(TODAY).application(app_id)[k] for k in typed} == typed


def test_appends_below_the_table_whatever_the_person_left(fake):
    grid = [APPLICATIONS.headers + ["My column"], ["A-1", "One", "T"], [], [], ["A-2", "Two", "T"]]
    store, sid, _ = make(fake, tabs={"Applications": grid, "Follow-ups": [], "Settings": []})
    store.add_application({"Company": "Three", "Job Title": "T"})
    rows = fake.grid(sid, "Applications")
    assert rows[5][1] == "Three"  # sheet row 6, right below the last row with data
    assert [r[1] for r in rows[1:] if any(r)] == ["One", "Two", "Three"]


def test_hand_edit_of_the_same_cell_between_read_and_write_is_refused(fake):
    store, sid, _ = make(fake)
    app_id = store.add_application({"Company": "Acme", "Job Title": "Analyst"})
    app = store.load(TODAY).application(app_id)
    col = chr(65 + APPLICATIONS.headers.index("Company"))
    fake.before_request(lambda api, rec: api.set_cell(sid, "Applications", f"{col}2", "Acme Corp"))
    with pytest.raises(ConflictError) as err:
        store.update_application(app_id, {"Company": "ACME"}, app)
    assert "Acme Corp" in str(err.value) and "ACME" in str(err.value)
    assert fake.grid(sid, "Applications")[1][1] == "Acme Corp"


def test_quota_burst_then_success(fake):
    store, sid, sleeps = make(fake)
    store.load(TODAY)
    fake.fail_next(3, 429)
    app_id = store.add_application({"Company": "Acme", "Job Title": "Analyst"})
    assert len(sleeps) == 3
    assert [r[0] for r in fake.grid(sid, "Applications")[1:]] == [app_id]


def test_server_error_storm_fails_clearly_and_writes_nothing(fake):
    store, sid, sleeps = make(fake, retry=RetryPolicy(attempts=4))
    store.load(TODAY)
    before = fake.grid(sid, "Applications")
    fake.fail_next(50, 503)
    with pytest.raises(SourceUnavailableError, match="server error"):
        store.add_application({"Company": "Acme", "Job Title": "Analyst"})
    assert fake.grid(sid, "Applications") == before
    assert len(sleeps) == 3  # bounded


@pytest.mark.parametrize("fault", [dict(status=500), dict(timeout=True)])
def test_write_whose_answer_is_lost_is_not_duplicated(fake, fault):
    store, sid, _ = make(fake)
    app_id = store.add_application({"Company": "Acme", "Job Title": "Analyst"})
    app = store.load(TODAY).application(app_id)
    fake.fail_next(1, method="POST", path_contains=":batchUpdate", after_serving=True, **fault)
    store.log_followup(app_id, {"Date": datetime(2026, 11, 20), "Direction": "Sent", "Kind": "Follow-up"}, {"Follow-Ups Sent": 1}, app)
    fake.fail_next(1, method="POST", path_contains=":batchUpdate", after_serving=True, **fault)
    store.add_application({"Company": "Second", "Job Title": "T"})
    assert len(fake.grid(sid, "Follow-ups")) == 2
    assert [r[1] for r in fake.grid(sid, "Applications")[1:]] == ["Acme", "Second"]
    assert store.load(TODAY).application(app_id)["Follow-Ups Sent"] == 1


def test_timeouts_on_read_are_retried(fake):
    store, _, sleeps = make(fake)
    store.load(TODAY)
    fake.fail_next(2, timeout=True)
    store.load(TODAY)
    assert len(sleeps) == 2


def test_not_shared_names_the_service_account(fake):
    store, sid, _ = make(fake)
    fake.deny(sid)
    with pytest.raises(SourceUnavailableError, match=EMAIL):
        store.load(TODAY)


def test_unknown_spreadsheet(fake):
    store = GoogleSheetsStore(fake.client, "https://docs.google.com/spreadsheets/d/nope123/edit#gid=0", sleep=lambda s: None)
    with pytest.raises(SourceUnavailableError, match="No spreadsheet has the key 'nope123'"):
        store.load(TODAY)


def test_credentials_that_stop_working(fake):
    store, _, _ = make(fake)
    store.load(TODAY)
    fake.revoke_credentials()
    with pytest.raises(CredentialsError, match="did not accept"):
        store.load(TODAY)


def test_missing_tab_is_an_issue_on_read_and_an_error_on_write(fake):
    store, _, _ = make(fake, tabs={"Applications": [APPLICATIONS.headers]})
    data = store.load(TODAY)
    assert any("'Follow-ups' is missing" in i.message for i in data.issues)
    with pytest.raises(StoreError, match="Set up this spreadsheet"):
        store.save_settings({"a": "b"})


@pytest.mark.parametrize(
    "cfg, words",
    [
        ({"spreadsheet": "k"}, "lacks: type, client_email, private_key, token_uri"),
        ({"spreadsheet": "k", "type": "service_account", "client_email": EMAIL, "token_uri": "https://t",
          "private_key": "-----BEGIN PRIVATE KEY-----\nNOTAKEYSECRETMATERIAL\n-----END PRIVATE KEY-----\n"}, "cannot be read"),
    ],
)
def test_bad_credentials_say_what_to_do_and_never_show_the_key(cfg, words):
    with pytest.raises(CredentialsError) as err:
        GoogleSheetsStore.from_config(cfg).load(TODAY)
    assert words in str(err.value)
    assert "NOTAKEYSECRETMATERIAL" not in str(err.value)
    assert err.value.__cause__ is None and (err.value.__context__ is None or err.value.__suppress_context__)


def test_no_spreadsheet_named():
    with pytest.raises(CredentialsError, match="No spreadsheet is named"):
        GoogleSheetsStore(lambda: None, "")


@pytest.mark.parametrize(
    "text, key",
    [("https://docs.google.com/spreadsheets/d/1AbC-_x9/edit#gid=0", "1AbC-_x9"), ("1AbC-_x9", "1AbC-_x9"), (" 1AbC ", "1AbC")],
)
def test_spreadsheet_key(text, key):
    assert spreadsheet_key(text) == key


def test_set_up_an_empty_spreadsheet_twice(fake):
    store, sid, _ = make(fake, tabs={"Sheet1": [["keep me"]]})
    done = store.set_up(7)
    assert any("Added the tab 'Applications'" in d for d in done)
    assert fake.grid(sid, "Sheet1") == [["keep me"]]
    assert fake.grid(sid, "Applications")[0] == APPLICATIONS.headers
    assert fake.sheet_properties(sid, "Applications")["gridProperties"]["frozenRowCount"] == 1
    assert len(fake.conditional_formats(sid, "Applications")) == 1
    again = store.set_up(7)
    assert not any("added the column" in d for d in again)
    assert len(fake.conditional_formats(sid, "Applications")) == 1
    assert fake.grid(sid, "Applications")[0] == APPLICATIONS.headers


def test_set_up_keeps_the_persons_columns(fake):
    store, sid, _ = make(fake, tabs={"Applications": [["Company", "Salary", "Position"]]})
    store.set_up(7)
    header = fake.grid(sid, "Applications")[0]
    assert header[:3] == ["Company", "Salary", "Position"]
    assert "Job Title" not in header  # Position already is the job title
    assert "Status" in header


# --- a header the person renamed ----------------------------------------------------------------


def renamed(fake, old: str, new: str):
    """A sheet with one application, then the person renames the `old` header to `new`."""
    store, sid, _ = make(fake)
    app_id = store.add_application({"Company": "Acme", "Job Title": "Analyst", "Status": "Applied"})
    fake.set_cell(sid, "Applications", f"{column_letter(APPLICATIONS.headers.index(old))}1", new)
    return store, sid, app_id


@pytest.mark.parametrize("new_name", ["Where We Are", "Stat"])
def test_an_edit_of_a_renamed_column_is_refused_naming_the_header(fake, new_name):
    named = f"'{new_name}'"
    store, sid, app_id = renamed(fake, "Status", new_name)
    app = store.load(TODAY).application(app_id)
    before = fake.grid(sid, "Applications")
    with pytest.raises(MissingColumnError) as err:
        store.update_application(app_id, {"Status": "Interviewing", "Notes": "called"}, app)
    assert "no 'Status' column" in str(err.value) and named in str(err.value) and "rename it back" in str(err.value)
    assert fake.grid(sid, "Applications") == before  # nothing written, no column added
    with pytest.raises(MissingColumnError):
        store.log_followup(app_id, {"Date": datetime(2026, 11, 20), "Direction": "Sent", "Kind": "Follow-up"},
                           {"Status": "Interviewing"}, app)
    assert len(fake.grid(sid, "Follow-ups")) == 1


def test_other_saves_go_on_and_never_add_the_column_behind_the_persons_back(fake):
    store, sid, app_id = renamed(fake, "Status", "Where We Are")
    app = store.load(TODAY).application(app_id)
    store.update_application(app_id, {"Notes": "called"}, app)
    new_id = store.add_application({"Company": "Beta", "Job Title": "Engineer", "Status": ""})
    with pytest.raises(MissingColumnError, match="'Status'"):
        store.add_application({"Company": "Gamma", "Job Title": "Engineer", "Status": "Applied"})
    header = fake.grid(sid, "Applications")[0]
    assert "Status" not in header and header.count("Where We Are") == 1
    data = store.load(TODAY)
    assert data.application(app_id)["Notes"] == "called" and data.application(new_id)["Company"] == "Beta"
    assert "Gamma" not in set(data.applications["Company"])
