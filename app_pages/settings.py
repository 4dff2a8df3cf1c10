"""Settings: where the data is, starting fresh, downloads, and the app's own settings."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import time
from typing import Any

import streamlit as st

from lib import ui
from lib.domain.literal import text as md  # sheet text in Markdown, shown as typed
from lib.domain.model import Dataset
from lib.io.export import safe_csv
from lib.io.store.factory import clear_all, seed_demo
from lib.messages.templates import Profile
from lib.planner.rules import RuleSettings
from lib.views.forms import describe_changes, remembered, settings_changes_since
from lib.views.posting import bookmarklet
from lib.views.settings import SECTIONS, TIMING_GROUPS, grouped_fields, help_with_default

DATE_ORDERS = {"": "Ask me (report dates like 3/4/2026 as unclear)", "MDY": "Month first (3/4 is 4 March)", "DMY": "Day first (3/4 is 3 April)"}


def dataclass_form(key: str, cls: type, current: Any, groups: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Any:
    """Render an input per field of a settings dataclass (label/help/min/max from field metadata),
    under the headings of `groups`; each help ends with the field's default.

    Returns a new instance with what was entered.
    """
    values: dict[str, Any] = {}
    by_name = {f.name: f for f in dataclasses.fields(cls)}
    defaults = cls()
    for title, names in grouped_fields(cls, groups):
        if title:
            st.markdown(f"**{title}**")
        for name in names:
            values.update(field_input(key, by_name[name], getattr(current, name), getattr(defaults, name)))
    return dataclasses.replace(current, **values)


def field_input(key: str, f: dataclasses.Field, value: Any, default: Any) -> dict[str, Any]:
    """Draw the input of one settings field; return {field name: what was entered} ({} for a kind not edited)."""
    meta: Mapping[str, Any] = f.metadata or {}
    label, help_text = meta.get("label", f.name.replace("_", " ").capitalize()), help_with_default(meta.get("help"), default)
    widget_key = f"{key}.{f.name}"
    if isinstance(value, bool):
        return {f.name: st.checkbox(label, value=value, help=help_text, key=widget_key)}
    if isinstance(value, int):
        return {f.name: int(st.number_input(
            label, value=value, min_value=meta.get("min"), max_value=meta.get("max"), step=1, help=help_text, key=widget_key
        ))}
    if isinstance(value, float):
        return {f.name: float(st.number_input(
            label, value=value, min_value=meta.get("min"), max_value=meta.get("max"), help=help_text, key=widget_key
        ))}
    if isinstance(value, time):
        return {f.name: st.time_input(label, value=value, help=help_text, key=widget_key, step=900)}
    if isinstance(value, str):
        return {f.name: st.text_input(label, value=value, help=help_text, key=widget_key)}
    return {}  # a field kind the form does not edit keeps its value


def data_source_section(data: Dataset) -> None:
    st.subheader("Data source")
    st.write(md(ui.store().describe()))  # names the spreadsheet by its title, typed by the person
    st.caption(f"{len(data.applications)} applications and {len(data.followups)} history entries.")
    if data.is_demo:
        st.info("This is demo data. Clear it to start your own search.", icon=":material/science:")
    confirm_key = "settings.confirm_clear"
    if not st.session_state.get(confirm_key):
        label = "Clear demo data and start fresh" if data.is_demo else "Delete all applications and start fresh…"
        if st.button(label, key="settings.clear", icon=":material/restart_alt:"):
            st.session_state[confirm_key] = True
            st.rerun()
    else:
        if data.is_demo:
            st.warning("This removes the demo's applications, their history and its settings; rows and columns you added stay. "
                       "A copy of each file stays in the backups.")
        else:
            st.warning("This removes every application and follow-up. A copy of each file stays in the backups.")
        yes, no = st.columns(2)
        if yes.button("Yes, start fresh", type="primary", key="settings.clear_yes"):
            st.session_state.pop(confirm_key, None)
            ui.write(lambda: clear_all(ui.store(), data.settings), "Cleared. Your search starts here.")
        if no.button("Cancel", key="settings.clear_no"):
            st.session_state.pop(confirm_key, None)
            st.rerun()
    if not data.is_demo and data.applications.empty and st.button("Load the demo data", key="settings.demo"):
        ui.write(lambda: seed_demo(ui.store(), ui.today()), "Demo data loaded.")


def downloads_section(data: Dataset) -> None:
    st.subheader("Download your data")
    st.caption("CSV files that are safe to open in a spreadsheet program: no cell can run as a formula.")
    a, f = st.columns(2)
    # Built only when clicked: a large table takes a moment to make safe.
    a.download_button("Applications (CSV)", lambda: safe_csv(data.applications), "applications.csv", "text/csv",
                      key="settings.download_applications", on_click="ignore")
    f.download_button("Follow-ups (CSV)", lambda: safe_csv(data.followups), "followups.csv", "text/csv",
                      key="settings.download_followups", on_click="ignore")


# The bookmarklet as a link to drag to the bookmarks bar. Streamlit's Markdown and st.html drop a
# javascript: link, so a component draws it; its address comes in `data` and is set as an attribute,
# never written into HTML. Clicked here, it only says to drag it.
BOOKMARKLET_HTML = '<a class="bookmarklet" draggable="true">Save to my job search</a> <span class="hint"></span>'
BOOKMARKLET_CSS = """
.bookmarklet { display: inline-block; padding: 0.35rem 0.9rem; border-radius: 0.5rem; cursor: grab;
  border: 1px solid rgba(128, 128, 128, 0.5); text-decoration: none; font: inherit;
  color: inherit; background: rgba(128, 128, 128, 0.12); }
