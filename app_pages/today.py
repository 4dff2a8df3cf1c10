"""Today: what to send to whom, and when; log what was sent and what came back."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

import pandas as pd
import streamlit as st

from app_pages.capture import quick_add_form
from lib import ui
from lib.domain.literal import text as md  # sheet text in Markdown, shown as typed
from lib.domain.schema import FOLLOWUP_KINDS, MEDIA, STATUSES
from lib.messages.templates import sent_noun
from lib.pipeline.metrics import kpis
from lib.planner.calendar_ics import build_calendar, is_scheduled
from lib.planner.rules import Action, ActionKind, Urgency
from lib.views.actions import calendar_links, record_reply, record_sent
from lib.views.when import when_line

K = "today."  # every widget key on this page starts with it
FOLLOW_UP_PAGE = "app_pages/follow_up.py"
APPLICATIONS_PAGE = "app_pages/applications.py"
PAGE_SIZE = 20  # rows shown per group before "Show more": a warm run draws only these

# (urgency, section heading, key slug, icon); the order the groups are shown in.
GROUPS: tuple[tuple[Urgency, str, str, str], ...] = (
    (Urgency.OVERDUE, "Overdue", "overdue", ":material/priority_high:"),
    (Urgency.DUE_TODAY, "Due today", "due", ":material/today:"),
    (Urgency.COMING_UP, "Coming up (next 7 days)", "coming", ":material/event_upcoming:"),
    (Urgency.WAITING, "Waiting", "waiting", ":material/hourglass_empty:"),
    (Urgency.MOVE_ON, "Consider moving on", "move_on", ":material/logout:"),
)
SENDS = frozenset({ActionKind.THANK_YOU, ActionKind.FOLLOW_UP, ActionKind.FINAL_FOLLOW_UP, ActionKind.CALL, ActionKind.REPLY_TO_REJECTION})
WRITE_LABEL = {
    ActionKind.THANK_YOU: "Write the thank-you",
    ActionKind.FOLLOW_UP: "Write the follow-up",
    ActionKind.FINAL_FOLLOW_UP: "Write the final follow-up",
    ActionKind.CALL: "Prepare the call",
    ActionKind.REPLY_TO_REJECTION: "Write the reply",
}
SENT_KINDS = [k for k in FOLLOWUP_KINDS if k != "Reply"]  # a "Reply" is what comes back




def sort_key(action: Action) -> tuple:
    # Missing information first among waiting items (it can be fixed now), then by date.
    far = date.max
    if action.urgency in (Urgency.OVERDUE, Urgency.DUE_TODAY):
        return (action.late_after or far, action.due_on or far, action.company)
    return (action.due_on is not None, action.due_on or far, action.company)


def group(actions: list[Action]) -> dict[Urgency, list[Action]]:
    groups: dict[Urgency, list[Action]] = {u: [] for u, *_ in GROUPS}
    for action in actions:
        if action.urgency in groups:
            groups[action.urgency].append(action)
    for items in groups.values():
        items.sort(key=sort_key)
    return groups


def headline(groups: dict[Urgency, list[Action]], active: int, rate: float | None) -> None:
    box = ui.headline_row(K + "headline")
    box.metric("Due today", len(groups[Urgency.DUE_TODAY]), help="Messages to send or calls to make today.", width="content")
    box.metric("Overdue", len(groups[Urgency.OVERDUE]), help="Past the usual time; still worth doing now.", width="content")
    box.metric("Waiting", len(groups[Urgency.WAITING]), help="Nothing to do yet, or a date is missing.", width="content")
    box.metric("Active applications", active, help="Applied, Interviewing or at Offer.", width="content")
    box.metric(
        "Response rate so far",
        "—" if rate is None else f"{rate:.0%}",
        help="Share of applications with an Applied On date that got any reply (a rejection counts).",
        width="content",
    )


def open_form(app_id: str, which: str) -> None:
    st.session_state[K + "form"] = (app_id, which)


def close_form() -> None:
    st.session_state.pop(K + "form", None)


def moment_inputs(prefix: str, now: datetime) -> datetime:
    day_col, time_col = st.columns(2)
    day = day_col.date_input("Date", value=now.date(), max_value=now.date(), key=prefix + ".day", format="YYYY-MM-DD")
    at = time_col.time_input("Time", value=now.time(), key=prefix + ".time", step=900)
    return datetime.combine(day or now.date(), at or now.time())


def sent_form(action: Action, now: datetime) -> None:
    prefix = f"{K}sent_form.{action.app_id}"
    kind = action.scenario.history_kind if action.scenario else "Follow-up"
    medium = action.medium if action.medium in MEDIA else MEDIA[0]
    with st.form(prefix):
        st.markdown(f"**Log what you sent to {md(action.company or 'them')}**")
        medium_col, kind_col = st.columns(2)
        medium = medium_col.selectbox("Medium", MEDIA, index=MEDIA.index(medium), key=prefix + ".medium")
        kind = kind_col.selectbox("Kind", SENT_KINDS, index=SENT_KINDS.index(kind), key=prefix + ".kind")
        when = moment_inputs(prefix, now)
        subject = st.text_input("Subject (optional)", key=prefix + ".subject")
        message = st.text_area("Message (optional)", key=prefix + ".message", height=100)
        save_col, cancel_col = st.columns(2)
        save = save_col.form_submit_button("Save", type="primary", icon=":material/task_alt:")
        cancel = cancel_col.form_submit_button("Cancel")
    if cancel:
        close_form()
        st.rerun()
    if save:
        app = ui.shown_application(K, action.app_id)
        if app is None:
            return

        def log() -> None:
            record_sent(
                ui.store(), app, medium=medium, when=when, scenario=action.scenario, kind=kind, subject=subject, message=message
            )
            close_form()

        ui.write(log, f"Logged the {sent_noun(kind, medium)} to {action.company or 'the company'}")


def reply_form(action: Action, now: datetime) -> None:
    prefix = f"{K}reply_form.{action.app_id}"
    with st.form(prefix):
        st.markdown(f"**Log a reply from {md(action.company or 'them')}**")
        when = moment_inputs(prefix, now)
        outcome = st.text_input(
            "What did they say?", key=prefix + ".outcome", placeholder="e.g. next round on Friday, still deciding, rejected"
        )
        status_col, medium_col = st.columns(2)
        status = status_col.selectbox(
            "New status", STATUSES, index=None, key=prefix + ".status", placeholder="Keep the current status"
        )
        medium = medium_col.selectbox("By", MEDIA, index=None, key=prefix + ".medium", placeholder="Not recorded")
        message = st.text_area("Their message (optional)", key=prefix + ".message", height=100)
        save_col, cancel_col = st.columns(2)
        save = save_col.form_submit_button("Save", type="primary", icon=":material/mark_email_read:")
        cancel = cancel_col.form_submit_button("Cancel")
    if cancel:
        close_form()
        st.rerun()
    if save:
        if not outcome.strip():
            st.error("Say in a few words what they said, e.g. \"still deciding\".")
            return
        app = ui.shown_application(K, action.app_id)
        if app is None:
            return

        def log() -> None:
            record_reply(
                ui.store(), app, when=when, outcome=outcome.strip(), new_status=status, medium=medium or "", message=message
            )
            close_form()

        ui.write(log, f"Logged the reply from {action.company or 'the company'}")


def close_as_no_response(action: Action) -> None:
    app = ui.shown_application(K, action.app_id)
    if app is None:
        return
    ui.write(
        lambda: ui.store().update_application(action.app_id, {"Status": "No Response"}, app),
        f"Closed {action.company or 'the application'} as No Response",
    )


def action_row(action: Action, slug: str, now: datetime, calendar: Mapping[str, str]) -> None:
    key = f"{K}{slug}.{action.app_id}"
    urgent = action.urgency in (Urgency.OVERDUE, Urgency.DUE_TODAY)
    with st.container(border=True):
        # One Markdown block per row keeps long lists quick to draw.
        lines = [
            f"**{md(action.company or 'No company')}** · {md(action.job_title or 'no job title')}",
            f"**{action.kind.label}.** {md(action.reason)}",
        ]
        detail = when_line(action, ui.today())
        if detail:
            lines.append(f":small[:gray[{md(detail)}]]")
        st.markdown("  \n".join(lines))
        with st.container(horizontal=True, gap="small"):
            if action.scenario is not None and action.kind in WRITE_LABEL and st.button(
                WRITE_LABEL[action.kind],
                key=key + ".write",
                type="primary" if urgent else "secondary",
                icon=":material/edit_note:",
            ):
                st.switch_page(FOLLOW_UP_PAGE, query_params={"app": action.app_id, "scenario": action.scenario.value})
            if action.kind is ActionKind.MOVE_ON and st.button(
                "Close as No Response", key=key + ".close", type="primary", icon=":material/archive:"
            ):
                close_as_no_response(action)
            if action.kind in SENDS:
                label = "Log the call" if action.kind is ActionKind.CALL else "Mark as sent"
                st.button(label, key=key + ".sent", on_click=open_form, args=(action.app_id, "sent"), icon=":material/task_alt:")
            st.button("Log a reply", key=key + ".reply", on_click=open_form, args=(action.app_id, "reply"), icon=":material/mark_email_read:")
            if action.kind is ActionKind.WAIT and action.due_on is None:
                st.page_link(APPLICATIONS_PAGE, label="Add it in Applications", icon=":material/work:")
            if action.app_id in calendar:  # the URL carries sheet text only in its percent-encoded query
                st.link_button("Add to Google Calendar", calendar[action.app_id], type="tertiary", icon=":material/event:")
        opened = st.session_state.get(K + "form")
        if opened == (action.app_id, "sent"):
            sent_form(action, now)
        elif opened == (action.app_id, "reply"):
            reply_form(action, now)


def section(heading: str, slug: str, icon: str, items: list[Action], now: datetime, apps: pd.DataFrame) -> None:
    if not items:
        return
    st.subheader(f"{icon} {heading} ({len(items)})")
    limit_key = f"{K}limit.{slug}"
    limit = st.session_state.get(limit_key, PAGE_SIZE)
    shown = items[:limit]
    calendar = calendar_links(shown, apps, now.date())  # for the cards shown only: each link is a few URL encodings
    for action in shown:
        action_row(action, slug, now, calendar)
    left = len(items) - limit
    with st.container(horizontal=True):
        if left > 0:
            label = f"Show {min(left, PAGE_SIZE)} more ({left} not shown)"
            if st.button(label, key=f"{K}more.{slug}", icon=":material/expand_more:", type="tertiary"):
                st.session_state[limit_key] = limit + PAGE_SIZE
                st.rerun()
        if limit > PAGE_SIZE and st.button("Show fewer", key=f"{K}fewer.{slug}", icon=":material/expand_less:", type="tertiary"):
            st.session_state[limit_key] = PAGE_SIZE
            st.rerun()


def calendar_download(scheduled: list[Action], now: datetime) -> None:
    if not scheduled:
        return

    def build() -> bytes:  # built only when clicked
        return build_calendar(scheduled, now)

    st.download_button(
        "Add the plan to your calendar (.ics)",
        build,
        file_name="job-search-follow-ups.ics",
        mime="text/calendar",
        key=K + "calendar",
        icon=":material/calendar_add_on:",
        on_click="ignore",
        help="Import it into your calendar app; importing a newer file updates the same events.",
    )


def main() -> None:
    st.title("Today")
    data = ui.dataset()
    apps = data.applications
    if apps.empty:
        st.info("No applications yet. Add the jobs you have applied for, and this page will tell you what to send and when.", icon=":material/work:")
        quick_add_form(K + "quick", apps)
        st.page_link(APPLICATIONS_PAGE, label="Go to Applications", icon=":material/work:")
        return
    now = ui.now()
    actions = ui.plan(data)
    # Worked out once per read and minute (like the plan): a click redraws only the rows shown.
    groups = ui.derived("today.groups", data, now, lambda: group(actions))
    scheduled = ui.derived("today.scheduled", data, now, lambda: [a for a in actions if is_scheduled(a)])
    done = ui.derived("today.done", data, now, lambda: sum(1 for a in actions if a.urgency is Urgency.DONE))
    figures = ui.derived("today.kpis", data, None, lambda: kpis(apps, data.followups))  # the Pipeline's own definitions (lib.domain.facts)
    headline(groups, figures.active, figures.response_rate)
    with st.container(horizontal=True, gap="small"):
        with st.popover("Quick add", icon=":material/add:", key=K + "quick_open"):
            quick_add_form(K + "quick", apps)
        calendar_download(scheduled, now)
    if not (groups[Urgency.OVERDUE] or groups[Urgency.DUE_TODAY]):
        st.success("Nothing is due today.", icon=":material/check_circle:")
    for urgency, heading, slug, icon in GROUPS:
        section(heading, slug, icon, groups[urgency], now, apps)
    if done:
        many = f"{done} applications need" if done != 1 else "1 application needs"
        st.caption(f"{many} nothing now: closed, on the wishlist, or waiting on their reply.")
    ui.remember_shown(K, data)  # the next click acts on what the person sees now


main()
