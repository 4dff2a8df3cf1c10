"""The template builder: follow-up messages filled with an application's own details.

Everything here is a pure function of the application row, the person's `Profile`, the
chosen scenario, medium and tone, and "now" (always passed in). Information that is missing
is never dropped silently: its placeholder (e.g. "[specific topic discussed]") stays visible
in the text and is listed in `Message.missing`, with where to fill it in.

Public API:
    Profile, Tone, EMAIL / LINKEDIN / PHONE / LETTER / TEXT, MEDIA, SUITED_MEDIA,
    Part, OPTIONAL_PARTS, optional_parts, default_parts,
    ExtraInput, EXTRA_INPUTS, extra_inputs,
    Placeholder, PLACEHOLDERS, find_placeholders, Message, build_message,
    Check, check_message, suggested_scenario,
    Person, parse_people, greeting, day_phrase, long_date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

import pandas as pd

from lib.domain.history import entries
from lib.domain.facts import followups_sent, reached_interview
from lib.domain.fields import AppCol
from lib.domain.people import Person, join_names, parse_people
from lib.domain.records import Application, read_application
from lib.domain.text import clean, day_phrase, letter_date, long_date, short_day
from lib.domain.vocab import COUNTED_KINDS, Medium, Scenario, Status
from lib.planner.rules import Action, ActionKind, RuleSettings, next_action

AppLike = Mapping[str, Any] | Application  # an Application, or one Applications row as a dict

# --- the person's own details -------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """Who sends the messages: the signature under every message.

    Each field's metadata holds a "label" and a "help" text, so a settings form can be
    rendered from `dataclasses.fields(Profile)` without knowing the fields by name.
    """

    name: str = field(default="", metadata={"label": "Your name", "help": "As you sign your messages, e.g. Jo Smith."})
    phone: str = field(
        default="", metadata={"label": "Phone", "help": "Shown in your signature and left on voicemails."}
    )
    email: str = field(default="", metadata={"label": "Email", "help": "Shown in your signature."})
    linkedin: str = field(
        default="",
        metadata={"label": "LinkedIn profile", "help": "Optional; added to your signature when filled in."},
    )
    signoff: str = field(
        default="Best regards",
        metadata={"label": "Sign-off", "help": "The closing line before your name: Best regards, Sincerely, Best."},
    )

    PREFIX = "profile."

    @classmethod
    def from_settings(cls, settings: Mapping[str, str]) -> Profile:
        """Return the profile stored under "profile.*" keys; blanks fall back to defaults."""
        values: dict[str, str] = {}
        for f in fields(cls):
            raw = settings.get(cls.PREFIX + f.name)
            text = _text(raw)
            if text:
                values[f.name] = text
        return cls(**values)

    def to_settings(self) -> dict[str, str]:
        """Return the profile as flat "profile.*" settings."""
        return {self.PREFIX + f.name: str(getattr(self, f.name)) for f in fields(self)}


class Tone(str, Enum):
    """How the message sounds; it should match the tone of the interview."""

    FORMAL = "formal"
    FRIENDLY = "friendly"

    @property
    def label(self) -> str:
        return "Formal" if self is Tone.FORMAL else "Friendly"


# Media are the schema's vocabulary (lib.domain.schema.MEDIA) so a logged message matches the sheet.
EMAIL = Medium.EMAIL
LINKEDIN = Medium.LINKEDIN
PHONE = Medium.PHONE
LETTER = Medium.LETTER
TEXT = Medium.TEXT  # written in the same short form as a LinkedIn message
MEDIA: tuple[str, ...] = (EMAIL, LINKEDIN, PHONE, LETTER, TEXT)
_SHORT_MEDIA = frozenset({LINKEDIN, TEXT})

# Which media suit each scenario, most usual first. A thank-you is written, not phoned; an
# urgent question (a competing offer) is not put in the post; a letter suits the formal notes.
SUITED_MEDIA: dict[Scenario, tuple[str, ...]] = {
    Scenario.THANK_YOU: (EMAIL, LINKEDIN, LETTER),
    Scenario.STATUS_INQUIRY: (EMAIL, PHONE, LINKEDIN),
    Scenario.ADDRESS_CONCERN: (EMAIL, LINKEDIN, LETTER),
    Scenario.AFTER_FINAL_INTERVIEW: (EMAIL, LINKEDIN, LETTER, PHONE),
    Scenario.CHECK_IN: (EMAIL, PHONE, LINKEDIN),
    Scenario.FINAL_FOLLOW_UP: (EMAIL, PHONE, LINKEDIN, LETTER),
    Scenario.REJECTION_REPLY: (EMAIL, LINKEDIN, LETTER),
    Scenario.FEEDBACK_THANKS: (EMAIL, LINKEDIN, LETTER),
    Scenario.CORRECTION: (EMAIL, LINKEDIN),
    Scenario.COMPETING_OFFER: (EMAIL, PHONE, LINKEDIN),
}


# --- the anatomy of a message ---------------------------------------------------------------


class Part(str, Enum):
    """One piece of a good follow-up message, in the order it usually appears."""

    SUBJECT = "subject"
    GREETING = "greeting"
    REINTRODUCE = "reintroduce"
    SPECIFIC_DETAIL = "specific_detail"
    INTEREST = "interest"
    QUALIFICATION = "qualification"
    CONCERN = "concern"
    ASK = "ask"
    REFERRAL = "referral"  # after a rejection or a last note: ask to be introduced elsewhere
    MORE_INFO = "more_info"
    THANKS = "thanks"
    SIGNOFF = "signoff"

    @property
    def label(self) -> str:
        return _PART_LABELS[self]


_PART_LABELS: dict[Part, str] = {
    Part.SUBJECT: "Subject",
    Part.GREETING: "Greeting",
    Part.REINTRODUCE: "Who you are and the interview",
    Part.SPECIFIC_DETAIL: "A detail from the conversation",
    Part.INTEREST: "Renewed interest",
    Part.QUALIFICATION: "A qualification that fits",
    Part.CONCERN: "Address a concern they raised",
    Part.ASK: "The ask",
    Part.REFERRAL: "Ask about other openings",
    Part.MORE_INFO: "Offer more information",
    Part.THANKS: "Thanks",
    Part.SIGNOFF: "Sign-off",
}

# Parts the person can switch on or off. Which of them apply, and which start switched on,
# depends on the scenario (see `optional_parts` and `default_parts`).
OPTIONAL_PARTS: tuple[Part, ...] = (
    Part.SPECIFIC_DETAIL,
    Part.QUALIFICATION,
    Part.CONCERN,
    Part.REFERRAL,
    Part.MORE_INFO,
)

# scenario -> (optional parts offered, those switched on by default)
_OPTIONS: dict[Scenario, tuple[tuple[Part, ...], frozenset[Part]]] = {
    Scenario.THANK_YOU: (
        (Part.SPECIFIC_DETAIL, Part.QUALIFICATION, Part.CONCERN, Part.MORE_INFO),
        frozenset({Part.SPECIFIC_DETAIL, Part.MORE_INFO}),
    ),
    Scenario.STATUS_INQUIRY: (
        (Part.SPECIFIC_DETAIL, Part.QUALIFICATION, Part.CONCERN, Part.MORE_INFO),
        frozenset({Part.SPECIFIC_DETAIL, Part.MORE_INFO}),
    ),
    # The concern is the point of this message, so it is not optional here.
    Scenario.ADDRESS_CONCERN: (
        (Part.SPECIFIC_DETAIL, Part.QUALIFICATION, Part.MORE_INFO),
        frozenset({Part.MORE_INFO}),
    ),
    Scenario.AFTER_FINAL_INTERVIEW: (
        (Part.SPECIFIC_DETAIL, Part.QUALIFICATION, Part.CONCERN, Part.MORE_INFO),
        frozenset({Part.SPECIFIC_DETAIL, Part.MORE_INFO}),
    ),
    Scenario.CHECK_IN: (
        (Part.SPECIFIC_DETAIL, Part.QUALIFICATION, Part.MORE_INFO),
        frozenset({Part.MORE_INFO}),
    ),
    Scenario.FINAL_FOLLOW_UP: ((Part.SPECIFIC_DETAIL, Part.REFERRAL), frozenset()),
    Scenario.REJECTION_REPLY: ((Part.SPECIFIC_DETAIL, Part.REFERRAL), frozenset({Part.SPECIFIC_DETAIL})),
    Scenario.FEEDBACK_THANKS: ((Part.REFERRAL,), frozenset()),
    Scenario.CORRECTION: ((Part.MORE_INFO,), frozenset()),
    Scenario.COMPETING_OFFER: ((Part.SPECIFIC_DETAIL, Part.QUALIFICATION), frozenset()),
}


def optional_parts(scenario: Scenario, app: AppLike | None = None) -> tuple[Part, ...]:
    """Return the parts the person may switch on or off for `scenario`, in message order.

    With `app`, a part that cannot say anything for it is left out: a detail from the
    conversation when there has been no conversation yet."""
    offered = _OPTIONS[scenario][0]
    if app is not None and not _interviewed(read_application(app), scenario) and not read_application(app).topics_discussed:
        offered = tuple(p for p in offered if p is not Part.SPECIFIC_DETAIL)
    return offered


def _interviewed(app: Application, scenario: Scenario) -> bool:
    """Whether the message is about an interview (else about the application alone).

    A row with no sign of an interview (only an application) is written about the
    application; anything else, including an empty row, about the interview."""
    return bool(
        reached_interview(app.status, app.interview_on)
        or scenario in (Scenario.THANK_YOU, Scenario.AFTER_FINAL_INTERVIEW, Scenario.ADDRESS_CONCERN)
        or app.interviewer
        or app.interview_round
        or not (app.applied_on or app.status in (Status.APPLIED, Status.WISHLIST))
    )


def default_parts(scenario: Scenario, app: AppLike | None = None) -> frozenset[Part]:
    """Return the optional parts switched on by default for `scenario` (and this application).

    In the note right after an interview, a concern the interviewer raised (when the row
    records one) is addressed by default: that is the moment a doubt can still be answered.
    """
    offered, on = _OPTIONS[scenario]
    parts = set(on)
    right_after = scenario in (Scenario.THANK_YOU, Scenario.AFTER_FINAL_INTERVIEW)
    if app is not None and right_after and read_application(app).concerns_raised:
        parts.add(Part.CONCERN)
    return frozenset(parts)


# --- inputs a scenario needs beyond the row ---------------------------------------------------


@dataclass(frozen=True)
class ExtraInput:
    """A scenario-specific input typed on the Follow-up page (e.g. the other offer's deadline)."""

    key: str
    label: str
    token: str
    help: str = ""
    required: bool = True  # False: the message reads well without it (no placeholder)


_CONCERN_RESPONSE = ExtraInput(
    "concern_response",
    "Your answer to the concern",
    "[how your experience answers that concern]",
    "One or two sentences, e.g. 'In my last role I took over our Kubernetes clusters within a month.'",
)
EXTRA_INPUTS: dict[Scenario, tuple[ExtraInput, ...]] = {
    Scenario.COMPETING_OFFER: (
        ExtraInput(
            "offer_deadline",
            "When you must answer the other offer",
            "[date you must answer the other offer by]",
            "e.g. Friday, 20 November",
        ),
    ),
    Scenario.CORRECTION: (
        ExtraInput("mistake", "What the earlier message got wrong", "[what you wrote by mistake]", "e.g. that I can start on 1 March"),
        ExtraInput("correction", "What it should have said", "[the correct information]", "e.g. that I can start on 1 April"),
    ),
    Scenario.FEEDBACK_THANKS: (
        ExtraInput(
            "feedback",
            "The feedback you received",
            "[the feedback you received]",
            "e.g. going deeper into the trade-offs in my system design",
        ),
    ),
}


def extra_inputs(scenario: Scenario, parts: Collection[Part] = ()) -> tuple[ExtraInput, ...]:
    """Return the extra inputs a message for `scenario` with these optional `parts` uses.

    The answer to a concern is required when addressing it is the message's purpose and
    optional (a general line stands in) when it is one part among others."""
    inputs = list(EXTRA_INPUTS.get(scenario, ()))
    if scenario is Scenario.ADDRESS_CONCERN:
        inputs.append(_CONCERN_RESPONSE)
    elif Part.CONCERN in parts and Part.CONCERN in optional_parts(scenario):
        inputs.append(replace(_CONCERN_RESPONSE, required=False))
    return tuple(inputs)


# --- placeholders -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Placeholder:
    """Information a message needs but does not have yet.

    `token` is the text left visible in the message; `field` the column (or setting key, or
    "qualification" / "extra.<key>" for inputs on the Follow-up page) that fills it; `where`
    the page to fill it in: "Applications", "Settings" or "Follow-up".
    """

    token: str
    field: str
    where: str


# Every placeholder a message can hold; `find_placeholders` lists them in order of appearance.
PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder("[interviewer's name]", AppCol.INTERVIEWER, "Applications"),
    Placeholder("[company]", AppCol.COMPANY, "Applications"),
    Placeholder("[job title]", AppCol.JOB_TITLE, "Applications"),
    Placeholder("[interview date]", AppCol.INTERVIEW_ON, "Applications"),
    Placeholder("[application date]", AppCol.APPLIED_ON, "Applications"),
    Placeholder("[specific topic discussed]", AppCol.TOPICS_DISCUSSED, "Applications"),
    Placeholder("[concern they raised]", AppCol.CONCERNS_RAISED, "Applications"),
    Placeholder("[interviewer's phone]", AppCol.INTERVIEWER_PHONE, "Applications"),
    Placeholder("[your name]", "profile.name", "Settings"),
    Placeholder("[your phone]", "profile.phone", "Settings"),
    Placeholder("[your email]", "profile.email", "Settings"),
    Placeholder("[a qualification that fits the role]", "qualification", "Follow-up"),
    *(
        Placeholder(i.token, f"extra.{i.key}", "Follow-up")
        for i in (_CONCERN_RESPONSE, *(x for xs in EXTRA_INPUTS.values() for x in xs))
    ),
)
_TOKEN = {p.field: p.token for p in PLACEHOLDERS}


