"""Matching saved email to applications, and what logging each message would write.

Nothing here writes until `log_mail`, which logs through lib.views.actions exactly as the
Today page logs a message by hand: a message from the employer is a reply (Response On,
Outcome, and the status when the person confirms one), a message the person sent is a
follow-up (the follow-up fields). The message's Message-ID is kept on the last line of the
history row's Message, so the same message is recognised when dropped again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd

from lib.domain.model import applications_frame, as_datetime, followups_frame
from lib.io.mail import Mail, domain_of
from lib.io.store.base import Store
from lib.messages.templates import Profile
from lib.views.actions import record_reply, record_sent
from lib.views.forms import link_key, name_key

OWN_EMAIL_KEY = Profile.PREFIX + "email"  # the Settings key of the profile's email
MESSAGE_ID_LABEL = "Message-ID:"
_LOGGED_ID = re.compile(r"(<[^<>\s]+>)")  # a Message-ID as kept in the history (or typed there by hand)
MAX_CANDIDATES = 3
EXCERPT_CHARS = 300
TEXT_SEARCHED_CHARS = 20_000  # enough for any real message; a huge pasted log is not searched to the end

# Scores of the evidence that a message is about an application; the best total wins.
SCORE_INTERVIEWER = 100
SCORE_DOMAIN_COMPANY = 40
SCORE_DOMAIN_LINK = 30
SCORE_COMPANY_SUBJECT = 30
SCORE_COMPANY_TEXT = 15
SCORE_TITLE_SUBJECT = 25
SCORE_TITLE_TEXT = 10

# Mail providers and hiring platforms: their domain says nothing about the employer.
SHARED_DOMAINS = frozenset({
    "gmail", "googlemail", "outlook", "hotmail", "live", "msn", "yahoo", "ymail", "icloud", "me", "mac", "aol",
    "proton", "protonmail", "pm", "gmx", "web", "mail", "yandex", "zoho", "fastmail", "hey", "tutanota",
    "greenhouse", "lever", "workday", "myworkdayjobs", "smartrecruiters", "ashbyhq", "workable", "bamboohr",
    "icims", "jobvite", "linkedin", "indeed", "glassdoor", "teamtailor", "recruitee", "personio", "successfactors",
    "taleo", "breezy", "jazzhr", "applytojob", "hire", "notifications", "google", "microsoft",
})
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "ne", "or"})


@dataclass(frozen=True)
class Candidate:
    """An application a message may be about, how strongly, and why (sentences for the person)."""

    app_id: str
    company: str
    job_title: str
    status: str
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Proposal:
    """What logging one message would do: the direction, the best applications, a status it suggests.

    `logged_as` is the ID of the history row that already holds the message ("" when none);
    `status` is the status the text suggests (None when it suggests none), with `status_reason`
    the words that said so.
    """

    mail: Mail
    sent: bool
    candidates: tuple[Candidate, ...]
    logged_as: str = ""
    status: str | None = None
    status_reason: str = ""
    kind: str = "Reply"


def registrable_name(host: str) -> str:
    """Return the name a domain is registered under: "careers.acme.co.uk" -> "acme", "acme.com" -> "acme"."""
    labels = [part for part in host.lower().strip(".").split(".") if part]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-1]
    return labels[-2] if len(labels) >= 2 else (labels[0] if labels else "")


def is_from_me(mail: Mail, own_email: str) -> bool:
    """Return True when the person sent the message (its sender is the email in their profile)."""
    own = own_email.strip().lower()
    return bool(own) and mail.sender == own


def _contains(haystack: str, needle: str) -> bool:
    """True when the folded `needle` appears as whole words in the folded `haystack`."""
    return bool(needle) and f" {needle} " in f" {haystack} "


def _company_matches_domain(company_key: str, name: str) -> bool:
    compact = company_key.replace(" ", "")
    if not compact or not name or name in SHARED_DOMAINS:
        return False
    name = re.sub(r"[^a-z0-9]", "", name)  # "acme-analytics" for "Acme Analytics"
    if name == compact:
        return True
    # "acme.com" for "Acme Robotics", "acmerobotics.com" for "Acme": one is the other's start.
    shorter = min(name, compact, key=len)
    return len(shorter) >= 4 and (compact.startswith(name) or name.startswith(compact))


@dataclass(frozen=True)
class _AppKeys:
    """What matching compares of one application, worked out once per read of the data."""

    app_id: str
    company: str
    job_title: str
    status: str
    company_key: str
    title_key: str
    interviewer: str
    link_host: str
    link_name: str


def _app_keys(row: Mapping[str, Any]) -> _AppKeys:
    company, title = str(row.get("Company") or ""), str(row.get("Job Title") or "")
    link_host = link_key(row.get("Job Link")).split("/", 1)[0]
    return _AppKeys(
        str(row.get("ID", "")), company, title, str(row.get("Status") or ""), name_key(company, company=True), name_key(title),
        str(row.get("Interviewer Email") or "").strip().lower(), link_host, registrable_name(link_host) if link_host else "",
    )


class Matcher:
    """Matches messages against one read of the data: the applications, and the history already logged."""

    def __init__(self, apps: pd.DataFrame, followups: pd.DataFrame, own_email: str = ""):
        self.own_email = own_email.strip().lower()
        self._apps = [_app_keys(row) for row in apps.to_dict("records")] if not apps.empty else []
        self._by_id: dict[str, str] = {}  # a Message-ID (lower case) -> the history row holding it
        self._by_moment: dict[tuple[datetime, str], str] = {}  # (minute, folded subject) -> the history row
        for row in followups.to_dict("records") if not followups.empty else []:
            row_id = str(row.get("ID", ""))
            for text in (str(row.get("Message") or ""), str(row.get("Subject") or "")):
                for found in _LOGGED_ID.finditer(text):
                    self._by_id.setdefault(found.group(1).lower(), row_id)
            when = as_datetime(row.get("Date"))
            if when is not None:
                self._by_moment.setdefault((when.replace(second=0, microsecond=0), _folded(row.get("Subject"))), row_id)

    def candidates(self, mail: Mail) -> list[Candidate]:
        """Return the applications `mail` is most likely about, best first (at most MAX_CANDIDATES).

        Evidence: the interviewer's email among the other party's addresses; the other party's
        domain against the company's name or the job link's domain (not for mail providers or
        hiring platforms); the company and the job title in the subject or the text. A candidate
        needs evidence about the company: a job title alone matches many applications.
        """
        own = self.own_email
        others = list(mail.recipients) if is_from_me(mail, own) else [mail.sender]
        others = [a for a in others if a and a != own]
        names = {domain_of(a): registrable_name(domain_of(a)) for a in others if domain_of(a)}
        subject = name_key(mail.subject)
        text = name_key(mail.text[:TEXT_SEARCHED_CHARS])
        found: list[tuple[int, int, Candidate]] = []
        for order, app in enumerate(self._apps):
            score, reasons = 0, []
            if app.interviewer and app.interviewer in others:
                score += SCORE_INTERVIEWER
                reasons.append(f"the interviewer's email ({app.interviewer})")
            for domain, name in names.items():
                if _company_matches_domain(app.company_key, name):
                    score += SCORE_DOMAIN_COMPANY
                    reasons.append(f"the domain {domain} is the company's name")
                    break
            if app.link_name and app.link_name not in SHARED_DOMAINS and app.link_name in names.values():
                score += SCORE_DOMAIN_LINK
                reasons.append(f"the domain matches the job link ({app.link_host})")
            if _contains(subject, app.company_key):
                score += SCORE_COMPANY_SUBJECT
                reasons.append("the company is named in the subject")
            elif _contains(text, app.company_key):
                score += SCORE_COMPANY_TEXT
                reasons.append("the company is named in the text")
            if score == 0:
                continue  # nothing points to this company
            if _contains(subject, app.title_key):
                score += SCORE_TITLE_SUBJECT
                reasons.append("the job title is in the subject")
            elif _contains(text, app.title_key):
                score += SCORE_TITLE_TEXT
                reasons.append("the job title is in the text")
            found.append((-score, order, Candidate(app.app_id, app.company, app.job_title, app.status, score, tuple(reasons))))
        found.sort(key=lambda f: (f[0], f[1]))
        return [c for _s, _o, c in found[:MAX_CANDIDATES]]

    def logged_as(self, mail: Mail) -> str:
        """Return the ID of the history row that already holds `mail` ("" when none).

        The same Message-ID in a row's Message or Subject; or the same moment (to the minute)
        and the same subject, as when the message was logged by hand.
        """
        if mail.message_id and mail.message_id.lower() in self._by_id:
            return self._by_id[mail.message_id.lower()]
        if mail.when is None:
            return ""
        return self._by_moment.get((mail.when.replace(second=0, microsecond=0), _folded(mail.subject)), "")


def _folded(text: Any) -> str:
    return " ".join(str(text or "").split()).casefold()


def match_message(mail: Mail, apps: pd.DataFrame, own_email: str = "") -> list[Candidate]:
    """Return the applications `mail` is most likely about, best first (see `Matcher.candidates`)."""
    return Matcher(apps, followups_frame([]), own_email).candidates(mail)


# --- what the text says --------------------------------------------------------------------

_W = r"[^.!?\n]{0,60}"  # a few words within one sentence
STATUS_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Rejected", re.compile(
        r"regret to (?:inform|let you know|tell you)|not (?:to )?(?:be )?mov(?:e|ing) forward with your|"
        r"(?:decided|chosen|chose|opted) to (?:pursue|proceed with|move forward with|go with) (?:other|another|a different)|"
        r"(?:will|won't|shall) not be (?:progressing|proceeding|moving forward)|(?:have|has) not been successful|"
        r"\bunsuccessful\b|position has (?:now )?been filled|no longer (?:under consideration|being considered)|"
        r"decided not to (?:proceed|progress|move forward)|unfortunately" + _W + r"\b(?:not|other candidates|unable to offer)\b",
        re.IGNORECASE)),
    ("Offer", re.compile(
        r"(?:pleased|delighted|happy|excited|thrilled) to (?:extend|make|offer)" + _W + r"\boffer\b|"
        r"\boffer (?:letter|of employment)\b|\bformal offer\b|\bjob offer\b|we(?:'d| would) like to offer you",
        re.IGNORECASE)),
    ("Interviewing", re.compile(
        r"\b(?:invite|invitation|invited) (?:you )?(?:to|for)" + _W + r"\b(?:interview|call|conversation|chat|meeting)\b|"
        r"\bschedule (?:a|an|the|your)?" + _W + r"\binterview\b|\binterview invitation\b|"
        r"(?:like|love|want) to (?:set up|arrange|schedule|book)" + _W + r"\b(?:interview|call)\b|"
        r"\bnext (?:round|stage|step) of (?:the|our) (?:interview|process|hiring)|"
        r"\b(?:your )?availability for (?:a|an|the)" + _W + r"\b(?:interview|call)\b",
        re.IGNORECASE)),
)
_RANK = {"Wishlist": 0, "Applied": 1, "No Response": 1, "Interviewing": 2, "Offer": 3}


def suggested_status(mail: Mail, current: str) -> tuple[str, str] | None:
    """Return (status, the words that say so) when the employer's text clearly says so, else None.

    A rejection wins over anything else in the same message (a rejection often mentions the
    interview); no status is suggested that would move an application back, or change one
    the person accepted or withdrew.
    """
    words = f"{mail.subject}\n{unquoted(mail.text)}"
    for status, pattern in STATUS_PHRASES:
        found = pattern.search(words)
        if found is None:
            continue
        if current in (status, "Accepted", "Withdrawn"):
            return None
        if status != "Rejected" and _RANK.get(current, 0) > _RANK[status]:
            return None
        return status, " ".join(found.group(0).split())
    return None


_THANKS = re.compile(r"\bthank(?:s| you)\b" + _W + r"\b(?:interview|meeting|speaking|conversation|time)\b", re.IGNORECASE)


def sent_kind(mail: Mail) -> str:
    """Return the history kind of a message the person sent: a thank-you note, or a follow-up."""
    return "Thank-you" if _THANKS.search(f"{mail.subject}\n{unquoted(mail.text)}") else "Follow-up"


_QUOTE_START = re.compile(r"^(?:>|On .{5,200} wrote:\s*$|-{2,}\s*(?:original|forwarded) message|From: .+@)", re.IGNORECASE)


def unquoted(text: str) -> str:
    """Return the message's own words: the text above a quoted earlier message or a signature."""
    lines: list[str] = []
    for line in text.splitlines():
        if _QUOTE_START.match(line.strip()) or line.rstrip() == "--":
            break
        lines.append(line)
    return "\n".join(lines).strip()


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """Return the start of the message's own words on one line, at most `limit` characters."""
    words = " ".join(unquoted(text).split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"


def history_message(mail: Mail) -> str:
    """Return the history row's Message: a short excerpt, and the Message-ID on its own last line."""
    parts = [excerpt(mail.text)]
    if mail.message_id:
        parts.append(f"{MESSAGE_ID_LABEL} {mail.message_id}")
    return "\n".join(p for p in parts if p)


def already_logged(mail: Mail, followups: pd.DataFrame) -> str:
    """Return the ID of the history row that already holds `mail` ("" when none; see `Matcher.logged_as`)."""
    return Matcher(applications_frame([]), followups).logged_as(mail)


def propose(mail: Mail, apps: pd.DataFrame, followups: pd.DataFrame, settings: Mapping[str, str]) -> Proposal:
    """Return what logging `mail` would do, on the data as read (nothing is written)."""
    return propose_all([mail], apps, followups, settings)[0]


def propose_all(mails: Iterable[Mail], apps: pd.DataFrame, followups: pd.DataFrame, settings: Mapping[str, str]) -> list[Proposal]:
    """Return a proposal for each message, oldest first (a reply is logged after what it answers)."""
    own = settings.get(OWN_EMAIL_KEY, "")
    matcher = Matcher(apps, followups, own)
    proposals = []
    for mail in mails:
        sent = is_from_me(mail, own)
        candidates = tuple(matcher.candidates(mail))
        status = suggested_status(mail, candidates[0].status) if candidates and not sent else None
        proposals.append(Proposal(
            mail=mail, sent=sent, candidates=candidates, logged_as=matcher.logged_as(mail),
            status=status[0] if status else None, status_reason=status[1] if status else "",
            kind=sent_kind(mail) if sent else "Reply",
        ))
    return sorted(proposals, key=lambda p: (p.mail.when is None, p.mail.when or datetime.min))


class UndatedMailError(ValueError):
    """A message without a readable date cannot be logged: the history is ordered by date."""


def log_mail(store: Store, app: Mapping[str, Any], proposal: Proposal, *, outcome: str = "",
             new_status: str | None = None, kind: str | None = None) -> str:
    """Log the message for `app` (the application as the person saw it), as logging it by hand would.

    A message from the employer is logged with lib.views.actions.record_reply (medium Email,
    `outcome` or else the subject as the outcome, `new_status` when the person confirmed
    one); a message the person sent with record_sent (`kind`, else the proposal's).
    Returns the new history row's ID; raises UndatedMailError, or the store's errors
    (nothing is written then).
    """
    mail = proposal.mail
    if mail.when is None:
        raise UndatedMailError("The message has no date, so it cannot be placed in the history.")
    message = history_message(mail)
    if proposal.sent:
        return record_sent(store, app, medium="Email", when=mail.when, kind=kind or proposal.kind,
                           subject=mail.subject, message=message)
    return record_reply(store, app, when=mail.when, outcome=outcome.strip() or mail.subject, new_status=new_status,
                        medium="Email", message=message)
