"""One cell cleaner, one set of date phrases and one name parser for the planner and the messages."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from lib.domain.people import parse_people, plain_names, pronoun
from lib.domain.text import clean, day_phrase, long_date, short_day, short_moment
from lib.domain.vocab import Scenario
from lib.messages.templates import EMAIL, Profile, Tone, build_message
from lib.planner.rules import next_action

TODAY = date(2026, 11, 16)


@pytest.mark.parametrize(("value", "text"), [(None, ""), (float("nan"), ""), (pd.NaT, ""), (pd.NA, ""), ("  x ", "x"), (3, "3")])
def test_blanks_are_blank(value: object, text: str) -> None:
    assert clean(value) == text


@pytest.mark.parametrize("typed", ["None", "nan", "NaT", "<NA>"])
def test_words_a_person_typed_are_kept(typed: str) -> None:
    assert clean(typed) == typed


def test_a_typed_none_reaches_the_message() -> None:
    app = {"Company": "Acme", "Job Title": "Analyst", "Interviewer": "Sam Lee", "Topics Discussed": "None",
           "Interview On": datetime(2026, 11, 12, 10)}
    body = build_message(app, Profile(), Scenario.THANK_YOU, EMAIL, Tone.FORMAL, now=datetime(2026, 11, 16, 9)).body
    assert "about None" in body  # the person's own word, not a placeholder


def test_date_phrases() -> None:
    assert short_day(date(2026, 11, 3)) == "Tue 3 Nov"
    assert short_day(date(2026, 11, 3), TODAY) == "Tue 3 Nov"
    assert short_day(date(2025, 11, 3), TODAY) == "Mon 3 Nov 2025"
    assert short_moment(datetime(2026, 11, 3, 10, 30), TODAY) == "Tue 3 Nov at 10:30"
    assert short_moment(datetime(2026, 11, 3), TODAY) == "Tue 3 Nov"
    assert long_date(date(2026, 11, 3), TODAY) == "Tuesday, 3 November"
    assert long_date(date(2025, 1, 3), TODAY) == "3 January 2025"
    assert [day_phrase(TODAY, TODAY), day_phrase(date(2026, 11, 15), TODAY), day_phrase(date(2026, 11, 12), TODAY)] == [
        "today", "yesterday", "on Thursday"]


@pytest.mark.parametrize(
    ("cell", "plain", "pronoun_"),
    [
        ("Ms. Dana Lee", "Dana Lee", "she"),
        ("Mr. Sam Ortiz", "Sam Ortiz", "he"),
        ("Mr. Ortiz", "Mr. Ortiz", "he"),
        ("Dr. Sam Lee", "Dr. Sam Lee", "they"),
        ("Dr Sam Lee", "Dr Sam Lee", "they"),
        ("Prof. Ana de la Cruz", "Prof. Ana de la Cruz", "they"),
        ("Sam Lee, PhD", "Sam Lee", "they"),
        ("Ms. Dana Park and Mr. Lee", "Dana Park and Mr. Lee", "they"),
        ("", "", "they"),
    ],
)
def test_one_name_parser(cell: str, plain: str, pronoun_: str) -> None:
    assert plain_names(cell) == plain
    assert pronoun(cell) == pronoun_


def test_dr_is_a_title_in_the_planner_and_in_the_messages() -> None:
    (person,) = parse_people("Dr. Sam Lee")
    assert (person.title, person.first, person.last) == ("Dr.", "Sam", "Lee")
    app = {"ID": "A-1", "Company": "Acme", "Job Title": "Analyst", "Status": "Interviewing", "Interviewer": "Dr. Sam Lee",
           "Applied On": date(2026, 10, 1), "Interview On": datetime(2026, 11, 10, 10), "Thank-You Sent On": datetime(2026, 11, 10, 15)}
    reason = next_action(app, pd.DataFrame(), datetime(2026, 11, 12, 9)).reason
    assert "with Dr. Sam Lee on Tue 10 Nov and they said" in reason or "with Dr. Sam Lee on Tue 10 Nov;" in reason
    message = build_message(app, Profile(), Scenario.STATUS_INQUIRY, EMAIL, Tone.FORMAL, now=datetime(2026, 11, 20, 9))
    assert message.body.startswith("Dear Dr. Lee,")
