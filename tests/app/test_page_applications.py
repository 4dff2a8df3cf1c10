"""The Applications page: it renders, and adding, editing and deleting change the store."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.domain.literal import shown
from tests.conftest import no_exceptions

PAGE = "app_pages/applications.py"


@pytest.mark.parametrize("fixture", ["demo_store", "fresh_store", "sheets_demo", "sheets_empty"])
def test_renders_on_demo_and_empty(request, app_on, fixture):
    at = app_on(request.getfixturevalue(fixture), PAGE)
    no_exceptions(at)
    assert at.title[0].value == "Applications"


@pytest.mark.parametrize("fixture", ["demo_store", "sheets_demo"])
def test_demo_rows_are_listed(request, app_on, fixture):
    at = app_on(request.getfixturevalue(fixture), PAGE)
    shown = at.dataframe(key="applications.table").value
    assert len(shown) == 30
    assert "Northwind Analytics" in set(shown["Company"])


@pytest.mark.parametrize("fixture", ["fresh_store", "sheets_empty"])
def test_add_application_through_the_form(request, app_on, fixture):
    fresh_store = request.getfixturevalue(fixture)
    at = app_on(fresh_store, PAGE)
    at.text_input(key="applications.add.Company").input("Acme Rockets")
    at.text_input(key="applications.add.Job Title").input("Flight Data Analyst")
    at.text_input(key="applications.add.Interviewer Phone").input("+44 20 7946 0958")
    at.button(key="FormSubmitter:applications.add-Add application").click().run()
    no_exceptions(at)
    apps = fresh_store.load(date.today()).applications
    assert list(apps["Company"]) == ["Acme Rockets"]
    assert apps.iloc[0]["Interviewer Phone"] == "+44 20 7946 0958"
    assert "Acme Rockets" in set(at.dataframe(key="applications.table").value["Company"])


def test_add_requires_company_and_title(app_on, fresh_store):
    at = app_on(fresh_store, PAGE)
    at.button(key="FormSubmitter:applications.add-Add application").click().run()
    assert any("Company is required" in e.value for e in at.error)
    assert fresh_store.load(date.today()).applications.empty


def test_response_before_applied_is_refused(app_on, fresh_store):
    at = app_on(fresh_store, PAGE)
    at.text_input(key="applications.add.Company").input("Acme")
    at.text_input(key="applications.add.Job Title").input("Analyst")
    at.date_input(key="applications.add.Applied On").set_value(date(2026, 5, 10))
    at.date_input(key="applications.add.Response On.day").set_value(date(2026, 5, 1))
    at.button(key="FormSubmitter:applications.add-Add application").click().run()
    assert any("is before Applied On" in e.value for e in at.error)
    assert fresh_store.load(date.today()).applications.empty


@pytest.mark.parametrize("fixture", ["demo_store", "sheets_demo"])
def test_edit_application(request, app_on, fixture):
    demo_store = request.getfixturevalue(fixture)
    at = app_on(demo_store, PAGE)
    app_id = demo_store.load(date.today()).applications.set_index("Company").loc["Quill Publishing", "ID"]
    at.selectbox(key="applications.open").set_value(app_id).run()
    at.text_area(key=f"applications.edit.{app_id}.Notes").input("Spoke to a recruiter")
    at.selectbox(key=f"applications.edit.{app_id}.Status").set_value("Interviewing")
    at.button(key=f"FormSubmitter:applications.edit.{app_id}-Save changes").click().run()
    no_exceptions(at)
    row = demo_store.load(date.today()).application(app_id)
    assert row["Notes"] == "Spoke to a recruiter"
    assert row["Status"] == "Interviewing"


@pytest.mark.parametrize("fixture", ["demo_store", "sheets_demo"])
def test_delete_application_with_confirmation(request, app_on, fixture):
    demo_store = request.getfixturevalue(fixture)
    at = app_on(demo_store, PAGE)
    app_id = demo_store.load(date.today()).applications.set_index("Company").loc["Atlas Retail", "ID"]
    at.selectbox(key="applications.open").set_value(app_id).run()
    at.button(key=f"applications.delete.{app_id}").click().run()
    assert demo_store.load(date.today()).application(app_id) is not None  # not yet: asks first
    at.button(key=f"applications.delete_yes.{app_id}").click().run()
    no_exceptions(at)
    data = demo_store.load(date.today())
    assert data.application(app_id) is None
    assert data.history(app_id).empty


def test_data_issues_are_listed(app_on, fresh_store):
    fresh_store.data_dir.mkdir(parents=True)
    (fresh_store.data_dir / "applications.csv").write_text("ID,Company,Job Title,Applied On\nA-1,Acme,,3/4/2026\n")
    at = app_on(fresh_store, PAGE)
    no_exceptions(at)
    issues = at.dataframe[0].value
    assert "Applications!D2 (Applied On)" in set(issues["Where"])
    assert "Applications!C2 (Job Title)" in set(issues["Where"])


def test_sidebar_names_the_data_source(app_on, sheets_demo, demo_store):
    assert "My job search" in app_on(sheets_demo, PAGE).sidebar.caption[0].value
    assert str(demo_store.data_dir) in shown(app_on(demo_store, PAGE).sidebar.caption[0].value)


@pytest.mark.parametrize("fixture", ["fresh_store", "sheets_empty"])
def test_quick_add_takes_company_title_and_a_link(request, app_on, fixture):
    store = request.getfixturevalue(fixture)
    at = app_on(store, PAGE)
    at.text_input(key="applications.quick.company").input("Acme Rockets")
    at.text_input(key="applications.quick.title").input("Flight Data Analyst")
    at.text_input(key="applications.quick.extra").input("acme.example/jobs/42")
    at.button(key="FormSubmitter:applications.quick-Add").click().run()
    no_exceptions(at)
    (row,) = store.load(date.today()).applications.to_dict("records")
    assert (row["Company"], row["Job Title"], row["Status"]) == ("Acme Rockets", "Flight Data Analyst", "Applied")
    assert row["Job Link"] == "https://acme.example/jobs/42" and row["Source"] == ""
    assert row["Applied On"].date() == date.today()
    assert at.text_input(key="applications.quick.company").value == ""  # emptied: a second click adds nothing


def test_quick_add_keeps_words_as_the_source_and_asks_about_a_duplicate(app_on, demo_store):
    at = app_on(demo_store, PAGE)
    at.text_input(key="applications.quick.company").input("Quill Publishing")
    existing = demo_store.load(date.today()).applications.set_index("Company").loc["Quill Publishing", "Job Title"]
    at.text_input(key="applications.quick.title").input(existing)
    at.text_input(key="applications.quick.extra").input("a friend")
    at.button(key="FormSubmitter:applications.quick-Add").click().run()
    assert any("already have" in w.value for w in at.warning)
    assert len(demo_store.load(date.today()).applications) == 30
    at.button(key="applications.quick.add_anyway").click().run()
    apps = demo_store.load(date.today()).applications
    assert len(apps) == 31 and list(apps["Source"])[-1] == "a friend"


def test_quick_add_refuses_a_blank_company(app_on, fresh_store):
    at = app_on(fresh_store, PAGE)
    at.text_input(key="applications.quick.title").input("Analyst")
    at.button(key="FormSubmitter:applications.quick-Add").click().run()
    assert any("Company is required" in e.value for e in at.error)
    assert fresh_store.load(date.today()).applications.empty
    assert at.text_input(key="applications.quick.title").value == "Analyst"  # kept to fix


def test_table_cells_are_never_none_and_own_columns_show(app_on, demo_store):
    by_hand_csv = demo_store.data_dir / "applications.csv"
    frame = pd.read_csv(by_hand_csv, dtype=str, keep_default_na=False)
    frame["Salary"] = ["£50k"] + [""] * (len(frame) - 1)  # a column the person added by hand
    frame.to_csv(by_hand_csv, index=False)
    at = app_on(demo_store, PAGE)
    no_exceptions(at)
    table = at.dataframe(key="applications.table").value
    assert "Salary" in table.columns and "£50k" in set(table["Salary"])
    assert "Interview On" in table.columns and "Job Link" in table.columns
    for column in table.columns:
        assert not table[column].isna().any(), column
        assert not table[column].astype(str).isin(["None", "NaT", "nan"]).any(), column


def test_a_data_issue_names_its_application_and_opens_it(app_on, demo_store):
    path = demo_store.data_dir / "applications.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["Company"] == "Quill Publishing", "Applied On"] = "the day after"  # not a date
    frame.to_csv(path, index=False)
    app_id = frame.set_index("Company").loc["Quill Publishing", "ID"]
    at = app_on(demo_store, PAGE)
    (issues,) = [d.value for d in at.dataframe if "What is wrong" in d.value.columns]
    mine = issues[issues["Value"] == "the day after"]
    assert list(mine["Application"]) == [f"Quill Publishing – {frame.set_index('Company').loc['Quill Publishing', 'Job Title']}"]
    at.text_input(key="applications.search").input("Northwind").run()  # a filter that hides it
    at.button(key=f"applications.fix.{app_id}").click().run()
    no_exceptions(at)
    assert at.selectbox(key="applications.open").value == app_id
    assert any("Quill Publishing" in shown(s.value) for s in at.subheader)


def test_source_is_chosen_from_those_in_use(app_on, demo_store):
    at = app_on(demo_store, PAGE)
    used = sorted({s for s in demo_store.load(date.today()).applications["Source"] if s})
    box = at.selectbox(key="applications.add.Source")
    assert set(used) <= set(box.options)
    at.text_input(key="applications.add.Company").input("Acme Rockets")
    at.text_input(key="applications.add.Job Title").input("Flight Data Analyst")
    box.set_value(used[0])
    at.button(key="FormSubmitter:applications.add-Add application").click().run()
    no_exceptions(at)
    assert demo_store.load(date.today()).applications.set_index("Company").loc["Acme Rockets", "Source"] == used[0]
    # A new one (typed in quick add here) is offered from then on.
    at.text_input(key="applications.quick.company").input("Kite Labs")
    at.text_input(key="applications.quick.title").input("Analyst")
    at.text_input(key="applications.quick.extra").input("Careers fair")
    at.button(key="FormSubmitter:applications.quick-Add").click().run()
    assert "Careers fair" in at.selectbox(key="applications.add.Source").options


def test_the_full_form_is_grouped_and_folds_what_does_not_matter_yet(app_on, fresh_store):
    at = app_on(fresh_store, PAGE)
    titles = [e.label for e in at.expander]
    assert {"The interview", "The interviewer", "Follow-up"} <= set(titles)
    folded = {e.label: e.proto.expanded for e in at.expander}
    assert folded["The interview"] is False and folded["Follow-up"] is True  # a new one is Applied


def test_the_application_page_says_the_next_step_and_writes_it(app_on, demo_store):
    at = app_on(demo_store, PAGE)
    app_id = demo_store.load(date.today()).applications.set_index("Company").loc["Quill Publishing", "ID"]
    at.selectbox(key="applications.open").set_value(app_id).run()
    texts = [shown(m.value) for m in at.markdown]
    assert any(t.startswith("**Next: ") for t in texts), texts
    at.button(key="applications.write").click().run()
    no_exceptions(at)
    assert at.selectbox(key="follow_up.app").value == app_id


def test_long_notes_are_folded(app_on, demo_store):
    path = demo_store.data_dir / "applications.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    long_note = "Spoke to the hiring manager about the team. " * 12
    frame.loc[frame["Company"] == "Quill Publishing", "Notes"] = long_note
    frame.to_csv(path, index=False)
    at = app_on(demo_store, PAGE)
    at.selectbox(key="applications.open").set_value(frame.set_index("Company").loc["Quill Publishing", "ID"]).run()
    notes = [e for e in at.expander if e.label == "Notes"]
    assert len(notes) == 1 and shown(notes[0].caption[0].value) == long_note.strip()


def test_notes_typed_as_a_long_list_are_folded_too(app_on, fresh_store):
    note = "\n".join(f"- point {n}" for n in range(8))  # short, but eight lines
    app_id = fresh_store.add_application({"Company": "Acme", "Job Title": "Analyst", "Status": "Applied",
                                          "Applied On": date.today(), "Notes": note, "Topics Discussed": "Data quality"})
    at = app_on(fresh_store, PAGE)
    at.selectbox(key="applications.open").set_value(app_id).run()
    assert [e.label for e in at.expander if e.label in ("Notes", "Topics discussed")] == ["Notes"]
    assert any("Data quality" in shown(c.value) for c in at.caption)  # a short one stays open


def link_buttons(at) -> dict[str, str]:
    return {b.proto.label: b.proto.url for b in at.get("link_button")}


def test_the_interviewer_can_be_written_to_called_and_found_on_linkedin(app_on, fresh_store):
    app_id = fresh_store.add_application({
        "Company": "Acme", "Job Title": "Analyst", "Status": "Interviewing", "Applied On": date.today(),
        "Interviewer": "Dana Lee", "Interviewer Email": "dana@acme.example", "Interviewer Phone": "+44 (20) 7946-0958",
        "Interviewer LinkedIn": "https://www.linkedin.com/in/dana-lee",
    })
    at = app_on(fresh_store, PAGE)
    at.selectbox(key="applications.open").set_value(app_id).run()
    no_exceptions(at)
    links = link_buttons(at)
    assert links["Email"].startswith("mailto:dana@acme.example")
    assert links["Call"] == "tel:+442079460958"
    assert links["LinkedIn"] == "https://www.linkedin.com/in/dana-lee"
    assert any("Phone: +44 (20) 7946-0958" in shown(m.value) for m in at.markdown)  # shown as typed


def test_contact_cells_that_are_no_address_or_number_stay_plain_text(app_on, fresh_store):
    app_id = fresh_store.add_application({
        "Company": "Acme", "Job Title": "Analyst", "Status": "Interviewing", "Applied On": date.today(),
        "Interviewer Phone": "ask reception for Sam", "Interviewer LinkedIn": "linkedin: dana lee",
        "Interviewer Email": "via the recruiter",
    })
    at = app_on(fresh_store, PAGE)
    at.selectbox(key="applications.open").set_value(app_id).run()
    no_exceptions(at)
    assert not {"Call", "LinkedIn", "Email"} & set(link_buttons(at))
    assert any("Email: via the recruiter" in shown(m.value) for m in at.markdown)
    assert any("Phone: ask reception for Sam" in shown(m.value) for m in at.markdown)


def test_the_application_page_draws_its_timeline(app_on, demo_store):
    at = app_on(demo_store, PAGE)
    app_id = demo_store.load(date.today()).applications.set_index("Company").loc["Quill Publishing", "ID"]
    at.selectbox(key="applications.open").set_value(app_id).run()
    no_exceptions(at)
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec = charts[0].proto.spec
    assert '"Applied"' in spec and '"Today' in spec


def test_an_application_without_dates_says_its_timeline_comes_later(app_on, demo_store):
    at = app_on(demo_store, PAGE)
    app_id = demo_store.load(date.today()).applications.set_index("Company").loc["Summit Outdoor", "ID"]  # on the wishlist
    at.selectbox(key="applications.open").set_value(app_id).run()
    no_exceptions(at)
    assert not at.get("plotly_chart")
    assert any("No dates yet" in c.value for c in at.caption)


def test_the_applications_page_says_where_it_stands_under_its_name(app_on, demo_store):
    """Its status and the days since the last contact, as on its card on the Board."""
    from lib.domain.literal import shown

    apps = demo_store.load(date.today()).applications
    row = apps[apps["Status"] == "Interviewing"].iloc[0]
    at = app_on(demo_store, "app_pages/applications.py")
    at.selectbox(key="applications.open").set_value(row["ID"]).run()
    captions = [shown(c.value) for c in at.caption]
    assert any(c.startswith("**Interviewing** · last contact ") for c in captions), captions
