"""What one message is built from: the application's details in words, or their placeholders."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from lib.domain.fields import AppCol
from lib.domain.people import Person, join_names, parse_people
from lib.domain.records import Application
from lib.domain.text import clean, day_phrase, long_date
from lib.domain.vocab import Scenario
from lib.messages.anatomy import Tone, about_interview
from lib.messages.media import SHORT_MEDIA
from lib.messages.notes import concern_phrase, topic_phrase
from lib.messages.phrasing import greeting, later_round, round_phrase, sentence
from lib.messages.placeholders import TOKEN
from lib.messages.profile import Profile


@dataclass(frozen=True)
class Context:
    """What one message is built from; attributes hold values or their placeholders."""

    scenario: Scenario
    medium: str
    tone: Tone
    today: date
    people: list[Person]
    job: str
    company: str
    location: str
    interviewer_title: str
    interviewer_phone: str
    interviewed: bool  # an interview took place (else the application is the last contact)
    day: str  # "on Tuesday" / "yesterday" / "on [interview date]"
    subject_day: str  # "3 November" or ""
    applied_day: str
    deadline: str  # "Friday, 13 November" or "" (the timeline they gave, if any)
    deadline_passed: bool
    round: str  # "second interview", or "interview" when the round is blank
    later_round: bool  # a round after the first: the person has met more of the team
    topic: str
    concern: str  # "about my limited experience with Kubernetes" / "that I ..." (after "a concern")
    qualification: str
    extra: Mapping[str, str]
    profile: Profile

    @property
    def formal(self) -> bool:
        return self.tone is Tone.FORMAL

    @property
    def short(self) -> bool:
        return self.medium in SHORT_MEDIA

    def t(self, formal: str, friendly: str) -> str:
        return formal if self.formal else friendly

    def x(self, key: str) -> str:
        """An extra input, or its placeholder."""
        return clean(self.extra.get(key)) or TOKEN[f"extra.{key}"]

    @property
    def role(self) -> str:
        return f"the {self.job} role at {self.company}"

    @property
    def occasion(self) -> str:
        return "interview" if self.interviewed else "application"

    @property
    def your_name(self) -> str:
        return self.profile.name or TOKEN["profile.name"]

    @property
    def your_phone(self) -> str:
        return self.profile.phone or TOKEN["profile.phone"]

    @property
    def your_email(self) -> str:
        return self.profile.email or TOKEN["profile.email"]

    @property
    def callee(self) -> str:
        """How the interviewer is addressed aloud ("" for an unnamed hiring manager)."""
        if not self.people:
            return "" if self.unnamed_ok else TOKEN[AppCol.INTERVIEWER]
        return join_names([p.formal if self.formal else p.friendly for p in self.people])

    @property
    def unnamed_ok(self) -> bool:
        """Nobody was met yet, so writing to the hiring manager without a name is normal."""
        return not self.interviewed and not self.people

    @property
    def greeting(self) -> str:
        unnamed = self.t("Dear Hiring Manager,", "Hello,") if self.unnamed_ok else ""
        return greeting(self.people, self.tone, unnamed=unnamed)

    @property
    def formal_greeting(self) -> str:
        """The greeting of a letter, which always opens formally whatever the tone."""
        return greeting(self.people, Tone.FORMAL, unnamed="Dear Hiring Manager," if self.unnamed_ok else "")

    @property
    def recipient(self) -> str:
        """Whom a letter is addressed to, or whom to ask for on the phone."""
        named = " and ".join(f"{p.title} {p.full}".strip() for p in self.people)
        if named:
            return named
        return f"the hiring manager for the {self.job} role" if self.unnamed_ok else TOKEN[AppCol.INTERVIEWER]


def make_context(
    app: Application,
    profile: Profile,
    scenario: Scenario,
    medium: str,
    tone: Tone,
    qualification: str,
    extra: Mapping[str, str],
    now: datetime,
) -> Context:
    today = now.date()
    interview = app.interview_on.date() if app.interview_on else None
    applied = app.applied_on
    expected = app.response_expected_by
    if expected and interview and expected < interview:
        expected = None  # a timeline from an earlier round, not for the latest interview
    interviewed = about_interview(app, scenario)
    if interview:
        day, subject_day = day_phrase(interview, today), long_date(interview, today, weekday=False)
    else:
        day, subject_day = f"on {TOKEN[AppCol.INTERVIEW_ON]}", ""
    return Context(
        scenario=scenario,
        medium=medium,
        tone=tone,
        today=today,
        people=parse_people(app.interviewer),
        job=app.job_title or TOKEN[AppCol.JOB_TITLE],
        company=app.company or TOKEN[AppCol.COMPANY],
        location=app.location,
        interviewer_title=app.interviewer_title,
        interviewer_phone=app.interviewer_phone or TOKEN[AppCol.INTERVIEWER_PHONE],
        interviewed=interviewed,
        day=day,
        subject_day=subject_day,
        applied_day=day_phrase(applied, today) if applied else f"on {TOKEN[AppCol.APPLIED_ON]}",
        deadline=long_date(expected, today) if expected else "",
        deadline_passed=bool(expected and expected < today),
        round=round_phrase(app.interview_round),
        later_round=later_round(app.interview_round),
        topic=topic_phrase(app.topics_discussed).text or TOKEN[AppCol.TOPICS_DISCUSSED],
        concern=concern_phrase(app.concerns_raised).text or f"about {TOKEN[AppCol.CONCERNS_RAISED]}",
        qualification=sentence(qualification) or TOKEN["qualification"],
        extra=extra,
        profile=profile,
    )
