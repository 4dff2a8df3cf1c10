"""The spreadsheet layout: tabs, headers, types and vocabularies.

This module is the single source of truth for the sheet the user sees. Reading,
validation, writing, forms and both store backends take names and types from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from lib.domain.fields import AppCol, HistCol, SettingsCol
from lib.domain.vocab import Direction, HistoryKind, Medium, Status


class Kind(str, Enum):
    """How a column's cells are read and written."""

    TEXT = "text"  # kept exactly as typed
    URL = "url"
    DATE = "date"  # a calendar day
    DATETIME = "datetime"  # a day with an optional time of day
    INT = "int"  # a whole number, blank means 0
    CHOICE = "choice"  # one of a fixed vocabulary


@dataclass(frozen=True)
class Column:
    """One header of a tab."""

    name: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class Tab:
    """One tab (worksheet) of the spreadsheet, or one CSV file of the local store."""

    title: str
    file_name: str
    columns: tuple[Column, ...]
    id_prefix: str = ""

    @property
    def headers(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """Return the column called `name`; raise KeyError if the tab has none."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.title} has no column {name!r}")


# --- vocabularies -------------------------------------------------------------------------
# The choice lists are the enums of `lib.domain.vocab`, as plain words in their order.

# What the statuses mean for the figures (closed, active, ...) is in `lib.domain.facts`.

STATUSES: tuple[str, ...] = tuple(s.value for s in Status)

MEDIA: tuple[str, ...] = tuple(m.value for m in Medium)
DIRECTIONS: tuple[str, ...] = tuple(d.value for d in Direction)
FOLLOWUP_KINDS: tuple[str, ...] = tuple(k.value for k in HistoryKind)

# Words people use in their own trackers for the same status.
STATUS_SYNONYMS: dict[str, str] = {
    "wish list": Status.WISHLIST,
    "saved": Status.WISHLIST,
    "to apply": Status.WISHLIST,
    "submitted": Status.APPLIED,
    "interview": Status.INTERVIEWING,
    "interviewed": Status.INTERVIEWING,
    "in progress": Status.INTERVIEWING,
    "offered": Status.OFFER,
    "offer received": Status.OFFER,
    "accept": Status.ACCEPTED,
    "hired": Status.ACCEPTED,
    "rejection": Status.REJECTED,
    "declined": Status.REJECTED,
    "turned down": Status.REJECTED,
    "withdrew": Status.WITHDRAWN,
    "ghosted": Status.NO_RESPONSE,
    "no reply": Status.NO_RESPONSE,
    "noresponse": Status.NO_RESPONSE,
}
MEDIUM_SYNONYMS: dict[str, str] = {
    "e-mail": Medium.EMAIL,
    "mail": Medium.EMAIL,
    "call": Medium.PHONE,
    "phone call": Medium.PHONE,
    "linked in": Medium.LINKEDIN,
    "inmail": Medium.LINKEDIN,
    "sms": Medium.TEXT,
    "text message": Medium.TEXT,
    "post": Medium.LETTER,
}

# --- tabs ---------------------------------------------------------------------------------

APPLICATIONS = Tab(
    title="Applications",
    file_name="applications.csv",
    id_prefix="A",
    columns=(
        Column(AppCol.ID, help="Written by the app; leave it as it is."),
        Column(AppCol.COMPANY, required=True, aliases=("Employer", "Organisation", "Organization", "Company Name")),
        Column(AppCol.JOB_TITLE, required=True, aliases=("Position", "Role", "Title", "Job", "Job Name")),
        Column(AppCol.LOCATION, aliases=("City", "Where")),
        Column(AppCol.JOB_LINK, Kind.URL, aliases=("Link", "URL", "Posting", "Job URL", "Job Posting")),
        Column(AppCol.SOURCE, aliases=("Found On", "Found Via", "Channel")),
        Column(AppCol.STATUS, Kind.CHOICE, choices=STATUSES, aliases=("Stage", "State", "Application Status")),
        Column(AppCol.APPLIED_ON, Kind.DATE, aliases=("Date Applied", "Applied", "Application Date", "Applied Date")),
        Column(AppCol.INTERVIEW_ON, Kind.DATETIME, aliases=("Interview Date", "Interview", "Interviewed On")),
        Column(AppCol.INTERVIEW_ROUND, aliases=("Round",)),
        Column(AppCol.INTERVIEWER, aliases=("Contact", "Contact Name", "Interviewer Name", "Hiring Manager")),
        Column(AppCol.INTERVIEWER_TITLE, aliases=("Contact Title",)),
        Column(AppCol.INTERVIEWER_EMAIL, aliases=("Contact Email", "Email")),
        Column(AppCol.INTERVIEWER_PHONE, aliases=("Contact Phone", "Phone")),
        Column(AppCol.INTERVIEWER_LINKEDIN, Kind.URL, aliases=("Contact LinkedIn", "LinkedIn")),
        Column(AppCol.RESPONSE_EXPECTED_BY, Kind.DATE, aliases=("Decision By", "Expected Response", "Decision Date")),
        Column(
            AppCol.TOPICS_DISCUSSED,
            aliases=("Topics",),
            help="Short phrases, separated by ';'. The first goes into your messages after "
            "\"our conversation about\", e.g. \"how they onboard new analysts; their move to dbt\".",
        ),
        Column(
            AppCol.CONCERNS_RAISED,
            aliases=("Concerns",),
            help="A short phrase your messages can answer after \"You mentioned a concern about\", "
            "e.g. \"limited experience with Kubernetes\" or \"no hands-on Looker experience\".",
        ),
        Column(AppCol.THANK_YOU_SENT_ON, Kind.DATETIME, aliases=("Thank You Sent", "Thank-You Sent", "Thank You Note")),
        Column(AppCol.LAST_FOLLOW_UP_ON, Kind.DATETIME, aliases=("Last Follow Up", "Followed Up On", "Last Contact")),
        Column(AppCol.FOLLOW_UP_MEDIUM, Kind.CHOICE, choices=MEDIA, aliases=("Medium", "Follow Up Via")),
        Column(AppCol.FOLLOW_UPS_SENT, Kind.INT, aliases=("Follow Ups", "Follow-Up Count", "Number Of Follow Ups")),
        Column(AppCol.RESPONSE_ON, Kind.DATETIME, aliases=("Response Date", "Replied On", "Heard Back On")),
        Column(AppCol.OUTCOME, aliases=("Result", "Response")),
        Column(
            AppCol.OFFER_DEADLINE,
            Kind.DATE,
            aliases=("Offer Expires", "Offer Expires On", "Answer Offer By", "Offer Due", "Offer Decision By", "Decide Offer By"),
            help="The date you must answer an offer by; your other interviews are then nudged early.",
        ),
        Column(
            AppCol.CONTACT_AFTER,
            Kind.DATE,
            aliases=("Do Not Contact Before", "Don't Contact Before", "No Contact Until", "Contact From", "Contact Not Before"),
            help="The employer asked not to be contacted before this date; nothing is planned before it.",
        ),
        Column(
            AppCol.POSTING_CLOSED_ON,
            Kind.DATE,
            aliases=("Posting Closed", "Posting Removed On", "Posting Taken Down On", "Job Closed On", "Closed On", "Listing Closed On"),
            help="The day the job posting was taken down; an early follow-up is then right.",
        ),
        Column(AppCol.NOTES, aliases=("Comments", "Note")),
    ),
)

FOLLOWUPS = Tab(
    title="Follow-ups",
    file_name="followups.csv",
    id_prefix="F",
    columns=(
        Column(HistCol.ID),
        Column(HistCol.APPLICATION_ID, required=True),
        Column(HistCol.COMPANY),
        Column(HistCol.JOB_TITLE, aliases=("Position", "Role")),
        Column(HistCol.DATE, Kind.DATETIME, required=True, aliases=("Sent On", "When")),
        Column(HistCol.DIRECTION, Kind.CHOICE, choices=DIRECTIONS),
        Column(HistCol.MEDIUM, Kind.CHOICE, choices=MEDIA, aliases=("Via", "Channel")),
        Column(HistCol.KIND, Kind.CHOICE, choices=FOLLOWUP_KINDS, aliases=("Type",)),
        Column(HistCol.SUBJECT),
        Column(HistCol.MESSAGE, aliases=("Body", "Text")),
    ),
)

# Key/value settings (timing rules, the user's profile) kept with the data so they follow
# the user from machine to machine.
SETTINGS = Tab(
    title="Settings",
    file_name="settings.csv",
    columns=(Column(SettingsCol.KEY, required=True), Column(SettingsCol.VALUE)),
)

TABS: tuple[Tab, ...] = (APPLICATIONS, FOLLOWUPS, SETTINGS)
TABS_BY_TITLE: dict[str, Tab] = {t.title: t for t in TABS}


# --- header matching ----------------------------------------------------------------------

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def header_key(header: str) -> str:
    """Return the form of a header used for matching: lower case, letters and digits only."""
    return _NON_ALNUM.sub("", str(header).lower())


def _choice_key(value: str) -> str:
    return " ".join(_NON_ALNUM.sub(" ", value.lower()).split())


@dataclass(frozen=True)
class HeaderMatch:
    """How one tab's header row maps onto the schema.

    `positions` maps each schema column name to its 0-based position in the sheet;
    `aliased` maps schema name -> the header as the user wrote it, for headers recognised
    under another name; `missing` lists schema columns with no header; `extra` holds the
    user's own columns as (position, header); `duplicates` holds headers that appear twice
    as (position, header) for every occurrence after the first.
    """

    headers: tuple[str, ...]
    positions: dict[str, int]
    aliased: dict[str, str]
    missing: tuple[str, ...]
    extra: tuple[tuple[int, str], ...]
    duplicates: tuple[tuple[int, str], ...]


def match_headers(tab: Tab, headers: list[str]) -> HeaderMatch:
    """Map a header row onto `tab`'s columns by name, case and spacing ignored, aliases allowed.

    An exact (normalised) name always wins over an alias, so a sheet that has both a
    "Position" column and a "Job Title" column maps "Job Title" and keeps "Position" as extra.
    """
    exact: dict[str, str] = {header_key(c.name): c.name for c in tab.columns}
    alias: dict[str, str] = {}
    for col in tab.columns:
        for a in col.aliases:
            alias.setdefault(header_key(a), col.name)

    positions: dict[str, int] = {}
    aliased: dict[str, str] = {}
    duplicates: list[tuple[int, str]] = []
    seen_keys: set[str] = set()
    pending_alias: list[tuple[int, str, str]] = []
    unmatched: list[tuple[int, str]] = []
    for pos, raw in enumerate(headers):
        text = "" if raw is None else str(raw).strip()
        key = header_key(text)
        if not key:
            continue
        if key in seen_keys:
            duplicates.append((pos, text))
            continue
        seen_keys.add(key)
        if key in exact:
            positions[exact[key]] = pos
        elif key in alias:
            pending_alias.append((pos, text, alias[key]))
        else:
            unmatched.append((pos, text))
    for pos, text, name in pending_alias:
        if name in positions:
            unmatched.append((pos, text))
        else:
            positions[name] = pos
            aliased[name] = text
    missing = tuple(c.name for c in tab.columns if c.name not in positions)
    return HeaderMatch(
        headers=tuple("" if h is None else str(h) for h in headers),
        positions=positions,
        aliased=aliased,
        missing=missing,
        extra=tuple(sorted(unmatched)),
        duplicates=tuple(duplicates),
    )


def canonical_choice(column: Column, value: str) -> str | None:
    """Return the vocabulary word `value` means for a CHOICE column, or None if it means none.

    Case, spacing and punctuation are ignored; common synonyms are accepted.
    """
    key = _choice_key(value)
    if not key:
        return None
    for choice in column.choices:
        if _choice_key(choice) == key:
            return str(choice)
    synonyms = STATUS_SYNONYMS if column.choices == STATUSES else MEDIUM_SYNONYMS if column.choices == MEDIA else {}
    found = next((v for k, v in synonyms.items() if _choice_key(k) == key), None)
    return str(found) if found in column.choices else None


def column_letter(index: int) -> str:
    """Return the A1 column letters for a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