.hint { font: inherit; font-size: 0.85rem; opacity: 0.8; }
"""
BOOKMARKLET_JS = """
export default function ({ parentElement, data }) {
  const link = parentElement.querySelector("a.bookmarklet");
  const hint = parentElement.querySelector(".hint");
  link.setAttribute("href", data.href);
  link.setAttribute("title", "Drag me to your bookmarks bar");
  link.onclick = (event) => {
    event.preventDefault();
    hint.textContent = "Drag it to your bookmarks bar, then click it on a job posting.";
  };
}
"""


def save_postings_section() -> None:
    st.subheader("Save postings from any job board")
    app_url = ui.app_url()
    mark = bookmarklet(app_url)
    st.caption(
        "Drag the button below to your browser's bookmarks bar. On a job posting (LinkedIn, Indeed, Greenhouse, "
        "Lever, Workday, any careers page), click that bookmark: this app's quick add opens in a new tab with the "
        "posting's address and title filled in, and the company and job title where the page says them. Nothing "
        "is saved until you press Add, and the posting's address goes only to this app, at "
        f"{md(app_url)}."
    )
    draw = st.components.v2.component("jobsearch.bookmarklet", html=BOOKMARKLET_HTML, css=BOOKMARKLET_CSS, js=BOOKMARKLET_JS)
    draw(key="settings.bookmarklet", data={"href": mark})
    st.caption("Can't drag it? Add a bookmark by hand and paste this as its address (URL):")
    st.code(mark, language=None, wrap_lines=True)


def reading_section(data: Dataset) -> None:
    st.subheader("Reading dates")
    # Checked against the order the choice was filled from when the page opened.
    opened_key = "settings.date_order_opened"
    seen = remembered(st.session_state, opened_key, data.settings.get("data.date_order"), opening="settings.date_order" not in st.session_state)
    current = seen or ""
    order = st.selectbox(
        "When a date like 3/4/2026 could be read two ways", list(DATE_ORDERS), format_func=lambda o: DATE_ORDERS.get(o, o),
        index=list(DATE_ORDERS).index(current) if current in DATE_ORDERS else 0, key="settings.date_order",
    )
    if order != current and st.button("Save date order", key="settings.save_date_order"):

        def save() -> None:
            ui.store().save_settings({"data.date_order": order or ""}, {"data.date_order": seen})
            st.session_state[opened_key] = order

        ui.write(save, "Date order saved.")


def put_back_defaults(key: str, cls: type[Any]) -> None:
    """Fill the form's inputs with the defaults (a callback: it runs before the inputs are drawn)."""
    defaults = cls()
    st.session_state.update({f"{key}.{f.name}": getattr(defaults, f.name) for f in dataclasses.fields(cls)})


