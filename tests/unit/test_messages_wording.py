"""Messages read as one careful person wrote them: letters open formally, no phrase twice,
the check-in thanks the reader, nothing claimed that the row does not say, two interviewers
are two people, a medium that does not fit is refused, and the app names what was logged."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest

from lib.domain.literal import text as md
from lib.domain.model import applications_frame, followups_frame
from lib.domain.vocab import HistoryKind, Scenario
from lib.messages.templates import (
    EMAIL,
    LETTER,
    LINKEDIN,
    MEDIA,
    OPTIONAL_PARTS,
    PHONE,
    SUITED_MEDIA,
    TEXT,
    Profile,
    Refused,
    Tone,
    build_message,
    refusal,
    sent_noun,
)
from lib.planner.action import ActionKind
from lib.planner.calendar_ics import build_calendar
from lib.planner.rules import RuleSettings, next_action
from tests.conftest import no_exceptions

NOW = datetime(2026, 11, 16, 11, 0)  # a Monday
PROFILE = Profile(name="Jo Smith", phone="+44 7700 900123", email="jo@example.com", linkedin="linkedin.com/in/josmith")
ROW: dict[str, Any] = {
    "ID": "A-0001",
    "Company": "Atlas Retail",
    "Job Title": "Data Analyst",
    "Location": "Leeds",
    "Status": "Interviewing",
    "Applied On": date(2026, 10, 20),
    "Interview On": datetime(2026, 11, 3, 10, 0),
    "Interview Round": "Final",
    "Interviewer": "Dr. Priya Raman",
    "Interviewer Phone": "+44 113 496 0000",
    "Response Expected By": date(2026, 11, 13),
    "Topics Discussed": "streaming pipelines",
    "Concerns Raised": "limited experience with Kubernetes",
}
EXTRA = {
    "offer_deadline": "Friday, 20 November",
    "mistake": "that I could start on 1 March",
    "correction": "that I can start on 1 April",
    "feedback": "going deeper into trade-offs in system design",
    "concern_response": "In my last role I ran our Kubernetes clusters within a month of joining",
}
COMBOS = [(s, m, t) for s in Scenario for m in SUITED_MEDIA[s] for t in Tone]


def _build(changes: dict[str, Any] | None = None, scenario: Scenario = Scenario.THANK_YOU, medium: str = EMAIL, tone: Tone = Tone.FORMAL, **kw: Any):
    app = applications_frame([{**ROW, **(changes or {})}]).iloc[0].to_dict()
    return build_message(app, PROFILE, scenario, medium, tone, extra=EXTRA, now=NOW, **kw)


def _repeated(body: str, ignore: set[str], n: int = 4) -> set[str]:
    """Sequences of n words that occur twice, apart from the row's own names."""
    words = re.findall(r"[a-z']+", body.lower())
    first: dict[str, int] = {}
    twice = set()
    for i in range(len(words) - n + 1):
        gram = " ".join(words[i : i + n])
        if gram in first and i - first[gram] >= n and not set(gram.split()) & ignore:
            twice.add(gram)
        first.setdefault(gram, i)
    return twice


@pytest.mark.parametrize("interviewer", ["Dr. Priya Raman", "Sam Lee and Dana Park"])
@pytest.mark.parametrize("round_", ["Final", ""])
@pytest.mark.parametrize(("scenario", "medium", "tone"), COMBOS)
def test_no_phrase_twice_in_one_message(scenario: Scenario, medium: str, tone: Tone, round_: str, interviewer: str) -> None:
    changes = {"Interview Round": round_, "Interviewer": interviewer}
    for parts in (None, OPTIONAL_PARTS):
        message = _build(changes, scenario, medium, tone, parts=parts, qualification="I led a dbt rollout at Globex.")
        said = message.body.split("If you reach voicemail:")[0]  # the voicemail repeats the call on purpose
        if medium == LETTER:  # the address block names the reader above the greeting, as letters do
            said = said[said.index("\nDear ") :]
        said = f"{message.subject}\n{said}"
        ignore = set(re.findall(r"[a-z']+", "atlas retail data analyst jo smith priya raman sam lee dana park"))
        assert not _repeated(said, ignore), (parts, _repeated(said, ignore))


@pytest.mark.parametrize("scenario", [s for s in Scenario if LETTER in SUITED_MEDIA[s]])
def test_letters_always_open_formally(scenario: Scenario) -> None:
    for changes, greeting in (({}, "Dear Dr. Raman,"), ({"Interviewer": "Sam Lee and Dana Park"}, "Dear Sam Lee and Dana Park,")):
        row = {**changes, "Status": "Rejected"} if scenario is Scenario.REJECTION_REPLY else changes
        lines = _build(row, scenario, LETTER, Tone.FRIENDLY).body.splitlines()
        assert greeting in lines and not any(line.startswith("Hi ") for line in lines)


@pytest.mark.parametrize("medium", [LINKEDIN, EMAIL])
@pytest.mark.parametrize("tone", list(Tone))
def test_the_check_in_thanks_the_reader(medium: str, tone: Tone) -> None:
    body = _build({}, Scenario.CHECK_IN, medium, tone).body
    assert re.search(r"\b(Thank you|Thanks)\b", body.split("\n\n", 1)[1])


@pytest.mark.parametrize("medium", SUITED_MEDIA[Scenario.STATUS_INQUIRY])
@pytest.mark.parametrize("tone", list(Tone))
def test_a_status_inquiry_does_not_say_hoped_for_a_day_still_to_come(medium: str, tone: Tone) -> None:
    body = _build({"Response Expected By": date(2026, 11, 20)}, Scenario.STATUS_INQUIRY, medium, tone).body
    assert "20 November" in body and "hoped" not in body and "hoping" not in body
    passed = _build({}, Scenario.STATUS_INQUIRY, medium, tone).body
    assert "13 November" in passed


