"""Applications: find, add, edit and delete applications; see what is wrong in the data."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import pandas as pd
import streamlit as st

from app_pages.capture import quick_add_form
from lib import ui
from lib.domain.history import entries
from lib.domain.literal import tel_url, web_url
from lib.domain.literal import text as md  # sheet text in Markdown, shown as typed
from lib.domain.model import Dataset
from lib.domain.records import read_application
from lib.domain.schema import APPLICATIONS, Column, Kind
from lib.messages.mailto import mailto_link
from lib.pipeline.app_timeline import application_events, application_timeline_chart
from lib.planner.rules import ActionKind
from lib.views.board import contact_text, days_since_contact
from lib.views.board import next_step as next_step_text
from lib.views.form_layout import SECTIONS as FORM_SECTIONS
from lib.views.form_layout import is_open, source_choices
from lib.views.forms import (
    changed_fields,
    changes_since,
    combine,
    describe_changes,
    edit_problems,
    is_valid_email,
    likely_duplicates,
    remembered,
    to_widget_value,
    unreadable_notes,
    validate_application,
    with_web_links,
)
from lib.views.issues import applications_to_fix, issue_rows
from lib.views.search import filter_applications
from lib.views.table import DEFAULT_COLUMNS, choosable_columns, own_columns, table_view

FOLLOW_UP_PAGE = "app_pages/follow_up.py"
K = "applications."  # the page's key prefix (what it showed is kept under it)
LONG_NOTE = 280  # characters: longer notes are folded on the application's page
LONG_NOTE_LINES = 5  # lines: so are notes typed as a list, however short each line
MAX_ISSUE_LINKS = 20  # buttons to open an application with an issue; the table lists them all
MAX_PICKER_OPTIONS = 500  # beyond this, narrowing the search is quicker than scrolling
LONG_TEXT = {"Topics Discussed", "Concerns Raised", "Notes"}


def field_input(col: Column, value: Any, key: str, sources: list[str]) -> Any:
    """Render the input for one column and return its typed value; `sources` are the Source values already used."""
    label = col.name + (" *" if col.required else "")
    if col.name == "Source":
        options = ["", *sources]
        if value and value not in options:
            options.append(value)
        chosen = st.selectbox(label, options, index=options.index(value or ""), key=key, accept_new_options=True,
                              help="One you used before, or type a new one.")
        return chosen or ""
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


def application_form(key: str, values: dict[str, Any], sources: list[str]) -> dict[str, Any]:
    """Render every schema field (but the ID), section by section; return what was entered.

    Sections that do not matter for the application's status, and hold nothing, start folded.
    """
    out: dict[str, Any] = {}
    for section in FORM_SECTIONS:
        box = st.container() if not section.open_for else st.expander(section.title, expanded=is_open(section, values))
        with box:
            if not section.open_for:
                st.markdown(f"**{section.title}**")
            left, right = st.columns(2)
            for i, name in enumerate(section.fields):
                col = APPLICATIONS.column(name)
                with left if i < (len(section.fields) + 1) // 2 else right:
                    out[name] = field_input(col, values.get(name), f"{key}.{name}", sources)
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
                pd.DataFrame(issue_rows(problems, data.applications, data.followups)),
                hide_index=True, key="applications.issues", on_select="ignore",
                column_config={"What is wrong": st.column_config.TextColumn(width="large")},
            )
            to_fix = applications_to_fix(problems, data.applications, data.followups)
            if to_fix:
                st.caption("Open one to edit it here:")
                with st.container(horizontal=True, gap="small"):
                    for app_id, name in to_fix[:MAX_ISSUE_LINKS]:
                        st.button(md(name), key=f"applications.fix.{app_id}", on_click=open_application, args=(app_id,),
                                  icon=":material/edit:", type="tertiary")
        for note in data.notes + [i.message for i in infos]:
            st.caption(md(note))


def open_application(app_id: str) -> None:
    """Open an application below (a callback: it runs before the picker is drawn), clearing the filters that hide it."""
    for key in ("applications.search", "applications.status", "applications.company", "applications.applied"):
        st.session_state.pop(key, None)
    st.session_state["applications.open"] = app_id


def filters(data: Dataset) -> tuple[pd.DataFrame, Hashable]:
    """The filter widgets; return the rows they keep and what they ask (a key for what is derived from the rows)."""
    apps = data.applications
    search_col, status_col, company_col, dates_col = st.columns([3, 2, 2, 3])  # the date range shows both days
    text = search_col.text_input("Search", key="applications.search", placeholder="Company, job title, person, notes…")
    statuses = status_col.multiselect("Status", list(APPLICATIONS.column("Status").choices), key="applications.status")
    company_names = ui.derived("applications.companies", data, None, lambda: sorted(set(apps["Company"]) - {""}))
    companies = company_col.multiselect("Company", company_names, key="applications.company")
    span = dates_col.date_input("Applied between", value=[], key="applications.applied", format="YYYY-MM-DD")
    start, end = (span + (None, None))[:2] if isinstance(span, tuple) else (span, None)
    asked = (text, tuple(statuses), tuple(companies), start, end)
    # Worked out once per read and filter: a click elsewhere on the page does not redo it for every row.
    rows = ui.derived("applications.rows", data, asked, lambda: filter_applications(
        apps, text=text, statuses=statuses, companies=companies, applied_from=start, applied_to=end))
    return rows, asked


def _open_selected_row() -> None:
    """Open the application whose table row was clicked (the table shows rows in its own order)."""
    picked = st.session_state["applications.table"].selection.rows
    ids = st.session_state.get("applications.table_ids", [])
    if picked and picked[0] < len(ids):
        st.session_state["applications.open"] = ids[picked[0]]


def column_picker(data: Dataset) -> list[str]:
    """The columns the table shows: the app's usual ones and the person's own, unless they choose others."""
    apps = data.applications
    default = [*DEFAULT_COLUMNS, *own_columns(apps, data.extra_columns)]
    with st.popover("Columns", icon=":material/view_column:"):
        return st.multiselect(
            "Columns to show", choosable_columns(apps, data.extra_columns), default=default, key="applications.columns",
            help="Your own columns in the sheet (a Salary column, say) are listed too.",
        )


def table(data: Dataset, rows: pd.DataFrame, asked: Hashable, columns: list[str]) -> None:
    shown = columns or ["Company", "Job Title"]
    view = ui.derived("applications.table", data, (asked, tuple(shown)), lambda: table_view(rows, shown))
    st.session_state["applications.table_ids"] = list(rows["ID"])
    # Dates are ISO text, sized to their content by the table; links open the page, and show no address.
    config: dict[str, Any] = {name: st.column_config.LinkColumn(display_text="Open ↗", width="small") for name in view.links}
    config.update({name: st.column_config.TextColumn(width=view.date_width(name)) for name in view.dates})
    st.dataframe(
        view.frame,
        hide_index=True,
        key="applications.table",
        on_select=_open_selected_row,
        selection_mode="single-row",
        column_config=config,
    )


OPEN_PARAM = "open"  # ?open=<ID> opens that application's page
SCROLL = "applications.scroll_to"  # set when opened from another page: show its page, not the top
RELABEL = "applications.relabel"  # set by a save: the picker sends the open application's new label
ADD = "applications.add"  # the add form's widgets
ADD_PENDING = "applications.add_pending"  # an application held back as a likely duplicate
ADD_CLEAR = "applications.add_clear"  # set by a successful add: the next run empties the form
# A form's widgets are refilled by setting their state before they are drawn (not by deleting
# it): only a value set through the Session State API is sent to the browser, which otherwise
# keeps showing, and on the next submit sends back, what it had.


def form_state(key: str, values: dict[str, Any]) -> dict[str, Any]:
    """Return widget key -> state that shows `values` in every input `application_form(key, ...)` draws."""
    state: dict[str, Any] = {}
    for col in APPLICATIONS.columns:
        if col.name != "ID":
            state.update(widget_state(col, values.get(col.name), key))
    return state


def add_section(apps: pd.DataFrame) -> None:
    pending = st.session_state.get(ADD_PENDING)
    defaults = {"Status": "Applied", "Applied On": ui.today()}
    if st.session_state.pop(ADD_CLEAR, False):
        st.session_state.update(form_state(ADD, defaults))
    with st.expander("Add an application", icon=":material/post_add:", expanded=pending is not None):
        with st.form(ADD, clear_on_submit=False):  # cleared by hand after a successful add: a refused one keeps the input
            values = application_form(ADD, defaults, source_choices(apps["Source"]) if len(apps) else [])
            submitted = st.form_submit_button("Add application", type="primary")
        if submitted:
            st.session_state.pop(ADD_PENDING, None)
            errors = validate_application(values)
            if errors:
                for e in errors:
                    st.error(md(e))
                return
            clean = with_web_links({k: v for k, v in values.items() if v not in ("", None)})
            if not likely_duplicates(apps, clean):
                add(clean)
                return
            st.session_state[ADD_PENDING] = pending = clean
        if pending is not None:
            duplicate_question(apps, pending)


def duplicate_question(apps: pd.DataFrame, pending: dict[str, Any]) -> None:
    """Ask before adding an application that looks like one already in the data."""
    found = likely_duplicates(apps, pending)
    if not found:  # the other one was changed or deleted meanwhile
        st.session_state.pop(ADD_PENDING, None)
        add(pending)
        return
    lines = [f"- {md(d.company)} – {md(d.job_title)} ({md(d.status) or 'no status'}): {md(d.reason)}" for d in found]
    st.warning("This looks like an application you already have:\n" + "\n".join(lines), icon=":material/content_copy:")
    yes, no = st.columns(2)
    if yes.button("Add anyway", key="applications.add_anyway", type="primary"):
        add(pending)
    if no.button("Don't add it", key="applications.add_cancel"):
        st.session_state.pop(ADD_PENDING, None)
        st.rerun()


def add(clean: dict[str, Any]) -> None:
    def run() -> None:
        ui.store().add_application(clean)
        st.session_state[ADD_CLEAR] = True  # an emptied form: a second click adds nothing
        st.session_state.pop(ADD_PENDING, None)

    ui.write(run, f"Added {clean.get('Company', '')} – {clean.get('Job Title', '')}")


def next_step(app: dict[str, Any], data: Dataset) -> None:
    """The planner's next step for this application, its reason, and a button to write the message."""
    action = next((a for a in ui.plan(data) if a.app_id == app["ID"]), None)
    if action is None or action.kind is ActionKind.NOTHING:
        return
    with st.container(border=True):
        when = next_step_text(action, ui.today()).partition(" · ")[2]
        st.markdown(f"**Next: {action.kind.label}.** {md(action.reason)}" + (f"  \n:small[:gray[{md(when)}]]" if when else ""))
        if action.scenario is not None and st.button(
            "Write it", key="applications.write", type="primary", icon=":material/edit_note:"
        ):
            st.switch_page(FOLLOW_UP_PAGE, query_params={"app": action.app_id, "scenario": action.scenario.value})