# --- the result ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """A built message. `subject` is "" for anything but an email; `missing` lists the
    placeholders still in the subject or body, in order of first appearance."""

    scenario: Scenario
    medium: str
    tone: Tone
    subject: str
    body: str
    missing: tuple[Placeholder, ...] = ()

    @property
    def ready(self) -> bool:
        """True when no placeholder is left to fill in."""
        return not self.missing


def find_placeholders(*texts: str) -> tuple[Placeholder, ...]:
    """Return the known placeholders that occur in `texts`, in order of first appearance."""
    joined = "\n".join(texts)
    found = [(joined.find(p.token), p) for p in PLACEHOLDERS if p.token in joined]
    return tuple(p for _, p in sorted(found, key=lambda pair: pair[0]))


# --- reading the row ------------------------------------------------------------------------------


_text = clean


def greeting(people: list[Person], tone: Tone, *, unnamed: str = "") -> str:
    """Return the greeting line: "Dear Dr. Lee," (formal) or "Hi Sam," (friendly).

    With nobody named: `unnamed` when given (e.g. "Dear Hiring Manager,"), else a greeting
    with the name placeholder."""
    if not people and unnamed:
        return unnamed
    if tone is Tone.FORMAL:
        names = [p.formal for p in people] or [_TOKEN[AppCol.INTERVIEWER]]
        return f"Dear {join_names(names)},"
    names = [p.friendly for p in people] or [_TOKEN[AppCol.INTERVIEWER]]
    return f"Hi {join_names(names)},"


# --- text helpers -----------------------------------------------------------------------------------

# Words that start a note in sentence case but belong in lower case mid-sentence.
_LOWER_STARTS = {
    "the", "a", "an", "how", "what", "why", "when", "where", "which", "who", "whether", "your", "our",
    "my", "its", "his", "her", "this", "that", "these", "those", "some", "building", "working",
    "moving", "scaling", "hiring", "using", "improving", "running", "growing", "plans", "team",
}  # fmt: skip


def _phrase(text: str) -> str:
    """Fit a note typed in a cell into the middle of a sentence: first item of a list, no
    trailing full stop, the person's "their" (the company's) turned into "your"."""
    items = (item.strip().strip("-•* ").rstrip(".;:,").strip() for item in re.split(r"[;\n]|\s+-\s+|•", text))
    first = next((item for item in items if item), "")
    if not first:
        return ""
    words = first.split(" ", 1)
    head = words[0]
    if head.lower() in ("their", "they're"):
        head = "your" if head.lower() == "their" else "you're"
    elif head.lower() in _LOWER_STARTS and not head.isupper():
        head = head.lower()
    return " ".join([head, *words[1:]])


def _sentence(text: str) -> str:
    """Return `text` as a sentence: capitalised, ending in punctuation."""
    text = " ".join(text.strip().split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


_ROUND_WORDS = {"1": "first", "2": "second", "3": "third", "4": "fourth", "5": "fifth"}


def _round_phrase(value: str) -> str:
    """"Final" -> "final interview", "2" or "Round 2" -> "second interview", "Panel interview"
    -> "panel interview"; blank -> "latest interview"."""
    text = value.strip().lower()
    if not text:
        return "latest interview"
    number = re.fullmatch(r"(?:round\s*)?(\d)(?:st|nd|rd|th)?(?:\s*round)?", text)
    if number:
        text = _ROUND_WORDS.get(number.group(1), text)
    text = re.sub(r"\s*round$", "", text).strip() or text
    # "phone screen", "panel interview", "case presentation" are complete as they are.
    complete = ("interview", "screen", "call", "chat", "conversation", "meeting", "assessment", "presentation")
    return text if any(word in text for word in complete) else f"{text} interview"


# --- the builder ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ctx:
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
    round: str
    topic: str
    concern: str
    qualification: str
    extra: Mapping[str, str]
    profile: Profile

    @property
    def formal(self) -> bool:
        return self.tone is Tone.FORMAL

    @property
    def short(self) -> bool:
        return self.medium in _SHORT_MEDIA

    def t(self, formal: str, friendly: str) -> str:
        return formal if self.formal else friendly

    def x(self, key: str) -> str:
        """An extra input, or its placeholder."""
        return _text(self.extra.get(key)) or _TOKEN[f"extra.{key}"]

    @property
    def role(self) -> str:
        return f"the {self.job} role at {self.company}"

    @property
    def occasion(self) -> str:
        return "interview" if self.interviewed else "application"

    @property
    def your_name(self) -> str:
        return self.profile.name or _TOKEN["profile.name"]

    @property
    def your_phone(self) -> str:
        return self.profile.phone or _TOKEN["profile.phone"]

    @property
    def your_email(self) -> str:
        return self.profile.email or _TOKEN["profile.email"]

    @property
    def callee(self) -> str:
        """How the interviewer is addressed aloud ("" for an unnamed hiring manager)."""
        if not self.people:
            return "" if self.unnamed_ok else _TOKEN[AppCol.INTERVIEWER]
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
    def recipient(self) -> str:
        """Whom a letter is addressed to, or whom to ask for on the phone."""
        named = " and ".join(f"{p.title} {p.full}".strip() for p in self.people)
        if named:
            return named
        return f"the hiring manager for the {self.job} role" if self.unnamed_ok else _TOKEN[AppCol.INTERVIEWER]


def _context(
    app: Application,
    profile: Profile,
    scenario: Scenario,
    medium: str,
    tone: Tone,
    qualification: str,
    extra: Mapping[str, str],
    now: datetime,
) -> _Ctx:
    today = now.date()
    interview = app.interview_on.date() if app.interview_on else None
    applied = app.applied_on
    expected = app.response_expected_by
    if expected and interview and expected < interview:
        expected = None  # a timeline from an earlier round, not for the latest interview
    interviewed = _interviewed(app, scenario)
    if interview:
        day, subject_day = day_phrase(interview, today), long_date(interview, today, weekday=False)
    else:
        day, subject_day = f"on {_TOKEN[AppCol.INTERVIEW_ON]}", ""
    return _Ctx(
        scenario=scenario,
        medium=medium,
        tone=tone,
        today=today,
        people=parse_people(app.interviewer),
        job=app.job_title or _TOKEN[AppCol.JOB_TITLE],
        company=app.company or _TOKEN[AppCol.COMPANY],
        location=app.location,
        interviewer_title=app.interviewer_title,
        interviewer_phone=app.interviewer_phone or _TOKEN[AppCol.INTERVIEWER_PHONE],
        interviewed=interviewed,
        day=day,
        subject_day=subject_day,
        applied_day=day_phrase(applied, today) if applied else f"on {_TOKEN[AppCol.APPLIED_ON]}",
        deadline=long_date(expected, today) if expected else "",
        deadline_passed=bool(expected and expected < today),
        round=_round_phrase(app.interview_round),
        topic=_phrase(app.topics_discussed) or _TOKEN[AppCol.TOPICS_DISCUSSED],
        concern=_phrase(app.concerns_raised) or _TOKEN[AppCol.CONCERNS_RAISED],
        qualification=_sentence(qualification) or _TOKEN["qualification"],
        extra=extra,
        profile=profile,
    )


# Each scenario writes its sentences as paragraphs of (part, text); the builder keeps the
# optional parts that are switched on, and always keeps the others (the scenario's core).
_Paragraphs = list[list[tuple[Part, str]]]


def _reference(c: _Ctx) -> str:
    """The last contact and the role: "my interview on Tuesday for the Analyst role at Acme"."""
    if c.interviewed:
        return c.t(f"my interview {c.day} for {c.role}", f"our conversation {c.day} about {c.role}")
    return f"the application I sent {c.applied_day} for {c.role}"


def _detail(c: _Ctx, formal: str, friendly: str) -> tuple[Part, str]:
    # Without an interview and without notes there was no conversation to recall.
    if not c.interviewed and c.topic == _TOKEN[AppCol.TOPICS_DISCUSSED]:
        return (Part.SPECIFIC_DETAIL, "")
    return (Part.SPECIFIC_DETAIL, c.t(formal, friendly).format(topic=c.topic))


def _qualification(c: _Ctx) -> tuple[Part, str]:
    return (Part.QUALIFICATION, c.t("I would also add one thing that fits the role well:", "One more thing that fits the role:") + " " + c.qualification)


def _concern(c: _Ctx, lead: str = "", *, required: bool = False) -> tuple[Part, str]:
    """The concern they raised and the person's answer. Where the answer is the point of the
    message it must be written (placeholder); elsewhere an honest general line stands in."""
    typed = _sentence(_text(c.extra.get("concern_response")))
    if typed:
        answer = typed
    elif required:
        answer = _TOKEN["extra.concern_response"]
    elif c.short:
        answer = c.t("I would be glad to talk through how I would approach it.", "Happy to talk through how I'd tackle it.")
    else:
        answer = c.t(
            "I have given it more thought since, and I would welcome the chance to talk through how I would approach it.",
            "I've thought about it more since, and I'd be glad to talk through how I'd tackle it.",
        )
    # "You mentioned X as a concern" reads well with whatever noun phrase the row holds.
    opener = lead or f"You mentioned {c.concern} as a concern."
    return (Part.CONCERN, f"{opener} {answer}")


def _more_info(c: _Ctx) -> tuple[Part, str]:
    if c.short:
        return (Part.MORE_INFO, c.t("I would be glad to send anything else you need.", "Happy to send anything else you need."))
    return (
        Part.MORE_INFO,
        c.t(
            "If it would help to see anything else, such as references or examples of my work, I would be glad to send it.",
            "If anything else would help, like references or examples of my work, just let me know.",
        ),
    )


def _referral(c: _Ctx) -> tuple[Part, str]:
    return (
        Part.REFERRAL,
        c.t(
            "And if you know of another team or company looking for someone with my background, I would be grateful for an introduction.",
            "And if you hear of another team looking for someone like me, I'd be grateful for an introduction.",
        ),
    )


def _thank_you(c: _Ctx) -> _Paragraphs:
    if c.short:
        return [[
            (Part.REINTRODUCE, c.t(f"Thank you for meeting with me {c.day} about {c.role}.", f"Thanks for taking the time to talk {c.day} about {c.role}.")),
            _detail(c, "I especially enjoyed our conversation about {topic}.", "I really enjoyed hearing about {topic}."),
            (Part.INTEREST, c.t("It left me even more interested in joining your team.", "It made me even keener to join the team.")),
            _qualification(c), _concern(c), _more_info(c),
            (Part.ASK, c.t("I look forward to hearing about the next steps.", "Looking forward to hearing about next steps.")),
        ]]  # fmt: skip
    return [
        [
            (Part.REINTRODUCE, c.t(f"Thank you for taking the time to meet with me {c.day} to talk about {c.role}.", f"Thanks so much for taking the time to talk with me {c.day} about {c.role}.")),
            _detail(c, "I especially enjoyed our conversation about {topic}.", "I really enjoyed our conversation about {topic}."),
            (Part.INTEREST, c.t("It left me even more interested in the role and in joining your team.", "It made me even more excited about the role and the team.")),
        ],
        [_qualification(c)],
        [_concern(c)],
        [
            (Part.ASK, c.t("I look forward to hearing about the next steps.", "I'm looking forward to hearing about next steps.")),
            _more_info(c),
        ],
        [(Part.THANKS, c.t("Thank you again for your time.", "Thanks again for your time."))],
    ]  # fmt: skip


def _status_ask(c: _Ctx) -> str:
    if c.deadline:
        return c.t(
            f"I understand you hoped to reach a decision by {c.deadline}. Is there any update you can share on the timeline?",
            f"I know you were hoping to decide by {c.deadline}. Is there any news on the timeline?",
        )
    return c.t(
        "Could you let me know whether there is any update on the timeline for a decision?",
        "Is there any news you can share on the timeline?",
    )


def _status_inquiry(c: _Ctx) -> _Paragraphs:
    if c.short:
        return [[
            (Part.REINTRODUCE, c.t(f"I hope you are well. I am following up on {_reference(c)}.", f"Hope you're well! Just following up on {_reference(c)}.")),
            _detail(c, "I have kept thinking about our conversation about {topic}.", "I've kept thinking about {topic} since we spoke."),
            (Part.INTEREST, c.t("I remain very interested in the position.", "I'm still very keen on the role.")),
            _qualification(c), _concern(c),
            (Part.ASK, _status_ask(c)), _more_info(c),
            (Part.THANKS, c.t("Thank you.", "Thanks!")),
        ]]  # fmt: skip
    return [
        [
            (Part.REINTRODUCE, c.t(f"I hope you are well. I am writing to follow up on {_reference(c)}.", f"I hope you're well. I wanted to follow up on {_reference(c)}.")),
            _detail(c, "Our conversation about {topic} has stayed with me since.", "I've kept thinking about {topic} since we spoke."),
            (Part.INTEREST, c.t("I remain very interested in the position and in the work your team is doing.", "I'm still very keen on the role and the work your team is doing.")),
        ],
        [_qualification(c)],
        [_concern(c)],
        [(Part.ASK, _status_ask(c)), _more_info(c)],
        [(Part.THANKS, c.t("Thank you for your time.", "Thanks so much."))],
    ]  # fmt: skip


def _address_concern(c: _Ctx) -> _Paragraphs:
    lead = c.t(
        f"You mentioned {c.concern} as a concern, and I wanted to come back to it.",
        f"You mentioned {c.concern} as a concern, and I've been thinking about it since.",
    )
    return [
        [
            (Part.REINTRODUCE, c.t(f"Thank you again for speaking with me {c.day} about {c.role}.", f"Thanks again for talking with me {c.day} about {c.role}.")),
            _detail(c, "I enjoyed hearing about {topic}.", "I really enjoyed hearing about {topic}."),
        ],
        [_concern(c, lead, required=True)],
        [
            (Part.INTEREST, c.t("I am very interested in the role and confident I could contribute from the start.", "I'm really interested in the role and sure I could hit the ground running.")),
            _qualification(c),
        ],
        [
            (Part.ASK, c.t("I would be glad to talk this through further, and I look forward to hearing about the next steps.", "I'd be happy to talk it through, and I'm looking forward to hearing about next steps.")),
            _more_info(c),
        ],
        [(Part.THANKS, c.t("Thank you for your time and consideration.", "Thanks again for your time."))],
    ]  # fmt: skip


def _after_final(c: _Ctx) -> _Paragraphs:
    if c.deadline and not c.deadline_passed:
        ask = c.t(f"I understand you expect to decide by {c.deadline}, and I look forward to hearing from you.", f"I know you're hoping to decide by {c.deadline}, and I'm looking forward to hearing from you.")
    elif c.deadline:
        ask = c.t(f"I understand you hoped to reach a decision by {c.deadline}. Is there any update you can share on the decision or the next steps?", f"I know you were hoping to decide by {c.deadline}. Is there any news on next steps?")
    else:
        ask = c.t("Is there any update you can share on the decision or the next steps?", "Is there any news you can share on next steps?")
    meet = c.t(f"I hope you are well, and thank you again for the {c.round} {c.day} about {c.role}.", f"I hope you're well, and thanks again for having me in {c.day} for the {c.round} about {c.role}.")
    if c.short:
        meet = c.t(f"Thank you again for the {c.round} {c.day} about {c.role}.", f"Thanks again for the {c.round} {c.day} about {c.role}.")
    if c.short:
        return [[
            (Part.REINTRODUCE, meet),
            _detail(c, "Hearing more about {topic} was especially useful.", "I especially enjoyed hearing more about {topic}."),
            (Part.INTEREST, c.t("Meeting more of the team has only strengthened my interest.", "Meeting more of the team made me even keener to join.")),
            _qualification(c), _concern(c), (Part.ASK, ask), _more_info(c),
        ]]  # fmt: skip
    return [
        [
            (Part.REINTRODUCE, meet),
            _detail(c, "Hearing more about {topic} was especially useful.", "I especially enjoyed hearing more about {topic}."),
            (Part.INTEREST, c.t("Meeting more of the team has only strengthened my interest in the role.", "Meeting more of the team made me even keener to join.")),
        ],
        [_qualification(c)],
        [_concern(c)],
        [(Part.ASK, ask), _more_info(c)],
        [(Part.THANKS, c.t("Thank you again for your time and consideration.", "Thanks again for your time."))],
    ]  # fmt: skip


def _check_in(c: _Ctx) -> _Paragraphs:
    if c.interviewed:
        intro = c.t(f"I wanted to check in on {c.role}, which we discussed {c.day}.", f"I'm just checking in on {c.role}; we spoke {c.day}.")
    else:
        intro = c.t(f"I wanted to check in on my application for {c.role}, sent {c.applied_day}.", f"I'm just checking in on my application for {c.role}, sent {c.applied_day}.")
    patience = c.t("I know these decisions take time, especially with many people involved.", "I know these decisions take time and there's a lot going on.")
    ask = c.t("Is there any update you can share on where things stand?", "Is there any news you can share on where things stand?")
    if c.short:
        return [[
            (Part.REINTRODUCE, intro), _detail(c, "Our conversation about {topic} has stayed with me.", "I've kept thinking about {topic}."),
            (Part.INTEREST, c.t("I am still very interested in the position.", "I'm still very keen on the role.")),
            _qualification(c), (Part.ASK, f"{patience} {ask}"), _more_info(c),
        ]]  # fmt: skip
    return [
        [
            (Part.REINTRODUCE, intro),
            _detail(c, "Our conversation about {topic} has stayed with me.", "I've kept thinking about {topic} since we spoke."),
            (Part.INTEREST, c.t("I am still very interested in the position.", "I'm still very keen on the role.")),
        ],
        [_qualification(c)],
        [(Part.ASK, f"{patience} {ask}"), _more_info(c)],
        [(Part.THANKS, c.t("Thank you for your time.", "Thanks so much."))],
    ]  # fmt: skip


def _final_follow_up(c: _Ctx) -> _Paragraphs:
    if c.interviewed:
        intro = c.t(f"I am writing one last time about {c.role}, following our interview {c.day}.", f"I wanted to follow up one last time on {c.role}, since we spoke {c.day}.")
    else:
        intro = c.t(f"I am writing one last time about my application for {c.role}, sent {c.applied_day}.", f"I wanted to follow up one last time on my application for {c.role}, sent {c.applied_day}.")
    ask = c.t("If the position has been filled, I completely understand, and a short note either way would be much appreciated.", "If the role has been filled, I completely understand; a quick note either way would be great.")
    interest = c.t(f"I enjoyed learning about {c.company}, and I would be glad to be considered for other roles on your team in the future.", f"I really enjoyed getting to know {c.company}, and I'd love to stay in touch about future roles.")
    if c.short:
        return [[
            (Part.REINTRODUCE, intro), _detail(c, "I still think back on our conversation about {topic}.", "I still think back on our chat about {topic}."),
            (Part.ASK, ask), (Part.INTEREST, interest), _referral(c),
            (Part.THANKS, c.t("Thank you again for your time.", "Thanks again, and all the best.")),
        ]]  # fmt: skip
    return [
        [(Part.REINTRODUCE, intro), _detail(c, "I still think back on our conversation about {topic}.", "I still think back on our chat about {topic}.")],
        [(Part.ASK, ask)],
        [(Part.INTEREST, interest), _referral(c)],
        [(Part.THANKS, c.t("Thank you again for your time and consideration.", "Thanks again for your time, and all the best."))],
    ]  # fmt: skip


def _rejection_reply(c: _Ctx) -> _Paragraphs:
    intro = c.t(f"Thank you for letting me know your decision about {c.role}.", f"Thanks for letting me know about {c.role}; I appreciate you taking the time to tell me.")
    detail = _detail(c, "I enjoyed meeting the team and learning about {topic}.", "I really enjoyed meeting the team and hearing about {topic}.") if c.interviewed else None
    interest = c.t(f"I am of course disappointed, but I remain very interested in {c.company} and would be glad to be considered for future openings.", f"I'm disappointed, of course, but I'd still love to work with {c.company} one day, so please keep me in mind for future roles.")
    ask = c.t(f"If you have a moment, I would be grateful for any feedback on my {c.occasion} that could help me improve.", f"If you have a moment, I'd really appreciate any feedback on my {c.occasion} that could help me improve.")
    thanks = c.t("Thank you again for your time and for considering me.", "Thanks again for your time and for considering me.")
    if c.short:
        return [[(Part.REINTRODUCE, intro), *([detail] if detail else []), (Part.INTEREST, interest), (Part.ASK, ask), _referral(c), (Part.THANKS, thanks)]]
    return [
        [(Part.REINTRODUCE, intro), *([detail] if detail else [])],
        [(Part.INTEREST, interest)],
        [(Part.ASK, ask), _referral(c)],
        [(Part.THANKS, thanks)],
    ]


def _feedback_thanks(c: _Ctx) -> _Paragraphs:
    intro = c.t(f"Thank you for taking the time to share feedback on my {c.occasion} for the {c.job} role.", f"Thanks so much for the feedback on my {c.occasion} for the {c.job} role.")
    point = _phrase(c.x("feedback")) or c.x("feedback")
    detail = c.t(f"Your point about {point} is especially helpful, and I am already working on it.", f"Your point about {point} was really helpful, and I'm already working on it.")
    interest = c.t(f"I would still welcome the chance to work with {c.company}, and I hope you will keep me in mind for future roles.", f"I'd still love to work with {c.company} one day, so please do keep me in mind.")
    thanks = c.t("Thank you again for your honesty and your time.", "Thanks again; it was good of you to take the time.")
    if c.short:
        return [[(Part.REINTRODUCE, intro), (Part.SPECIFIC_DETAIL, detail), (Part.INTEREST, interest), _referral(c), (Part.THANKS, thanks)]]
    return [
        [(Part.REINTRODUCE, intro), (Part.SPECIFIC_DETAIL, detail)],
        [(Part.INTEREST, interest), _referral(c)],
        [(Part.THANKS, thanks)],
    ]


def _correction(c: _Ctx) -> _Paragraphs:
    intro = c.t(f"I noticed a mistake in my earlier message about {c.role} and wanted to correct it.", f"A quick correction to my earlier message about {c.role}.")
    mistake, right = _phrase(c.x("mistake")) or c.x("mistake"), _phrase(c.x("correction")) or c.x("correction")
    fix = c.t(f"I wrote {mistake}; it should have read {right}. I apologise for any confusion.", f"I wrote {mistake}, but it should have been {right}. Sorry for any confusion!")
    thanks = c.t("Thank you for your understanding.", "Thanks for understanding.")
    if c.short:
        return [[(Part.REINTRODUCE, intro), (Part.SPECIFIC_DETAIL, fix), _more_info(c), (Part.THANKS, thanks)]]
    return [[(Part.REINTRODUCE, intro), (Part.SPECIFIC_DETAIL, fix)], [_more_info(c)], [(Part.THANKS, thanks)]]


def _competing_offer(c: _Ctx) -> _Paragraphs:
    if c.interviewed:
        intro = c.t(f"I hope you are well. I very much enjoyed our conversation {c.day} about {c.role}.", f"I hope you're well! I really enjoyed our conversation {c.day} about {c.role}.")
    else:
        intro = c.t(f"I hope you are well. I applied {c.applied_day} for {c.role}.", f"I hope you're well! I applied {c.applied_day} for {c.role}.")
    deadline = c.x("offer_deadline")
    ask = c.t(
        f"I have since received another offer and need to give my answer by {deadline}. Before I do, I wanted to ask whether you could share where things stand on your side. I completely understand if that is not possible yet.",
        f"I've since had another offer and need to reply by {deadline}. Before I decide, could you tell me where things stand on your side? Totally understand if it's too early to say.",
    )
    interest = c.t("I remain very interested in joining your team.", "I'm still really keen to join the team.")
    thanks = c.t("Thank you for any guidance you can give.", "Thanks so much for any pointers.")
    if c.short:
        return [[(Part.REINTRODUCE, intro), _detail(c, "Our conversation about {topic} has stayed with me.", "I've kept thinking about {topic}."), (Part.INTEREST, interest), _qualification(c), (Part.ASK, ask), (Part.THANKS, thanks)]]
    return [
        [(Part.REINTRODUCE, intro), _detail(c, "Our conversation about {topic} has stayed with me.", "I've kept thinking about {topic} since we spoke."), (Part.INTEREST, interest)],
        [_qualification(c)],
        [(Part.ASK, ask)],
        [(Part.THANKS, thanks)],
    ]  # fmt: skip


_WRITERS: dict[Scenario, Callable[[_Ctx], _Paragraphs]] = {
    Scenario.THANK_YOU: _thank_you,
    Scenario.STATUS_INQUIRY: _status_inquiry,
    Scenario.ADDRESS_CONCERN: _address_concern,
    Scenario.AFTER_FINAL_INTERVIEW: _after_final,
    Scenario.CHECK_IN: _check_in,
    Scenario.FINAL_FOLLOW_UP: _final_follow_up,
    Scenario.REJECTION_REPLY: _rejection_reply,
    Scenario.FEEDBACK_THANKS: _feedback_thanks,
    Scenario.CORRECTION: _correction,
    Scenario.COMPETING_OFFER: _competing_offer,
}


def _subject(c: _Ctx) -> str:
    """Purpose + job title, with the interview date or the sender's name where it helps."""
    on = f", {c.subject_day}" if c.subject_day else ""
    name = f" – {c.profile.name}" if c.profile.name else ""
    job = c.job
    return {
        Scenario.THANK_YOU: f"Thank you – {job} interview{on}",
        Scenario.STATUS_INQUIRY: (
            f"Following up – {job} interview{on}" if c.interviewed else f"Following up on my application – {job}{name}"
        ),
        Scenario.ADDRESS_CONCERN: f"Following up on our conversation – {job}",
        Scenario.AFTER_FINAL_INTERVIEW: f"Following up – {c.round} for {job}",
        Scenario.CHECK_IN: f"Checking in – {job}{name}",
        Scenario.FINAL_FOLLOW_UP: f"Closing the loop – {job}{name}",
        Scenario.REJECTION_REPLY: f"Thank you for letting me know – {job}",
        Scenario.FEEDBACK_THANKS: f"Thank you for the feedback – {job}",
        Scenario.CORRECTION: f"Correction to my earlier message – {job}",
        Scenario.COMPETING_OFFER: f"Question about timing – {job}{name}",
    }[c.scenario]


