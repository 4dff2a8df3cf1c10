"""Follow-up: write the message for one application, check it, copy or open it, log it as sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from lib import ui
from lib.domain.facts import competing_offer_deadline
from lib.domain.literal import text as md  # sheet text in Markdown, shown as typed
from lib.domain.literal import web_url
from lib.domain.model import Dataset
from lib.domain.text import long_date
from lib.domain.vocab import Scenario
from lib.messages.mailto import mailto_link
from lib.messages.templates import (
    EMAIL,
    LINKEDIN,
    PHONE,
    SUITED_MEDIA,
    Message,
    Part,
    Placeholder,
    Profile,
    Refused,
    Tone,
    build_message,
    check_message,
    default_parts,
    extra_inputs,
    optional_parts,
    suggested_scenario,
    with_text,
)
from lib.planner.rules import Action, ActionKind, RuleSettings, Urgency
from lib.views.actions import record_sent
from lib.views.follow_up import Logged, after_logging_step, logged_line, logged_message

APPLICATIONS_PAGE = "app_pages/applications.py"
SETTINGS_PAGE = "app_pages/settings.py"
K = "follow_up."  # every widget key on this page starts with it
ONE_LINE_PLACEHOLDER = 40  # characters a one-line input shows on a phone
_URGENCY_ORDER = {u: i for i, u in enumerate((Urgency.OVERDUE, Urgency.DUE_TODAY, Urgency.COMING_UP, Urgency.MOVE_ON, Urgency.WAITING, Urgency.DONE))}
# Every extra input of every scenario: they are cleared when another application is chosen.
EXTRA_KEYS = sorted({i.key for s in Scenario for i in extra_inputs(s, optional_parts(s))})
_CHECK_SHOW = {"problem": st.error, "warning": st.warning, "ok": st.success}
_CHECK_ICON = {"problem": ":material/error:", "warning": ":material/warning:", "ok": ":material/check_circle:"}


def application_options(apps: pd.DataFrame, actions: list[Action]) -> dict[str, str]:
    """Return ID -> label for every application, the ones with something to send first."""
    order = sorted(
        zip(apps["ID"], apps["Company"], apps["Job Title"], apps["Status"], actions),
        key=lambda row: (_URGENCY_ORDER.get(row[4].urgency, 9), row[4].due_on or pd.Timestamp.max.date()),
    )
    labels: dict[str, str] = {}
    for app_id, company, title, status, action in order:
        todo = f" · {action.kind.label}" if action.kind not in (ActionKind.NOTHING, ActionKind.WAIT) else ""
        labels[app_id] = f"{company or 'No company'} – {title or 'no job title'} ({status or 'no status'}){todo}"
    return labels


def apply_link_request(ids: dict[str, str]) -> Scenario | None:
    """Select the application (and return the scenario) the page was opened for.

    The Today page opens this page with ?app=<ID>&scenario=<value>; a request is applied
    once, so the person's own choices afterwards are kept.
    """
    app_id = st.query_params.get("app")
    scenario_value = st.query_params.get("scenario")
    request = (app_id, scenario_value)
    if app_id in ids and (request != st.session_state.get(K + "request") or K + "app" not in st.session_state):
        st.session_state[K + "app"] = app_id
        st.session_state[K + "request"] = request
        try:
            return Scenario(scenario_value)
        except ValueError:
            return None
    if K + "app" not in st.session_state and st.session_state.get(K + "current") in ids:
        st.session_state[K + "app"] = st.session_state[K + "current"]  # back from another page
    return None


def reset_when_changed(name: str, context: tuple, values: dict[str, Any]) -> None:
    """Set widget values to `values` when `context` differs from last run's (a new choice
    upstream) or a widget has no value yet (first visit, or back from another page);
    otherwise leave them, so what the person chose or typed survives reruns."""
    if st.session_state.get(K + name + ".for") != context or any(key not in st.session_state for key in values):
        st.session_state[K + name + ".for"] = context
        for key, value in values.items():
            st.session_state[key] = value


def choose_scenario(app_id: str, suggested: Scenario, requested: Scenario | None) -> Scenario:
    if requested is not None:
        st.session_state[K + "scenario"] = requested
        st.session_state[K + "scenario.for"] = (app_id,)
    else:
        reset_when_changed("scenario", (app_id,), {K + "scenario": suggested})
    chosen = st.selectbox(
        "Scenario",
        list(Scenario),
        format_func=lambda s: s.label + ("  (suggested)" if s is suggested else ""),
        key=K + "scenario",
    )
    return chosen if chosen is not None else suggested


def choose_medium(app_id: str, scenario: Scenario, action: Action) -> str:
    media = list(SUITED_MEDIA[scenario])
    preferred = action.medium if action.scenario is scenario and action.medium in media else media[0]
    reset_when_changed("medium", (app_id, scenario), {K + "medium": preferred})
    if st.session_state.get(K + "medium") not in media:
        st.session_state[K + "medium"] = preferred
    chosen = st.segmented_control("Medium", media, required=True, key=K + "medium")
    return chosen if chosen is not None else preferred


def choose_parts(app: dict[str, Any], scenario: Scenario, data: Dataset) -> tuple[set, str, dict[str, str]]:
    """Render the optional parts and the extra inputs; return (parts on, qualification, extra).

    The competing offer's deadline starts as the soonest Offer Deadline held elsewhere.
    """
    offered = optional_parts(scenario, app)
    defaults = default_parts(scenario, app)
    reset_when_changed("parts", (app["ID"], scenario), {K + f"part.{p.value}": p in defaults for p in offered})
    today = ui.today()
    offer_by = competing_offer_deadline(data.applications, app["ID"], today)
    extra_defaults = {K + f"extra.{key}": "" for key in EXTRA_KEYS}
    if offer_by is not None:
        extra_defaults[K + "extra.offer_deadline"] = long_date(offer_by, today)
    reset_when_changed("inputs", (app["ID"], offer_by), {K + "qualification": "", **extra_defaults})
    parts: set = set()
    if offered:
        # Side by side as wide as their labels, wrapping to a new line: in equal columns they were cut off.
        row = st.container(horizontal=True, gap="medium")
        for part in offered:
            if row.toggle(part.label, key=K + f"part.{part.value}", width="content"):
                parts.add(part)
    qualification = ""
    if Part.QUALIFICATION in parts:
        qualification = st.text_input(
            "A qualification that fits",
            key=K + "qualification",
            placeholder="e.g. I led the move of our reporting to dbt at my last job",
        )
    extra: dict[str, str] = {}
    for item in extra_inputs(scenario, parts):
        key = K + f"extra.{item.key}"
        label = item.label + ("" if item.required else " (optional)")
        if len(item.help) > ONE_LINE_PLACEHOLDER:  # a sentence with an example: a box it can wrap in
            extra[item.key] = st.text_area(label, key=key, placeholder=item.help, height=68)
        else:
            extra[item.key] = st.text_input(label, key=key, placeholder=item.help or None)
    return parts, qualification, extra


def editable_text(message: Message) -> tuple[str, str]:
    """Show the message for editing; return (subject, body) as the person left them.

    The edited text is kept across reruns until the generated message changes (another
    application, scenario, medium, tone, part or input), which replaces it."""
    generated = (message.subject, message.body)
    if st.session_state.get(K + "generated") != generated or K + "body" not in st.session_state:
        st.session_state[K + "generated"] = generated
        st.session_state[K + "subject"] = message.subject
        st.session_state[K + "body"] = message.body
    subject = ""
    if message.medium == EMAIL:
        subject = st.text_input("Subject", key=K + "subject")
    label = "Call script" if message.medium == PHONE else "Message"
    body = st.text_area(label, key=K + "body", height="content")
    if (subject, body) != generated:
        st.caption("Your edits are kept until you change a choice above.")
        if st.button("Start again from the generated text", key=K + "reset", icon=":material/undo:"):
            st.session_state.pop(K + "generated", None)
            st.rerun()
    return subject, body


def missing_panel(missing: tuple[Placeholder, ...]) -> None:
    if not missing:
        return
    st.markdown("**Still to fill in** (or replace it in the text)")
    for item in missing:
        if item.where == "Applications":
            st.page_link(APPLICATIONS_PAGE, label=f"{md(item.token)} · {md(item.field)} in Applications", icon=":material/work:")
        elif item.where == "Settings":
            st.page_link(SETTINGS_PAGE, label=f"{md(item.token)} · your profile in Settings", icon=":material/settings:")
        else:
            st.caption(f"{md(item.token)} · fill it in above")


def checks_panel(message: Message, app: dict[str, Any], history: pd.DataFrame, rules: RuleSettings, now: datetime, action: Action) -> None:
    st.markdown("**Before you send**")
    for check in check_message(message, app, history, now, rules, action=action):
        _CHECK_SHOW.get(check.level, st.info)(md(check.message), icon=_CHECK_ICON.get(check.level))


def send_section(app: dict[str, Any], message: Message, action: Action) -> None:
    log_col, open_col = st.columns(2)
    if message.medium == EMAIL:
        address = app.get("Interviewer Email") or ""
        open_col.link_button(
            "Open in mail program",
            mailto_link(address, message.subject, message.body),
            icon=":material/mail:",
            help=None if address else "No email address on the application: you can add the recipient in your mail program.",
        )
    elif message.medium == LINKEDIN and (profile := web_url(app.get("Interviewer LinkedIn"))):
        open_col.link_button("Open their LinkedIn profile", profile, icon=":material/open_in_new:")
    label = "Log the call" if message.medium == PHONE else "Log as sent"
    if log_col.button(label, key=K + "log", type="primary", icon=":material/task_alt:"):
        seen = ui.shown_application(K, app["ID"])  # as the previous run showed it, not as re-read now
        if seen is None:
            return

        logged = logged_message(app, message.scenario, message.medium, ui.now(), action.followups_sent)

        def log() -> None:
            record_sent(ui.store(), seen, medium=message.medium, when=logged.at, scenario=message.scenario,
                        subject=message.subject, message=message.body)

        def say_what_was_logged() -> None:
            # The page now says what was logged and what comes next instead of drafting;
            # when the person asks for another message, the planner's suggestion is offered afresh.
            st.session_state[K + "logged"] = logged
            st.session_state.pop(K + "scenario.for", None)
            st.session_state[K + "relabel"] = True  # its label in the picker names the step just done

        ui.write(log, "", then=say_what_was_logged)  # the page's own confirmation says it: no toast too
    with st.expander("Copy the text", icon=":material/content_copy:"):
        st.caption("The copy button is at the top right of the box.")
        copy_text = (f"Subject: {message.subject}\n\n" if message.subject else "") + message.body
        st.code(copy_text, language=None, wrap_lines=True)


def just_logged(app_id: str) -> Logged | None:
    """The message logged on this page for `app_id` on the last action, if that is what to show."""
    logged = st.session_state.get(K + "logged")
    if isinstance(logged, Logged) and logged.app_id == app_id:
        return logged
    st.session_state.pop(K + "logged", None)  # another application was chosen: draft for it
    return None


def after_logging(logged: Logged, action: Action) -> None:
    """Say what was logged and what the planner says comes next; draft again only when asked."""
    today = ui.today()
    st.success(md(logged_line(logged, today)), icon=":material/task_alt:")
    step = after_logging_step(action, today)
    st.info(f"**{md(step.headline)}** {md(step.reason)}", icon=":material/event:")
    # A reload drafts the planner's suggestion, not the message just sent; the link is not
    # a new request (that would take the application back from the person's next choice).
    st.query_params.pop("scenario", None)
    st.session_state[K + "request"] = (logged.app_id, None)
    label = "Write it now" if step.due_now else "Write another message"
    if st.button(label, key=K + "another", icon=":material/edit:", type="primary" if step.due_now else "secondary"):
        st.session_state.pop(K + "logged", None)
        st.rerun()


def main() -> None:
    st.title("Follow-up")
    data = ui.dataset()
    apps = data.applications
    if apps.empty:
        st.info("No applications yet. Add one first; its details fill in the message.", icon=":material/work:")
        st.page_link(APPLICATIONS_PAGE, label="Go to Applications", icon=":material/work:")
        return
    now = ui.now()
    rules = RuleSettings.from_settings(data.settings)
    profile = Profile.from_settings(data.settings)
    actions = ui.plan(data)  # the cached plan: the planner runs once per read and minute
    labels = application_options(apps, actions)
    requested = apply_link_request(labels)
    if requested is not None:  # opened for a message (from Today, say): draft it, even just after logging
        st.session_state.pop(K + "logged", None)
    if st.session_state.pop(K + "relabel", False) and st.session_state.get(K + "app") in labels:
        # The browser keeps showing the chosen option's old label when only the label changed (it
        # names the next step); a value set through the Session State API is sent, with its label.
        st.session_state[K + "app"] = st.session_state[K + "app"]
    app_id = st.selectbox("Application", list(labels), format_func=lambda i: labels.get(i, i), key=K + "app", placeholder="Type to search")
    if app_id is None:
        return
    app = data.application(app_id)
    if app is None:
        st.warning("That application is no longer in the data.")
        return
    st.session_state[K + "current"] = app_id
    history = data.history(app_id)
    action = next(a for a in actions if a.app_id == app_id)
    logged = just_logged(app_id)
    if logged is not None:
        after_logging(logged, action)
        return
    suggested = suggested_scenario(app, history, now, rules, action=action)
    st.info(f"**{action.kind.label}.** {md(action.reason)}", icon=":material/lightbulb:")

    scenario_col, medium_col, tone_col = st.columns([4, 3, 2])  # the scenario's names are long
    with scenario_col:
        scenario = choose_scenario(app_id, suggested, requested)
    with medium_col:
        medium = choose_medium(app_id, scenario, action)
    with tone_col:
        tone = st.segmented_control("Tone", list(Tone), format_func=lambda t: t.label, required=True, default=Tone.FORMAL, key=K + "tone")
    parts, qualification, extra = choose_parts(app, scenario, data)
    st.query_params.update({"app": app_id, "scenario": scenario.value})
    st.session_state[K + "request"] = (app_id, scenario.value)

    try:
        generated = build_message(app, profile, scenario, medium, tone, parts=parts, qualification=qualification, extra=extra, now=now)
    except Refused as refused:  # a medium that does not suit this message, or cannot hold it
        st.warning(refused.reason, icon=":material/block:")
        return
    text_col, side_col = st.columns([3, 2], gap="large")
    with text_col:
        subject, body = editable_text(generated)
    edited = with_text(generated, app, subject, body)
    with side_col:
        checks_panel(edited, app, history, rules, now, action)
        missing_panel(edited.missing)
    with text_col:
        send_section(app, edited, action)
    ui.remember_shown(K, data)  # the next click acts on what the person sees now


main()