def long_text(label: str, value: str) -> None:
    """Text the person typed, under its label; a long one folded."""
    if not value:
        return
    if len(value) > LONG_NOTE or len(value.splitlines()) > LONG_NOTE_LINES:
        with st.expander(label):
            st.caption(md(value))
    else:
        st.caption(f"**{label}:** {md(value)}")


def timeline_picture(app: dict[str, Any], history: pd.DataFrame) -> None:
    """The application's story on one time axis: applied, interviews, messages, replies, today."""
    figure = application_timeline_chart(application_events(read_application(app), history, ui.now()))
    if figure is None:
        st.caption("No dates yet: its timeline appears once it has one (applied, an interview, a message).")
        return
    st.plotly_chart(figure, width="stretch", key="applications.timeline", config={"displayModeBar": False})


def contact_links(app: dict[str, Any]) -> None:
    """Write, call and LinkedIn buttons for the interviewer: only from values that are an address or a number."""
    email, phone, linkedin = app["Interviewer Email"], app["Interviewer Phone"], app["Interviewer LinkedIn"]
    call = tel_url(phone)
    profile = web_url(linkedin)
    with st.container(horizontal=True, gap="small"):
        if is_valid_email(email):
            st.link_button("Email", mailto_link(email, "", ""), icon=":material/mail:", key="applications.email")
        if call:
            st.link_button("Call", call, icon=":material/call:", key="applications.call")
        if profile:
            st.link_button("LinkedIn", profile, icon=":material/open_in_new:", key="applications.linkedin")
    if linkedin and not profile:
        st.caption(f"LinkedIn: {md(linkedin)} (not a web address, so not a link)")