def _compose(c: _Ctx, enabled: frozenset[Part]) -> list[str]:
    """Return the body paragraphs with only the enabled optional parts."""
    offered = set(optional_parts(c.scenario))
    out: list[str] = []
    for paragraph in _WRITERS[c.scenario](c):
        # A part the scenario does not offer as optional is its core and always written.
        kept = [text for part, text in paragraph if text and (part not in offered or part in enabled)]
        if kept:
            out.append(" ".join(kept))
    return out


def _signature(c: _Ctx) -> str:
    lines = [f"{c.profile.signoff or 'Best regards'},", c.your_name]
    if c.medium == EMAIL:
        lines += [c.your_phone, c.your_email]
        if c.profile.linkedin:
            lines.append(c.profile.linkedin)
    return "\n".join(lines)


def _email(c: _Ctx, paragraphs: list[str]) -> str:
    return "\n\n".join([c.greeting, *paragraphs, _signature(c)])


def _short(c: _Ctx, paragraphs: list[str]) -> str:
    # One paragraph of a few sentences reads best in a chat window.
    return "\n\n".join([c.greeting, " ".join(paragraphs), _signature(c)])


def _letter(c: _Ctx, paragraphs: list[str]) -> str:
    sender = [c.your_name, c.your_phone, c.your_email, *([c.profile.linkedin] if c.profile.linkedin else [])]
    recipient = [
        "Hiring Manager" if c.unnamed_ok else c.recipient,
        *([c.interviewer_title] if c.interviewer_title and len(c.people) <= 1 else []),
        c.company,
        *([c.location] if c.location else []),
    ]
    dated = letter_date(c.today)
    closing = f"{c.profile.signoff or 'Best regards'},\n\n\n{c.your_name}"
    return "\n\n".join(["\n".join(sender), dated, "\n".join(recipient), c.greeting, *paragraphs, closing])


