"""Quick add, drawn on Today and on Applications: company, job title, and a link or a source.

Not a page of its own (app.py does not list it); the pages that offer quick add call `quick_add_form`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from lib import ui
from lib.domain.literal import text as md  # sheet text in Markdown, shown as typed
from lib.views.forms import likely_duplicates
from lib.views.posting import ADD_TITLE, ADD_URL, posting_from_query
from lib.views.quick_add import quick_add

FIELDS = ("company", "title", "extra")


def quick_add_form(prefix: str, apps: pd.DataFrame) -> None:
    """Draw the quick-add form with widget keys under `prefix` ("today.quick", "applications.quick")."""
    pending_key, clear_key = f"{prefix}.pending", f"{prefix}.clear"
    if st.session_state.pop(clear_key, False):
        st.session_state.update({f"{prefix}.{f}": "" for f in FIELDS})  # set before drawing: the browser shows it
    fill_from_saved_posting(prefix)
    with st.form(prefix, clear_on_submit=False, border=True):  # a refused add keeps what was typed
        left, middle, right = st.columns(3)  # side by side on a laptop, one under the other on a phone
        company = left.text_input("Company", key=f"{prefix}.company", placeholder="e.g. Acme")
        title = middle.text_input("Job title", key=f"{prefix}.title", placeholder="e.g. Data Analyst")
        extra = right.text_input(
            "Link or source", key=f"{prefix}.extra", placeholder="a link, or where you saw it",
            help="A web address is kept as the Job Link; other words (LinkedIn, a friend) as the Source.",
        )
        submitted = st.form_submit_button("Add", type="primary", icon=":material/add:")
        st.caption("Added as Applied today; fill in the rest later, on its page in Applications.")
    if submitted:
        st.session_state.pop(pending_key, None)
        made = quick_add(company, title, extra, ui.today())
        if made.errors:
            for e in made.errors:
                st.error(md(e))
            return
        if not likely_duplicates(apps, made.values):
            add(prefix, made.values)
            return
        st.session_state[pending_key] = made.values
    pending = st.session_state.get(pending_key)
    if pending is not None:
        duplicate_question(prefix, apps, pending)


def fill_from_saved_posting(prefix: str) -> None:
    """Fill the form with the posting the bookmarklet sent in the address (see lib.views.posting), once.

    The parameters are taken out of the address at once, so a reload does not fill it again; nothing
    is written until the person presses Add.
    """
    saved = posting_from_query(st.query_params.to_dict())
    if saved is None:
        return
    for name in (ADD_URL, ADD_TITLE):
        st.query_params.pop(name, None)
    st.session_state.pop(f"{prefix}.pending", None)  # a duplicate question about something else is over
    st.session_state.update({f"{prefix}.company": saved.company, f"{prefix}.title": saved.job_title,
                             f"{prefix}.extra": saved.link or ""})
    missing = [what for what, value in (("company", saved.company), ("job title", saved.job_title)) if not value]
    titled = f"The page's title was “{md(saved.page_title)}”" if saved.page_title else "The page had no title"
    said = f"{titled}; fill in the {' and '.join(missing)}." if missing else "Check the company and job title, then press Add."
    if saved.link is None:
        said += " Its address was not a web (http or https) address, so it was left out."
    st.info(f"Filled in from the posting you saved. {said}", icon=":material/bookmark_added:")


def duplicate_question(prefix: str, apps: pd.DataFrame, pending: dict[str, Any]) -> None:
    """Ask before adding an application that looks like one already in the data."""
    found = likely_duplicates(apps, pending)
    if not found:  # the other one was changed or deleted meanwhile
        add(prefix, pending)
        return
    lines = [f"- {md(d.company)} – {md(d.job_title)} ({md(d.status) or 'no status'}): {md(d.reason)}" for d in found]
    st.warning("This looks like an application you already have:\n" + "\n".join(lines), icon=":material/content_copy:")
    with st.container(horizontal=True):
        if st.button("Add anyway", key=f"{prefix}.add_anyway", type="primary"):
            add(prefix, pending)
        if st.button("Don't add it", key=f"{prefix}.add_cancel"):
            st.session_state.pop(f"{prefix}.pending", None)
            st.rerun()


def add(prefix: str, values: dict[str, Any]) -> None:
    def run() -> None:
        ui.store().add_application(values)
        st.session_state[f"{prefix}.clear"] = True  # an emptied form: a second click adds nothing
        st.session_state.pop(f"{prefix}.pending", None)

    ui.write(run, f"Added {values.get('Company', '')} – {values.get('Job Title', '')}")