def detail(app: dict[str, Any], data: Dataset) -> None:
    scroll_here()
    st.subheader(f"{md(app['Company'])} – {md(app['Job Title'])}")
    history = data.history(app["ID"])
    days = days_since_contact(read_application(app), entries(history), ui.today())
    st.caption(f"**{md(app['Status']) or 'No status'}** · {contact_text(days)}")  # where it stands, at a glance
    timeline_picture(app, history)
    next_step(app, data)
    info, contact = st.columns(2)
    with info:
        st.markdown(
            f"**Status:** {md(app['Status']) or '—'}  \n**Source:** {md(app['Source']) or '—'}  \n**Location:** {md(app['Location']) or '—'}"
        )
        link_or_text("Job posting", app["Job Link"], "applications.job_link")
        long_text("Topics discussed", app["Topics Discussed"])
        long_text("Concerns raised", app["Concerns Raised"])
        long_text("Notes", app["Notes"])
    with contact:
        who = md(app["Interviewer"].strip()) or "No interviewer recorded"  # "** x**" would not be bold
        lines = [f"**{who}**" + (f", {md(app['Interviewer Title'])}" if app["Interviewer Title"] else "")]
        if app["Interviewer Email"]:
            lines.append(f"Email: {md(app['Interviewer Email'])}")
        if app["Interviewer Phone"]:
            lines.append(f"Phone: {md(app['Interviewer Phone'])}")
        st.markdown("  \n".join(lines))
        contact_links(app)
    st.markdown("**Follow-up history**")
    if history.empty:
        st.caption("Nothing sent or received yet.")
    else:
        st.dataframe(
            history[["Date", "Direction", "Medium", "Kind", "Subject"]], hide_index=True, key="applications.history",
            column_config={"Date": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm")},
        )
    edit_section(app, source_choices(data.applications["Source"]), unreadable_notes(data.applications, app["ID"], data.issues))
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


def edit_section(app: dict[str, Any], sources: list[str], unreadable: list[str]) -> None:
    key = f"applications.edit.{app['ID']}"
    opened_key = f"applications.opened.{app['ID']}"
    refill_key = f"applications.refill.{app['ID']}"
    # The form is filled from the row as it was when the form opened, and only the fields
    # the person changes in it are written, checked against those values.
    refill = st.session_state.pop(refill_key, False)
    base = remembered(st.session_state, opened_key, app, opening=refill or f"{key}.Company" not in st.session_state)
    if refill:
        st.session_state.update(form_state(key, base))
    with st.expander("Edit this application", icon=":material/edit:", expanded=bool(unreadable)):
        for note in unreadable:  # shown blank below: say what the cell holds and how to fix it
            st.warning(md(note), icon=":material/event_busy:")
        for problem in validate_application(app):  # typed by hand; saving other fields leaves it as it is
            st.warning(f"In the sheet: {md(problem)} It stays as typed until you change it here.", icon=":material/info:")
        underneath = changes_since(base, app)
        if underneath:
            st.warning(
                f"Changed in the sheet since you opened this form: {md(describe_changes(underneath))}. "
                "Fields you leave as they are keep the sheet's values when you save.",
                icon=":material/sync_problem:",
            )
            if st.button("Take the sheet's changes into the form", key=f"applications.take_in.{app['ID']}", icon=":material/sync:",
                         help="Fields you changed in the form keep what you typed; saving then writes it over the sheet's value."):
                take_in(key, opened_key, base, app)
        with st.form(key):
            values = application_form(key, base, sources)
            submitted = st.form_submit_button("Save changes", type="primary")
        if submitted:
            errors = edit_problems(base, values)
            changes = with_web_links(changed_fields(base, values))
            if errors:
                for e in errors:
                    st.error(md(e))
            elif not changes:
                st.info("Nothing changed.")
            else:

                def save() -> None:
                    ui.store().update_application(app["ID"], changes, base)
                    st.session_state[refill_key] = True  # filled afresh from the saved row
                    st.session_state[RELABEL] = True  # the picker's label names its status

                ui.write(save, f"Saved {app['Company']}")


def widget_state(col: Column, value: Any, key: str) -> dict[str, Any]:
    """Return widget key -> state that shows `value` in the input `field_input` draws for `col`."""
    name = f"{key}.{col.name}"
    shown = to_widget_value(col.kind, value)
    if col.kind is Kind.DATETIME:
        return {f"{name}.day": shown.date() if shown else None, f"{name}.time": shown.time() if shown else None}
    return {name: (value or "") if col.kind is Kind.CHOICE else shown}


def take_in(key: str, opened_key: str, base: dict[str, Any], app: dict[str, Any]) -> None:
    """Fill the form's untouched fields with the sheet's new values and check against the row as it is now.

    A field the person changed in the form keeps their input; saving writes it (they have
    seen both values).
    """
    for change in changes_since(base, app):
        col = APPLICATIONS.column(change.field)
        untouched = all(st.session_state.get(k) == v for k, v in widget_state(col, base.get(col.name), key).items())
        if untouched:
            st.session_state.update(widget_state(col, app.get(col.name), key))
    st.session_state[opened_key] = app
    st.rerun()


def delete_section(app: dict[str, Any], history_count: int) -> None:
    """The delete button and its question; the delete is checked against the row as the person last saw it."""
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
        seen = ui.shown_application(K, app["ID"])
        if seen is not None:
            ui.write(lambda: ui.store().delete_application(app["ID"], seen), f"Deleted {app['Company']} – {app['Job Title']}")
    if no.button("Cancel", key=f"applications.delete_no.{app['ID']}"):
        st.session_state.pop(confirm_key, None)
        st.rerun()


def picker(rows: pd.DataFrame) -> str | None:
    shown = rows.head(MAX_PICKER_OPTIONS)
    labels = dict(zip(shown["ID"], shown["Company"] + " – " + shown["Job Title"] + " (" + shown["Status"].replace("", "no status") + ")"))
    if len(rows) > MAX_PICKER_OPTIONS:
        st.caption(f"Showing the first {MAX_PICKER_OPTIONS} of {len(rows)} matches; narrow the search to find others.")
    if st.session_state.pop(RELABEL, False) and st.session_state.get("applications.open") in labels:
        # The browser keeps showing the chosen option's old label when only the label changed (a
        # new status); a value set through the Session State API is sent, with its label.
        st.session_state["applications.open"] = st.session_state["applications.open"]
    chosen = st.selectbox(
        "Open an application", list(labels), format_func=lambda i: labels.get(i, str(i)), index=None,
        placeholder="Choose one to see details, edit or delete", key="applications.open",
    )
    return None if chosen is None else str(chosen)


def open_asked_for(data: Dataset) -> None:
    """Open the application the address names (?open=ID, the Board's Open), once: then the person chooses."""
    asked = st.query_params.get(OPEN_PARAM)
    if asked is None:
        return
    st.query_params.pop(OPEN_PARAM, None)
    if data.application(asked) is not None:
        open_application(asked)
        st.session_state[SCROLL] = True  # its page is below the table: on a phone, screens below


# Runs in the app's own page: brings the application's heading (just below) to the top of the window,
# once, when it was opened from another page. The table and chart above may still be loading and push
# it down: it follows for a moment, until the person scrolls or types.
SCROLL_JS = """
export default function ({ parentElement }) {
  const host = parentElement.host || parentElement;  // the component draws in a shadow root
  const box = host.closest('[data-testid="stElementContainer"]') || host;
  box.style.scrollMarginTop = "4.5rem";  // below Streamlit's header bar, which overlays the page
  const bring = () => box.scrollIntoView({ block: "start" });
  const main = document.querySelector('[data-testid="stMainBlockContainer"]') || document.body;
  const follow = new ResizeObserver(bring);
  follow.observe(main);
  const stop = () => follow.disconnect();
  for (const what of ["wheel", "touchstart", "keydown", "mousedown"]) {
    window.addEventListener(what, stop, { once: true, passive: true });
  }
  setTimeout(stop, 4000);
  bring();
}
"""


def scroll_here() -> None:
    """Scroll the window to this point, when the application was opened from another page (see SCROLL)."""
    if st.session_state.pop(SCROLL, False):
        st.components.v2.component("jobsearch.scroll_here", js=SCROLL_JS)(key="applications.scroll", height=0)


def main() -> None:
    st.title("Applications")
    data = ui.dataset()
    open_asked_for(data)
    issues_panel(data)
    apps = data.applications
    quick_add_form("applications.quick", apps)
    add_section(apps)
    if apps.empty:
        st.info("No applications yet. Add your first one above.", icon=":material/work:")
        return
    rows, asked = filters(data)
    columns = column_picker(data)
    st.caption(f"{len(rows)} of {len(apps)} applications. Click a row, or choose below, to open one.")
    table(data, rows, asked, columns)
    chosen = picker(rows)
    if chosen:
        app = data.application(chosen)
        if app is not None:
            detail(app, data)
    ui.remember_shown(K, data)  # the next click acts on what the person sees now


main()