# What the call is for, said aloud, and a shorter line for the voicemail.
def _spoken_ask(c: _Ctx) -> tuple[str, str]:
    s = c.scenario
    if s is Scenario.COMPETING_OFFER:
        deadline = c.x("offer_deadline")
        return (
            c.t(
                f"I have received another offer and need to answer by {deadline}. Before I do, could you tell me where things stand with the {c.job} role? I would understand if it is too early to say.",
                f"I've had another offer and need to answer by {deadline}. Before I decide, could you tell me where things stand with the {c.job} role? No problem if it's too early to say.",
            ),
            f"I have another offer to answer by {deadline}, and I would love to hear where things stand with your role before I do.",
        )
    if s is Scenario.FINAL_FOLLOW_UP:
        return (
            c.t(
                "I wanted to check in one last time. If the position has been filled, I completely understand, and I would be glad to be considered for future roles.",
                "I wanted to check in one last time. If the role's been filled, no problem at all; I'd love to hear about future openings.",
            ),
            "I wanted to check in one last time; if the position has been filled, I completely understand, and I would be glad to hear about future roles.",
        )
    if s is Scenario.CHECK_IN:
        return (
            c.t(
                "I know these decisions take time; I am calling to check in and ask whether there is any news on the role.",
                "I know these things take time; I'm just checking in to see if there's any news on the role.",
            ),
            "I am checking in to see whether there is any news on the role.",
        )
    if s is Scenario.AFTER_FINAL_INTERVIEW:
        return (
            c.t(
                f"I wanted to thank you for the {c.round} and ask what the next steps and timeline look like.",
                f"I wanted to say thanks for the {c.round} and ask what the next steps look like.",
            ),
            f"I wanted to thank you for the {c.round} and ask about the next steps.",
        )
    timeline = f" You mentioned you hoped to decide by {c.deadline}." if c.deadline else ""
    return (
        c.t(
            f"I am calling to ask whether there is any update on the timeline for a decision.{timeline}",
            f"I'm calling to see if there's any news on the timeline.{timeline}",
        ),
        "I am calling to ask whether there is any update on the timeline for a decision.",
    )


