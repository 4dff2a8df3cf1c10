"""Applications: find, add, edit and delete applications; see what is wrong in the data."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from lib import ui
from lib.domain.model import Dataset
from lib.domain.schema import APPLICATIONS, Column, Kind
from lib.messages.mailto import mailto_link
from lib.views.forms import changed_fields, combine, to_widget_value, validate_application
from lib.views.literal import text as md  # sheet text in Markdown, shown as typed
from lib.views.literal import web_url
from lib.views.search import filter_applications

MAX_PICKER_OPTIONS = 500  # beyond this, narrowing the search is quicker than scrolling
LONG_TEXT = {"Topics Discussed", "Concerns Raised", "Notes"}
TABLE_COLUMNS = ["Company", "Job Title", "Status", "Applied On", "Interview On", "Last Follow-Up On", "Response On", "Source", "Location"]


def field_input(col: Column, value: Any, key: str) -> Any:
    """Render the input for one column and return its typed value."""
    label = col.name + (" *" if col.required else "")
    if col.kind is Kind.CHOICE:
        options = ["", *col.choices]
        if value and value not in options:
            options.append(value)  # keep a word the person typed by hand selectable
        return st.selectbox(label, options, index=options.index(value or ""), key=key)
    if col.kind is Kind.DATE:
        return st.date_input(label, value=to_widget_value(col.kind, value), key=key, format="YYYY-MM-DD")
    if col.kind is Kind.DATETIME:
        moment = to_widget_value(col.kind, value)
        day_col, time_col = st.columns([3, 2])
        day = day_col.date_input(label, value=moment.date() if moment else None, key=f"{key}.day", format="YYYY-MM-DD")
        at = time_col.time_input("Time", value=moment.time() if moment else None, key=f"{key}.time", step=900)
        return combine(day, at)
    if col.kind is Kind.INT:
        return int(st.number_input(label, min_value=0, step=1, value=int(value or 0), key=key))
    if col.name in LONG_TEXT:
        return st.text_area(label, value=value or "", key=key, height=80)
    return st.text_input(label, value=value or "", key=key, help=col.help or None)


def application_form(key: str, values: dict[str, Any]) -> dict[str, Any]:
    """Render every schema field (but the ID) in two columns; return what was entered."""
    out: dict[str, Any] = {}
    fields = [c for c in APPLICATIONS.columns if c.name != "ID"]
    left, right = st.columns(2)
    for i, col in enumerate(fields):
        with left if i < (len(fields) + 1) // 2 else right:
            out[col.name] = field_input(col, values.get(col.name), f"{key}.{col.name}")
    return out


def issues_panel(data: Dataset) -> None:
    problems = [i for i in data.issues if i.severity != "info"]
    infos = [i for i in data.issues if i.severity == "info"]
    if not (problems or infos or data.notes):
        return
    label = f"Data issues ({len(problems)})" if problems else "Notes about your data"
    with st.expander(label, expanded=bool(problems) and len(problems) <= 10, icon=":material/report:"):
        if problems:
            st.caption("Fix these in the sheet (or the CSV file); the rest of your data is used as usual.")
            st.dataframe(
                pd.DataFrame([{"Where": i.where, "What is wrong": i.message, "Value": i.value} for i in problems]),
                hide_index=True, key="applications.issues", on_select="ignore",
            )
        for note in data.notes + [i.message for i in infos]:
            st.caption(md(note))


def filters(apps: pd.DataFrame) -> pd.DataFrame:
    search_col, status_col, company_col, dates_col = st.columns([3, 2, 2, 2])
    text = search_col.text_input("Search", key="applications.search", placeholder="Company, job title, person, notes…")
    statuses = status_col.multiselect("Status", list(APPLICATIONS.column("Status").choices), key="applications.status")
    companies = company_col.multiselect("Company", sorted(set(apps["Company"]) - {""}), key="applications.company")
    span = dates_col.date_input("Applied between", value=(), key="applications.applied", format="YYYY-MM-DD")
    start, end = (span + (None, None))[:2] if isinstance(span, tuple) else (span, None)
    return filter_applications(apps, text=text, statuses=statuses, companies=companies, applied_from=start, applied_to=end)


def _open_selected_row() -> None:
    """Open the application whose table row was clicked (the table shows rows in its own order)."""
    picked = st.session_state["applications.table"].selection.rows
    ids = st.session_state.get("applications.table_ids", [])
    if picked and picked[0] < len(ids):
        st.session_state["applications.open"] = ids[picked[0]]


def table(rows: pd.DataFrame) -> None:
    st.session_state["applications.table_ids"] = list(rows["ID"])
    st.dataframe(
        rows[TABLE_COLUMNS],
        hide_index=True,
        key="applications.table",
        on_select=_open_selected_row,
        selection_mode="single-row",
        column_config={
            "Applied On": st.column_config.DateColumn(format="D MMM YYYY"),
            "Interview On": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm"),
            "Last Follow-Up On": st.column_config.DatetimeColumn(format="D MMM YYYY"),
            "Response On": st.column_config.DatetimeColumn(format="D MMM YYYY"),
        },
    )


def add_section() -> None:
    with st.expander("Add an application", icon=":material/add:"):
        with st.form("applications.add", clear_on_submit=False):
            values = application_form("applications.add", {"Status": "Applied", "Applied On": ui.today()})
            submitted = st.form_submit_button("Add application", type="primary")
        if submitted:
            errors = validate_application(values)
            if errors:
                for e in errors:
                    st.error(md(e))
                return
            clean = {k: v for k, v in values.items() if v not in ("", None)}
            ui.write(lambda: ui.store().add_application(clean), f"Added {values['Company']} – {values['Job Title']}")


def detail(app: dict[str, Any], data: Dataset) -> None:
    st.subheader(f"{md(app['Company'])} – {md(app['Job Title'])}")
    info, contact = st.columns(2)
    with info:
        st.markdown(
            f"**Status:** {md(app['Status']) or '—'}  \n**Source:** {md(app['Source']) or '—'}  \n**Location:** {md(app['Location']) or '—'}"
        )
        link_or_text("Job posting", app["Job Link"], "applications.job_link")
        if app["Notes"]:
            st.caption(md(app["Notes"]))
    with contact:
        who = md(app["Interviewer"].strip()) or "No interviewer recorded"  # "** x**" would not be bold
        lines = [f"**{who}**" + (f", {md(app['Interviewer Title'])}" if app["Interviewer Title"] else "")]
        if app["Interviewer Email"]:
            lines.append(f"Email: {md(app['Interviewer Email'])}")
        if app["Interviewer Phone"]:
            lines.append(f"Phone: {md(app['Interviewer Phone'])}")
        st.markdown("  \n".join(lines))
        if app["Interviewer Email"]:
            st.link_button("Write an email", mailto_link(app["Interviewer Email"], "", ""), icon=":material/mail:", key="applications.email")
        link_or_text("LinkedIn profile", app["Interviewer LinkedIn"], "applications.linkedin")
    history = data.history(app["ID"])
    st.markdown("**Follow-up history**")
    if history.empty:
        st.caption("Nothing sent or received yet.")
    else:
        st.dataframe(
            history[["Date", "Direction", "Medium", "Kind", "Subject"]], hide_index=True, key="applications.history",
            column_config={"Date": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm")},
        )
    edit_section(app)
    delete_section(app, len(history))


def link_or_text(label: str, value: str, key: str) -> None:
    """A link button to `value` when it is a web address; otherwise the text as typed."""
    if not value:
        return
    url = web_url(value)
    if url:
        st.link_button(label, url, icon=":material/open_in_new:", key=key)
    else:
        st.caption(f"{label}: {md(value)} (not a web address, so not a link)")


def edit_section(app: dict[str, Any]) -> None:
    with st.expander("Edit this application", icon=":material/edit:"):
        with st.form(f"applications.edit.{app['ID']}"):
            values = application_form(f"applications.edit.{app['ID']}", app)
            submitted = st.form_submit_button("Save changes", type="primary")
        if submitted:
            errors = validate_application(values)
            changes = changed_fields(app, values)
            if errors:
                for e in errors:
                    st.error(md(e))
            elif not changes:
                st.info("Nothing changed.")
            else:
                ui.write(lambda: ui.store().update_application(app["ID"], changes, app), f"Saved {app['Company']}")


def delete_section(app: dict[str, Any], history_count: int) -> None:
    confirm_key = f"applications.confirm_delete.{app['ID']}"
    if not st.session_state.get(confirm_key):
        if st.button("Delete application…", key=f"applications.delete.{app['ID']}", icon=":material/delete:"):
            st.session_state[confirm_key] = True
            st.rerun()
        return
    extra = f" and its {history_count} history entries" if history_count else ""
    st.warning(f"Delete {md(app['Company'])} – {md(app['Job Title'])}{extra}? A copy stays in the backups.")
    yes, no = st.columns(2)
    if yes.button("Yes, delete", type="primary", key=f"applications.delete_yes.{app['ID']}"):
        st.session_state.pop(confirm_key, None)
        ui.write(lambda: ui.store().delete_application(app["ID"]), f"Deleted {app['Company']} – {app['Job Title']}")
    if no.button("Cancel", key=f"applications.delete_no.{app['ID']}"):
        st.session_state.pop(confirm_key, None)
        st.rerun()


def picker(rows: pd.DataFrame) -> str | None:
    shown = rows.head(MAX_PICKER_OPTIONS)
    labels = dict(zip(shown["ID"], shown["Company"] + " – " + shown["Job Title"] + " (" + shown["Status"].replace("", "no status") + ")"))
    if len(rows) > MAX_PICKER_OPTIONS:
        st.caption(f"Showing the first {MAX_PICKER_OPTIONS} of {len(rows)} matches; narrow the search to find others.")
    return st.selectbox(
        "Open an application", list(labels), format_func=labels.get, index=None,
        placeholder="Choose one to see details, edit or delete", key="applications.open",
    )


def main() -> None:
    st.title("Applications")
    data = ui.dataset()
    issues_panel(data)
    add_section()
    apps = data.applications
    if apps.empty:
        st.info("No applications yet. Add your first one above.", icon=":material/work:")
        return
    rows = filters(apps)
    st.caption(f"{len(rows)} of {len(apps)} applications. Click a row, or choose below, to open one.")
    table(rows)
    chosen = picker(rows)
    if chosen:
        app = data.application(chosen)
        if app is not None:
            detail(app, data)


main()
