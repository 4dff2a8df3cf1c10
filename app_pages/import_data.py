"""Import: applications from another tracker's export, and replies and sent messages from saved email.

Everything read from the files is shown literally (st.text, st.dataframe); nothing is written
until the person presses a button, and nothing leaves the computer.
"""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st

from lib import ui
from lib.domain.literal import text as md  # file and sheet text in Markdown, shown as typed
from lib.domain.model import Dataset
from lib.domain.schema import FOLLOWUP_KINDS, column_letter
from lib.io.mail import EXTENSIONS as MAIL_TYPES
from lib.io.mail import Mail, UnreadableMailError, read_mail_file
from lib.io.tabular import EXTENSIONS as TABLE_TYPES
from lib.io.tabular import ImportTable, UnreadableFileError, read_table
from lib.views.importing import (
    NOT_IMPORTED,
    TARGETS,
    flag_text,
    mapping_problems,
    preview_frame,
    preview_rows,
    proposed_mapping,
    records_to_import,
)
from lib.views.mail_match import OWN_EMAIL_KEY, Proposal, excerpt, log_mail, propose_all, suggested_status

K = "import."  # every widget key on this page starts with it
NOT_IMPORTED_LABEL = "(not imported)"
SKIP = ""  # the choice of no application for a message
DATE_ORDERS = {"": "As in Settings", "DMY": "Day first (3/4 is 3 April)", "MDY": "Month first (3/4 is 4 March)"}


def _digest(*parts: Any) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:10]


def applications_from_file(data: Dataset) -> None:
    st.subheader("Applications from a file")
    st.caption("A .csv or .xlsx file exported from another tracker or a spreadsheet. Its columns are matched to "
               "yours by name; check the preview, then import. Rows already here are flagged, never merged.")
    upload = st.file_uploader("Choose a file", type=list(TABLE_TYPES), key=f"{K}file")
    if upload is None:
        return
    try:
        table = read_table(upload.name, upload.getvalue())
    except UnreadableFileError as exc:
        st.error("This file cannot be imported.")
        st.text(str(exc))
        return
    sig = _digest(upload.name, table.sheet, *table.raw.header)
    mapping = mapping_inputs(table, sig)
    problems = mapping_problems(mapping)
    if problems:
        for problem in problems:
            st.warning(md(problem))  # names the file's own headers
        return
    order = st.selectbox("Dates in this file", list(DATE_ORDERS), format_func=DATE_ORDERS.__getitem__, key=f"{K}date_order")
    order = order or data.settings.get("data.date_order", "").strip().upper()
    day_first = {"DMY": True, "MDY": False}.get(order)
    keep_others = st.checkbox("Keep the columns that are not imported in Notes", value=False, key=f"{K}keep_others",
                              disabled=NOT_IMPORTED not in mapping)
    rows = preview_rows(table, mapping, data.applications, ui.today(), day_first=day_first, keep_others=keep_others)
    st.markdown(f"**{len(rows)} row(s), as they will be stored**")
    st.dataframe(preview_frame(rows, mapping), hide_index=True, key=f"{K}preview")
    chosen: dict[int, bool] = {}
    blocked = [r for r in rows if not r.importable]
    if blocked:
        st.markdown(f"**{len(blocked)} row(s) cannot be imported** (fix them in the file and choose it again):")
        st.dataframe([{"Row": r.row, "Why": flag_text(r)} for r in blocked], hide_index=True, key=f"{K}blocked")
    flagged = [r for r in rows if r.importable and r.flagged]
    if flagged:
        st.markdown(f"**{len(flagged)} row(s) to decide about.** They are left out unless you tick them. "
                    "Cells that cannot be read are stored blank, with their text added to Notes.")
        for r in flagged:
            cols = st.columns([1, 5])
            chosen[r.index] = cols[0].checkbox(f"Import row {r.row}", value=False, key=f"{K}keep.{sig}.{r.index}")
            cols[1].text(flag_text(r))
    records = records_to_import(rows, chosen)
    if st.button(f"Import {len(records)} application(s)", type="primary", disabled=not records, key=f"{K}go"):
        ui.write(lambda: ui.store().add_applications(records), f"Imported {len(records)} application(s)")