def _phone(c: _Ctx, enabled: frozenset[Part]) -> str:
    offered = set(optional_parts(c.scenario))
    on = lambda part: part in offered and part in enabled  # noqa: E731
    hello = c.t("Hello", "Hi")
    salute = f"{hello} {c.callee}".strip()
    if c.interviewed:
        who = c.t(f"I interviewed with you {c.day} for the {c.job} role.", f"We spoke {c.day} about the {c.job} role.")
        voicemail_who = f"we spoke {c.day} about the {c.job} role at {c.company}"
    else:
        who = f"I applied {c.applied_day} for the {c.job} role."
        voicemail_who = f"I applied {c.applied_day} for the {c.job} role at {c.company}"
    ask, voicemail_ask = _spoken_ask(c)
    ask_for = c.recipient
    if c.interviewer_title and len(c.people) <= 1:
        ask_for += f" ({c.interviewer_title})"
    steps = [
        f"\"{salute}, this is {c.your_name}. {who} Is now a good moment for a quick question?\"",
    ]
    if c.interviewed:
        steps.append("\"" + c.t("Thank you again for your time; I enjoyed our conversation.", "Thanks again for your time; I really enjoyed our chat.") + "\"")
    if on(Part.SPECIFIC_DETAIL) and (c.interviewed or c.topic != _TOKEN[AppCol.TOPICS_DISCUSSED]):
        steps.append("\"" + c.t(f"I have been thinking about what we discussed about {c.topic}.", f"I've been thinking about what we discussed about {c.topic}.") + "\"")
    if c.scenario is not Scenario.FINAL_FOLLOW_UP:
        steps.append("\"" + c.t("I am still very interested in the role.", "I'm still really keen on the role.") + "\"")
    if on(Part.CONCERN):
        steps.append("\"" + _concern(c)[1] + "\"")
    if on(Part.QUALIFICATION):
        steps.append("\"" + c.t("I would also add one thing that fits the role:", "One more thing that fits the role:") + f" {c.qualification}\"")
    steps.append(f"\"{ask}\"")
    if on(Part.REFERRAL):
        steps.append("\"" + c.t("If you know of another team looking for someone with my background, I would be grateful for an introduction.", "If you hear of another team looking for someone like me, I'd be grateful for an introduction.") + "\"")
    if on(Part.MORE_INFO):
        steps.append("\"" + c.t("If it would help, I would be glad to send references or examples of my work.", "If it helps, I'm happy to send references or examples of my work.") + "\"")
    steps.append(
        "Listen, and note any date they give you. Then: \""
        + c.t("That is very helpful, thank you. I look forward to hearing from you.", "That's really helpful, thanks. I look forward to hearing from you.")
        + "\""
    )
    voicemail = (
        f"\"{salute}, this is {c.your_name}; {voicemail_who}. {voicemail_ask} "
        f"You can reach me on {c.your_phone}. Again, that's {c.your_phone}. Thank you, and have a good day.\""
    )
    return "\n".join(
        [
            f"Call about the {c.job} role at {c.company}",
            f"Ask for: {ask_for}, on {c.interviewer_phone}",
            "Keep it under five minutes. Midweek, late morning or early afternoon, works best; avoid Monday mornings and Friday afternoons.",
            "",
            "If they answer:",
            *(f"{i}. {step}" for i, step in enumerate(steps, start=1)),
            "",
            "If you reach voicemail:",
            voicemail,
        ]
    )


