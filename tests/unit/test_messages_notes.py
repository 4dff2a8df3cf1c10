"""Notes typed the way people type them: Topics Discussed and Concerns Raised fit their
sentence frames, and a note that cannot be placed well is flagged instead of called ready."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import pytest

from lib.domain.fields import AppCol
from lib.domain.model import applications_frame, followups_frame
from lib.domain.schema import APPLICATIONS
from lib.domain.vocab import Scenario
from lib.messages.templates import (
    EMAIL,
    LINKEDIN,
    OPTIONAL_PARTS,
    PHONE,
    SUITED_MEDIA,
    Profile,
    Tone,
    build_message,
    check_message,
    concern_phrase,
    topic_phrase,
    with_text,
)
from lib.planner.rules import RuleSettings

NOW = datetime(2026, 11, 16, 11, 0)
PROFILE = Profile(name="Jo Smith", phone="+44 7700 900123", email="jo@example.com")
ROW: dict[str, Any] = {
    "ID": "A-0001",
    "Company": "Atlas Retail",
    "Job Title": "Data Analyst",
    "Status": "Interviewing",
    "Applied On": date(2026, 10, 20),
    "Interview On": datetime(2026, 11, 12, 10, 0),
    "Interview Round": "Second",
    "Interviewer": "Priya Raman",
    "Interviewer Email": "priya@atlas.example",
}


def _build(topics: str = "", concerns: str = "", scenario: Scenario = Scenario.THANK_YOU, medium: str = EMAIL, tone: Tone = Tone.FORMAL):
    app = applications_frame([{**ROW, "Topics Discussed": topics, "Concerns Raised": concerns}]).iloc[0].to_dict()
    return app, build_message(app, PROFILE, scenario, medium, tone, now=NOW)


@pytest.mark.parametrize(
    ("typed", "placed"),
    [
        ("We talked about how they onboard new analysts", "how you onboard new analysts"),
        ("They told me about their new data platform", "your new data platform"),
        ("Discussed the team structure; pay bands", "the team structure"),
        ("we spent a while on streaming pipelines.", "streaming pipelines"),
        ("I asked about career progression. Also the offsite.", "career progression"),
        ("How the data team is structured", "how the data team is structured"),
        ("AWS cost savings", "AWS cost savings"),
    ],
)
def test_topics_typed_as_sentences_fit_the_frame(typed: str, placed: str) -> None:
    assert topic_phrase(typed).text == placed and topic_phrase(typed).fits
    _, message = _build(topics=typed, concerns="the commute")
    assert f"our conversation about {placed}." in message.body
    assert message.ready


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("worried I don't have enough management experience", "You mentioned a concern that I don't have enough management experience."),
        ("no hands-on Looker experience", "You mentioned a concern about my lack of hands-on Looker experience."),
        ("limited experience with Kubernetes", "You mentioned a concern about my limited experience with Kubernetes."),
        ("They were concerned that I've only worked at startups", "You mentioned a concern that I've only worked at startups."),
        ("not enough experience with Airflow", "You mentioned a concern about whether I have enough experience with Airflow."),
        ("They asked whether I can manage stakeholders", "You mentioned a concern about whether I can manage stakeholders."),
        ("Concern: the notice period is three months", "You mentioned a concern that the notice period is three months."),
        ("Salary expectations", "You mentioned a concern about salary expectations."),
        ("too junior for the role", "You mentioned a concern that I might be too junior for the role."),
    ],
)
def test_concerns_typed_as_people_type_them_read_as_meant(typed: str, sentence: str) -> None:
    assert concern_phrase(typed).fits
    _, message = _build(topics="the team structure", concerns=typed)
    assert sentence in message.body, message.body
    assert message.ready


@pytest.mark.parametrize(
    "typed",
    [
        "The team is growing fast and they want someone who can own the dashboards",
        "Great chat",
        "It was mostly small talk about the weather and then some questions",
        "you're moving everything to Snowflake next year",
    ],
)
def test_a_topic_that_cannot_be_placed_is_flagged_with_an_example(typed: str) -> None:
    app, message = _build(topics=typed, concerns="the commute")
    assert not message.ready
    assert [u.field for u in message.unplaced] == [AppCol.TOPICS_DISCUSSED]
    checks = check_message(message, app, followups_frame([]), NOW, RuleSettings())
    problem = [c for c in checks if c.level == "problem"]
    assert problem and "rewrite it as a short phrase, e.g." in problem[0].message
    # Once the person rewrites the sentence in the text, it no longer counts against the message.
    rewritten = with_text(message, app, message.subject, message.body.replace(message.unplaced[0].text, "your dashboards"))
    assert rewritten.ready
    assert not any(c.level == "problem" for c in check_message(rewritten, app, followups_frame([]), NOW, RuleSettings()))


def test_a_long_concern_is_flagged() -> None:
    typed = "they said that the role needs someone who has run a large team across several countries and I have not done that yet"
    app, message = _build(topics="the team structure", concerns=typed)
    assert [u.field for u in message.unplaced] == [AppCol.CONCERNS_RAISED] and not message.ready
    assert any(c.level == "problem" and "short phrase" in c.message for c in check_message(message, app, followups_frame([]), NOW, RuleSettings()))


def test_frames_hold_notes_in_every_scenario_and_medium() -> None:
    topics, concerns = "We talked about how they onboard new analysts", "worried I don't have enough management experience"
    for scenario, media in SUITED_MEDIA.items():
        for medium in media:
            for tone in Tone:
                _, message = _build(topics, concerns, scenario, medium, tone)
                body = message.body.lower()
                assert "about we talked" not in body and "about how they" not in body
                assert "mentioned worried" not in body and "as a concern" not in body
                if medium == PHONE:
                    assert "what we discussed about" not in body


def test_the_cells_help_gives_an_example_that_places_well() -> None:
    topics, concerns = APPLICATIONS.column(AppCol.TOPICS_DISCUSSED).help, APPLICATIONS.column(AppCol.CONCERNS_RAISED).help
    topic_example = topics.split("e.g. ", 1)[1].strip('".')
    concern_example = concerns.split("e.g. ", 1)[1].split('" or "')[0].strip('".')
    assert topic_phrase(topic_example).fits and topic_phrase(topic_example).text == "how you onboard new analysts"
    assert concern_phrase(concern_example).fits
    _, message = _build(topic_example, concern_example, medium=LINKEDIN)
    assert message.ready


@pytest.mark.parametrize(
    ("typed", "placed"),
    [
        ("Priya explained the 90-day plan", "the 90-day plan"),
        ("The interviewer described their stack", "your stack"),
        ("Covered: SQL, dbt and Looker", "SQL, dbt and Looker"),
        ("Lots of talk about data quality", "data quality"),
        ("Team offsite plans", "team offsite plans"),
    ],
)
def test_more_topic_lead_ins_are_dropped(typed: str, placed: str) -> None:
    assert topic_phrase(typed) == topic_phrase(placed) and topic_phrase(typed).text == placed


@pytest.mark.parametrize(
    ("typed", "placed"),
    [
        ("Didn't have enough SQL", "that I didn't have enough SQL"),
        ("has only worked at startups", "that I have only worked at startups"),
        ("Only 2 years of experience", "that I have only 2 years of experience"),
        ("Never managed people", "that I have never managed people"),
        ("They worry about my Python", "about my Python"),
        ("The gap in my CV", "about the gap in my CV"),
        ("Main worry is that I have not used Airflow", "that I have not used Airflow"),
        ("that I lack Looker experience", "that I lack Looker experience"),
        ("Asked if I've used Tableau", "about whether I've used Tableau"),
        ("Relocation to London", "about relocation to London"),
    ],
)
def test_more_concerns_read_as_meant(typed: str, placed: str) -> None:
    assert concern_phrase(typed).text == placed and concern_phrase(typed).fits


@pytest.mark.parametrize("typed", ["how do they handle on-call?", "Mentioned they're hiring two more analysts"])
def test_questions_and_clauses_about_them_are_flagged(typed: str) -> None:
    assert not topic_phrase(typed).fits


_LEADS = ["", "We talked about ", "we discussed ", "Discussed ", "They told me about ", "Priya explained ", "Topics: ", "- "]
_TOPICS = ["their migration to dbt", "how they onboard new analysts", "The Q3 roadmap", "SQL window functions", "what the first 90 days look like"]
_WORRIES = ["", "worried ", "They were concerned that ", "Concern: ", "She asked whether ", "a bit worried about "]
_CONCERNS = ["I don't have enough management experience", "no hands-on Looker experience", "limited experience with Kubernetes",
             "I can manage stakeholders", "my notice period", "the commute"]  # fmt: skip


_BROKEN = re.compile(
    r"about (?:we|i|they|she|he|discussed|talked|topics)\b|mentioned (?:worried|concerned)\b|a concern (?:about|that) (?:that|worried|concern|she)\b"
    r"|a concern about (?:i|no|not|limited)\b|about how they\b|about their\b|a concern that (?:whether|a bit)\b|\?\.",
    re.IGNORECASE,
)


def test_no_frame_reads_broken_whichever_way_the_notes_are_typed() -> None:
    for i, (lead, topic) in enumerate((lead, topic) for lead in _LEADS for topic in _TOPICS):
        for worry in _WORRIES:
            concern = _CONCERNS[(i + len(worry)) % len(_CONCERNS)]
            app, _ = _build(lead + topic, worry + concern)
            message = build_message(app, PROFILE, Scenario.STATUS_INQUIRY, EMAIL, Tone.FORMAL, parts=set(OPTIONAL_PARTS), now=NOW)
            assert not _BROKEN.search(message.body), message.body
            assert not message.unplaced, (lead + topic, worry + concern)


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("going deeper into trade-offs in system design", "Your point about going deeper into trade-offs in system design is"),
        ("They said I should go deeper into trade-offs", "Your point that I should go deeper into trade-offs is"),
        ("my answers were too long", "Your point that my answers were too long is"),
    ],
)
def test_feedback_typed_as_they_said_it_fits(typed: str, sentence: str) -> None:
    app, _ = _build("the team structure", "the commute")
    message = build_message({**app, "Status": "Rejected"}, PROFILE, Scenario.FEEDBACK_THANKS, EMAIL, Tone.FORMAL, extra={"feedback": typed}, now=NOW)
    assert sentence in message.body and message.ready