def mapping_inputs(table: ImportTable, sig: str) -> list[str]:
    """Show a choice of our column for each of the file's columns; return the mapping chosen."""
    proposed = proposed_mapping(table.raw.header)
    options = [NOT_IMPORTED, *TARGETS]
    st.markdown("**Columns** (what each column of the file is stored as)")
    mapping: list[str] = []
    grid = st.columns(3)
    for pos, header in enumerate(table.raw.header):
        with grid[pos % 3]:
            st.text(f"{column_letter(pos)}: {header}" if str(header).strip() else f"{column_letter(pos)}: (no header)")
            mapping.append(st.selectbox(
                f"Column {column_letter(pos)} is stored as", options, index=options.index(proposed[pos]),
                format_func=lambda o: o or NOT_IMPORTED_LABEL, key=f"{K}map.{sig}.{pos}", label_visibility="collapsed",
            ))
    return mapping


def messages_from_files(data: Dataset) -> None:
    st.subheader("Replies and sent messages from email files")
    st.caption("Drop saved messages (.eml files) or a mailbox (.mbox). Each is matched to an application; "
               "check the match and log it. A message already logged is recognised.")
    uploads = st.file_uploader("Choose email files", type=list(MAIL_TYPES), accept_multiple_files=True, key=f"{K}mail")
    if not uploads:
        return
    if not data.settings.get(OWN_EMAIL_KEY, "").strip():
        st.info("Add your email address in Settings (your profile) so the messages you sent are recognised as yours.")
    mails: list[Mail] = []
    for upload in uploads:
        try:
            mails += read_mail_file(upload.name, upload.getvalue())
        except UnreadableMailError as exc:
            st.text(str(exc))
    proposals = propose_all(mails, data.applications, data.followups, data.settings)
    st.markdown(f"**{len(proposals)} message(s)**")
    for proposal in proposals:
        message_form(data, proposal)


def message_form(data: Dataset, proposal: Proposal) -> None:
    mail = proposal.mail
    sig = _digest(mail.message_id or (mail.source, mail.subject, mail.when))
    key = f"{K}msg.{sig}"
    with st.container(border=True, key=f"{key}.box"):
        direction = "Sent by you" if proposal.sent else "Received"
        when = f"{mail.when:%Y-%m-%d %H:%M}" if mail.when else "no date"
        attached = f"\nAttachments: {', '.join(mail.attachments)}" if mail.attachments else ""
        forwarded = f"\nForwarded by {mail.forwarded_by}" if mail.forwarded_by else ""
        st.text(f"{direction} · {when}\nFrom: {mail.sender_name} <{mail.sender}>\nTo: {', '.join(mail.recipients)}\n"
                f"Subject: {mail.subject}{attached}{forwarded}")
        st.text(excerpt(mail.text))
        if proposal.logged_as:
            st.caption(f"Already logged (history row {md(proposal.logged_as)}).")
            return
        if mail.when is None:
            st.warning("This message has no date the app can read, so it cannot be logged.")
            return
        apps = {str(r["ID"]): r for r in data.applications.to_dict("records")}
        why = {c.app_id: f" (why: {'; '.join(c.reasons)})" for c in proposal.candidates}
        options = [SKIP, *why, *(i for i in apps if i not in why)]

        def label(app_id: str) -> str:
            if app_id == SKIP:
                return "Skip this message"
            app = apps[app_id]
            return f"{app['Company']} · {app['Job Title']}{why.get(app_id, '')}"

        choice = st.selectbox("About the application", options, index=1 if proposal.candidates else 0,
                              format_func=label, key=f"{key}.app")
        if choice == SKIP:
            return
        app = apps[choice]
        outcome, status, kind = "", None, None
        if proposal.sent:
            kind = st.selectbox("Kind", list(FOLLOWUP_KINDS), index=list(FOLLOWUP_KINDS).index(proposal.kind), key=f"{key}.kind")
        else:
            outcome = st.text_input("Outcome", value=mail.subject, key=f"{key}.outcome")
            suggested = suggested_status(mail, str(app.get("Status") or ""))
            if suggested:
                st.text(f"The message says: “{suggested[1]}”")
                if st.checkbox(f"Set the status to {suggested[0]}", value=False, key=f"{key}.status"):
                    status = suggested[0]
        if st.button("Log this message", key=f"{key}.log"):
            ui.write(lambda: log_mail(ui.store(), app, proposal, outcome=outcome, new_status=status, kind=kind),
                     "Logged the message")


st.title("Import")
data = ui.dataset()
files, mail = st.tabs(["Applications from a file", "Messages from email files"])
with files:
    applications_from_file(data)
with mail:
    messages_from_files(data)