def build_message(
    app: AppLike,
    profile: Profile,
    scenario: Scenario,
    medium: str,
    tone: Tone,
    *,
    parts: Collection[Part] | None = None,
    qualification: str = "",
    extra: Mapping[str, str] | None = None,
    now: datetime,
) -> Message:
    """Build the message for one application.

    `app` is an `Application` or one Applications row (column -> value; blanks may be "",
    None, NaN or NaT).
    `parts` are the optional parts switched on (see `optional_parts`); None means
    `default_parts(scenario, app)`, plus the qualification when one is given. Parts a
    scenario does not offer are ignored; the other parts of the anatomy are always written.
    `extra` holds the scenario's extra inputs by key (see `extra_inputs`).

    Returns a `Message` whose subject ("" except for email) and body keep a visible
    placeholder for every missing piece, each listed in `missing`.
    Raises ValueError for a medium outside `MEDIA`.
    """
    if medium not in MEDIA:
        raise ValueError(f"Unknown medium {medium!r}; expected one of {', '.join(MEDIA)}")
    tone = Tone(tone)
    scenario = Scenario(scenario)
    app = read_application(app)
    if parts is None:
        enabled = set(default_parts(scenario, app))
        if qualification.strip():
            enabled.add(Part.QUALIFICATION)
    else:
        enabled = set(parts)
    c = _context(app, profile, scenario, medium, tone, qualification, extra or {}, now)
    frozen = frozenset(enabled)
    if medium == PHONE:
        body = _phone(c, frozen)
    else:
        paragraphs = _compose(c, frozen)
        body = {EMAIL: _email, LETTER: _letter}.get(medium, _short)(c, paragraphs)
    subject = _subject(c) if medium == EMAIL else ""
    return Message(scenario, medium, tone, subject, body, find_placeholders(subject, body))