def settings_form(
    key: str, title: str, cls: type[Any], data: Dataset, caption: str,
    groups: tuple[tuple[str, tuple[str, ...]], ...] = (), offer_defaults: bool = False,
) -> None:
    """A form for one settings dataclass, saved with the data so it follows the person.

    The form is filled from the settings as they were when it opened; only the settings the
    person changes in it are written, checked against those values.
    """
    st.subheader(title)
    st.caption(caption)
    opened_key, refill_key = f"{key}.opened", f"{key}.refill"
    probe = f"{key}.{dataclasses.fields(cls)[0].name}"
    refill = st.session_state.pop(refill_key, False)
    opened: dict[str, str] = remembered(st.session_state, opened_key, dict(data.settings), opening=refill or probe not in st.session_state)
    current = cls.from_settings(opened)
    if refill:  # set, not deleted: only a value set this way reaches the browser's inputs
        st.session_state.update({f"{key}.{f.name}": getattr(current, f.name) for f in dataclasses.fields(cls)})
    shown = current.to_settings()
    underneath = settings_changes_since(opened, data.settings, shown)
    if underneath:
        st.warning(
            f"Changed in the sheet since you opened this form: {md(describe_changes(underneath))}. "
            "Settings you leave as they are keep the sheet's values when you save.",
            icon=":material/sync_problem:",
        )
        if st.button("Take the sheet's changes into the form", key=f"{key}.take_in", icon=":material/sync:",
                     help="Settings you changed in the form keep what you typed; saving then writes it over the sheet's value."):
            take_in(key, cls, current, data.settings)
    with st.form(key):
        edited = dataclass_form(key, cls, current, groups)
        saved = st.form_submit_button("Save", type="primary")
    if offer_defaults:
        st.button("Put back the defaults", key=f"{key}.defaults", icon=":material/settings_backup_restore:", type="tertiary",
                  on_click=put_back_defaults, args=(key, cls), help="Fills the form with the defaults; Save keeps them.")
    if saved:
        # A value that would be read as its default is refused, never reported as saved.
        problems: dict[str, str] = edited.problems() if hasattr(edited, "problems") else {}
        if problems:
            labels: dict[str, str] = {f.name: str(f.metadata.get("label", f.name)) for f in dataclasses.fields(cls)}
            for name, why in problems.items():
                st.error(f"{labels.get(name, name)}: {md(why)} Nothing was saved.", icon=":material/error:")
            return
        changes = {k: v for k, v in edited.to_settings().items() if v != shown.get(k)}
        if not changes:
            st.info("Nothing changed.")
            return
        read_as: dict[str, str] = edited.describe() if hasattr(edited, "describe") else {}
        said = [read_as[name] for name in read_as if any(k.endswith("." + name) for k in changes)]
        if "holidays_region" in {k.rsplit(".", 1)[-1] for k in changes} and "holidays_country" in read_as:
            said.append(read_as["holidays_country"])
        understood = f" Read as: {'; '.join(dict.fromkeys(said))}." if said else ""  # plain text: the toast escapes it

        def save() -> None:
            ui.store().save_settings(changes, {k: opened.get(k) for k in changes})
            st.session_state[refill_key] = True  # filled afresh from the saved settings

        ui.write(save, f"{title} saved.{understood}")


def take_in(key: str, cls: type[Any], current: Any, stored: Mapping[str, str]) -> None:
    """Fill the form's untouched inputs with the stored settings and check against them from now on.

    An input the person changed in the form keeps their value; saving writes it.
    """
    fresh = cls.from_settings(stored)
    for f in dataclasses.fields(cls):
        widget_key = f"{key}.{f.name}"
        if st.session_state.get(widget_key) == getattr(current, f.name):  # untouched in the form
            st.session_state[widget_key] = getattr(fresh, f.name)
    st.session_state[f"{key}.opened"] = dict(stored)
    st.rerun()


def spreadsheet_setup_section(data: Dataset) -> None:
    source = ui.store()
    if not source.can_set_up:
        st.caption("Your data is in a folder of CSV files, not a Google Sheet: there is nothing to set up. "
                   "The README says how to connect a Google Sheet.")
        return
    st.markdown("**Set up this spreadsheet**")
    st.caption(
        "Adds the tabs and columns the app needs (never deletes, renames or moves yours), freezes and bolds "
        "the header row, adds dropdowns for Status and Follow-Up Medium, date formats, and highlights rows "
        "whose follow-up is due, so the sheet helps you when you edit it by hand."
    )
    if st.button("Create the tabs in this spreadsheet", key="settings.setup_sheet", icon=":material/table_view:"):
        done: list[str] = []
        due_after = RuleSettings.from_settings(data.settings).followup_days_after_interview  # the highlight follows the planner
        if ui.write(lambda: done.extend(source.set_up(due_after)), "The spreadsheet is set up.") is False:
            return


def main() -> None:
    st.title("Settings")
    data = ui.dataset()
    details, timing, dates, backups, sheet = st.tabs(list(SECTIONS))
    with details:
        settings_form("settings.profile", "Your details", Profile, data,
                      "Used to sign the messages the Follow-up page writes for you.")
    with timing:
        settings_form("settings.rules", "Follow-up timing", RuleSettings, data,
                      "When the Today page suggests each message. The defaults follow common career advice; "
                      "the ? beside each number says what it means and its default.", TIMING_GROUPS, offer_defaults=True)
    with dates:
        reading_section(data)
    with backups:
        data_source_section(data)
        downloads_section(data)
        save_postings_section()
    with sheet:
        spreadsheet_setup_section(data)


main()