def test_two_interviewers_are_two_people() -> None:
    two = {"Interviewer": "Dr. Sam Lee and Ms. Dana Park"}
    assert _build(two, Scenario.THANK_YOU, EMAIL, Tone.FORMAL).body.startswith("Dear Dr. Lee and Ms. Park,")
    assert _build(two, Scenario.THANK_YOU, LINKEDIN, Tone.FRIENDLY).body.startswith("Hi Sam and Dana,")
    call = _build(two, Scenario.STATUS_INQUIRY, PHONE, Tone.FORMAL).body
    # One person picks up the phone: ask for either, and greet whoever answers.
    assert "Ask for: Dr. Sam Lee or Ms. Dana Park, on" in call
    assert "Hello Dr. Lee and Ms. Park" not in call and '"Hello, this is Jo Smith.' in call


def test_the_call_script_recalls_the_topic_in_plain_words() -> None:
    call = _build({}, Scenario.STATUS_INQUIRY, PHONE, Tone.FORMAL).body
    assert "I have been thinking more about streaming pipelines since we spoke." in call
    assert "what we discussed about" not in call


@pytest.mark.parametrize(("scenario", "medium"), [(s, m) for s in Scenario for m in MEDIA if m != TEXT and m not in SUITED_MEDIA[s]])
def test_a_medium_that_does_not_fit_is_refused_with_a_reason(scenario: Scenario, medium: str) -> None:
    reason = refusal(scenario, medium)
    assert reason and ": use " in reason
    with pytest.raises(Refused) as refused:
        _build({"Status": "Rejected"}, scenario, medium)
    assert refused.value.reason == reason


def test_a_phone_script_never_replies_to_a_rejection() -> None:
    with pytest.raises(Refused, match="in writing"):
        _build({"Status": "Rejected"}, Scenario.REJECTION_REPLY, PHONE)


def test_a_text_message_too_long_is_refused_not_sent_long() -> None:
    long_answer = "In my last role I ran our Kubernetes clusters, " * 12
    with pytest.raises(Refused, match="320"):
        build_message(ROW, PROFILE, Scenario.ADDRESS_CONCERN, TEXT, Tone.FORMAL, extra={"concern_response": long_answer}, now=NOW)
    for scenario in Scenario:
        try:
            message = _build({}, scenario, TEXT)
        except Refused as refused:
            assert "too long" in refused.reason
        else:
            assert len(message.body) <= 320


@pytest.mark.parametrize(
    ("kind", "medium", "noun"),
    [
        (HistoryKind.FINAL, EMAIL, "final follow-up"),
        (HistoryKind.THANK_YOU, LINKEDIN, "thank-you note"),
        (HistoryKind.CHECK_IN, PHONE, "call"),
        (HistoryKind.FEEDBACK_REQUEST, EMAIL, "feedback request"),
        (HistoryKind.OTHER, EMAIL, "message"),
    ],
)
def test_what_was_logged_is_named(kind: str, medium: str, noun: str) -> None:
    assert sent_noun(kind, medium) == noun


def test_the_today_toast_names_a_final_follow_up(app_on, demo_store) -> None:
    apps = demo_store.load(date.today()).applications
    at = app_on(demo_store, "app_pages/today.py")
    sent = [b.key for b in at.button if b.key and b.key.endswith(".sent")]
    assert sent
    app_id = sent[0].split(".")[2]
    company = str(apps.set_index("ID").loc[app_id, "Company"])
    at.button(key=sent[0]).click().run()
    at.selectbox(key=f"today.sent_form.{app_id}.kind").select("Final")
    at.selectbox(key=f"today.sent_form.{app_id}.medium").select("Email")
    at.button(key=f"FormSubmitter:today.sent_form.{app_id}-Save").click().run()
    no_exceptions(at)
    assert demo_store.load(date.today()).history(app_id).iloc[-1]["Kind"] == "Final"
    assert [t.value for t in at.toast] == [md(f"Logged the final follow-up to {company}")]


def test_the_calendar_writes_days_as_the_app_does() -> None:
    now = datetime(2026, 12, 1, 9)
    row = {"ID": "A-0001", "Company": "Atlas Retail", "Job Title": "Data Analyst", "Status": "Applied", "Applied On": date(2026, 11, 2)}
    planned = next_action(row, followups_frame([]), now, RuleSettings())
    action = replace(planned, kind=ActionKind.FOLLOW_UP, due_on=date(2026, 12, 1), late_after=date(2026, 12, 5))
    text = build_calendar([action], now).decode().replace("\r\n ", "")
    assert "Best done by: Sat 5 Dec" in text
    assert "05 Dec" not in text and "Sat 5 Dec 2026" not in text


@pytest.mark.parametrize(
    "cell",
    ["Priya Raman\nDana Lee", "Priya Raman with Dana Lee", "Priya Raman (Head of Data) and Dana Lee", "Panel: Priya Raman, Dana Lee"],
)
def test_two_interviewers_typed_in_other_ways_are_two_people(cell: str) -> None:
    assert _build({"Interviewer": cell}, Scenario.THANK_YOU, EMAIL, Tone.FORMAL).body.startswith("Dear Priya Raman and Dana Lee,")
    assert _build({"Interviewer": cell}, Scenario.THANK_YOU, EMAIL, Tone.FRIENDLY).body.startswith("Hi Priya and Dana,")