# --- checks ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One remark about a message before it is sent: "ok", "warning" or "problem"."""

    level: str
    message: str


EMAIL_WORDS = 200  # a few short paragraphs
LETTER_WORDS = 250  # the address block and date add a few dozen words
LINKEDIN_CHARS = 600
TEXT_CHARS = 320

# Scenarios that are follow-ups in the planner's sense: timing rules and the limit apply.
_FOLLOW_UPS = frozenset(s for s in Scenario if s.history_kind in COUNTED_KINDS and s is not Scenario.COMPETING_OFFER)


def _words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def _length_check(message: Message) -> Check | None:
    if message.medium in (EMAIL, LETTER):
        limit = EMAIL_WORDS if message.medium == EMAIL else LETTER_WORDS
        words = _words(message.body)
        if words > limit:
            return Check("warning", f"Long for {(message.medium.lower() == 'email' and 'an email') or 'a letter'}: {words} words. A few short paragraphs (under {limit} words) get read.")
        return Check("ok", f"Brief: {words} words.")
    if message.medium in _SHORT_MEDIA:
        limit = LINKEDIN_CHARS if message.medium == LINKEDIN else TEXT_CHARS
        chars = len(message.body)
        if chars > limit:
            return Check("warning", f"Long for a {message.medium} message: {chars} characters; keep it under {limit}.")
        return Check("ok", f"Short enough: {chars} characters.")
    return None


def unanswered_followups(app: AppLike, history: pd.DataFrame | None) -> int:
    """Return how many follow-ups went out since the employer last replied.

    History rows are read by `lib.domain.history` (the planner's and the Pipeline's reading).
    With no reply on record this is the follow-ups sent (`lib.domain.facts.followups_sent`:
    the history's count or the row's Follow-Ups Sent, whichever is more)."""
    read = entries(history)
    replies = [e.at for e in read if e.received and e.at is not None]
    record = read_application(app)
    response_on = record.response_on
    reply = max([*replies, *([response_on] if response_on is not None else [])], default=None)
    if reply is not None:
        return sum(1 for e in read if e.counted and e.at is not None and e.at > reply)
    return followups_sent(record.follow_ups_sent, read)


def check_message(
    message: Message,
    app: AppLike,
    history: pd.DataFrame,
    now: datetime,
    rule_settings: RuleSettings,
    action: Action | None = None,
) -> list[Check]:
    """Return remarks on `message` before it is sent, problems first, then warnings, then
    what is fine: unfilled placeholders, the interviewer's name and address, the length
    for its medium, timing against the planner's `action` for this application (worked out
    with `lib.planner.rules.next_action` when not given), and the limit of
    `rule_settings.max_followups` unanswered follow-ups. Never raises on odd data."""
    checks: list[Check] = []
    if message.missing:
        tokens = ", ".join(p.token for p in message.missing)
        checks.append(Check("problem", f"Fill in before sending: {tokens}."))
    record = read_application(app)
    if not parse_people(record.interviewer):
        checks.append(Check("warning", "No interviewer's name: a message to a named person is far more likely to be read."))
    if message.medium == EMAIL and not record.interviewer_email:
        checks.append(Check("warning", "No email address for the interviewer yet; add it on the Applications page."))
    length = _length_check(message)
    if length:
        checks.append(length)

    if action is None:
        action = next_action(app, history, now, rule_settings)
    today = now.date()
    status = record.status
    scenario = message.scenario
    timing: list[Check] = []
    sending_kinds = (ActionKind.FOLLOW_UP, ActionKind.CALL, ActionKind.FINAL_FOLLOW_UP)
    if status in (Status.ACCEPTED, Status.WITHDRAWN, Status.NO_RESPONSE) and scenario not in (Scenario.CORRECTION, Scenario.FEEDBACK_THANKS):
        timing.append(Check("warning", f"This application is marked {status}."))
    elif scenario in _FOLLOW_UPS:
        unanswered = unanswered_followups(app, history)
        if unanswered >= rule_settings.max_followups:
            timing.append(
                Check(
                    "warning",
                    f"This would be follow-up number {unanswered + 1} with no reply. After {rule_settings.max_followups}, "
                    "it is usually time to move on, or to try another medium once.",
                )
            )
        if action.due_on is not None and action.due_on > today and action.kind in (*sending_kinds, ActionKind.WAIT):
            timing.append(Check("warning", f"Too soon to follow up. {action.reason}"))
        elif action.kind is ActionKind.MOVE_ON and unanswered < rule_settings.max_followups:
            timing.append(Check("warning", action.reason))
        elif action.kind not in (*sending_kinds, ActionKind.MOVE_ON) and action.reason:
            timing.append(Check("warning", f"Not the usual next step here. {action.reason}"))
        elif action.kind in sending_kinds and action.medium and action.medium not in (message.medium, EMAIL):
            timing.append(Check("warning", f"{action.medium} is suggested this time. {action.reason}"))
    elif scenario is Scenario.THANK_YOU:
        interview = record.interview_on.date() if record.interview_on else None
        thanked = record.thank_you_sent_on.date() if record.thank_you_sent_on else None
        if interview and interview > today:
            timing.append(Check("warning", f"The interview is on {short_day(interview, today)}; send the thank-you after it."))
        elif interview and thanked and thanked >= interview:
            timing.append(Check("warning", f"A thank-you for this interview already went out on {short_day(thanked, today)}."))
    elif scenario is Scenario.REJECTION_REPLY and status != Status.REJECTED:
        timing.append(Check("warning", "This application is not marked Rejected."))
    elif scenario is Scenario.REJECTION_REPLY and action.kind is not ActionKind.REPLY_TO_REJECTION and action.reason:
        timing.append(Check("warning", action.reason))
    if not timing:
        planned = action.scenario is scenario and (action.due_on is None or action.due_on <= today)
        timing.append(Check("ok", "Good timing: this is the message the planner suggests now." if planned else "Timing looks fine."))
    checks += timing
    order = {"problem": 0, "warning": 1, "ok": 2}
    return sorted(checks, key=lambda ch: order.get(ch.level, 3))


def suggested_scenario(
    app: AppLike, history: pd.DataFrame, now: datetime, rule_settings: RuleSettings, action: Action | None = None
) -> Scenario:
    """Return the scenario the planner suggests for this application now (its `action`, worked
    out when not given); when it suggests none, the one that fits the row best (a reply to a
    rejection, a thank-you right after an interview, a check-in after a follow-up, else a
    status inquiry)."""
    if action is None:
        action = next_action(app, history, now, rule_settings)
    if action.scenario is not None:
        return Scenario(action.scenario)
    return _fallback_scenario(read_application(app), now)


def _fallback_scenario(app: Application, now: datetime) -> Scenario:
    if app.status == Status.REJECTED:
        return Scenario.REJECTION_REPLY
    interview = app.interview_on.date() if app.interview_on else None
    thanked = app.thank_you_sent_on.date() if app.thank_you_sent_on else None
    if interview and interview <= now.date() and not (thanked and thanked >= interview):
        if now.date() - interview <= timedelta(days=2):
            return Scenario.THANK_YOU
    sent = app.follow_ups_sent
    if sent >= 2:
        return Scenario.FINAL_FOLLOW_UP
    if sent == 1:
        return Scenario.CHECK_IN
    return Scenario.STATUS_INQUIRY
