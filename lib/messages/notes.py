"""The person's notes (Topics Discussed, Concerns Raised) fitted into sentence frames, and the
notes that cannot be placed well."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib.domain.fields import AppCol

# Words that start a note in sentence case but belong in lower case mid-sentence.
LOWER_STARTS = {
    "the", "a", "an", "how", "what", "why", "when", "where", "which", "who", "whether", "your", "our",
    "my", "its", "his", "her", "this", "that", "these", "those", "some", "building", "working",
    "moving", "scaling", "hiring", "using", "improving", "running", "growing", "plans", "team",
    "salary", "pay", "relocation", "relocating", "commute", "commuting", "notice", "start", "starting", "remote",
    "hybrid", "travel", "visa", "experience", "lack", "limited", "little", "management", "leadership",
    "availability", "seniority", "location", "budget", "timeline", "career", "growth", "onboarding", "culture",
    "roadmap", "process", "stakeholder", "stakeholders", "technical", "previous", "gaps", "gap", "no", "not",
    "only", "if", "too", "overqualified", "underqualified", "junior", "senior", "new", "current",
}  # fmt: skip


# --- notes typed the way people type them -------------------------------------------------------
#
# Topics Discussed goes into "our conversation about …" and Concerns Raised into "You mentioned
# a concern about …" / "… a concern that …". People type them as phrases ("the on-call rota"),
# as sentences ("We talked about how they onboard new analysts") or as their own worries
# ("worried I don't have enough management experience"). The lead-in is dropped, "they" (the
# company) becomes "you", and what still cannot be held by the frame is reported, not hidden.

_FILLER = r"(?:also |mostly |mainly |briefly |really |a bit |a lot |quite a bit |at length |in depth )*"
# Who did the talking: "we", "she", "the hiring manager", or a name ("Priya", "Priya and Sam").
_WHO = r"(?:we|i|they|he|she|the (?:interviewer|hiring manager|manager|panel|team|recruiter|ceo|cto|founder)s?|(?-i:[A-Z][a-z]+)(?: and (?-i:[A-Z][a-z]+))?)"
_TOPIC_LEADS = (
    # "We talked about …", "Priya explained …", "We spent a while on …"
    re.compile(
        rf"^{_WHO}\s+{_FILLER}(?:talked|spoke|chatted|discussed|covered|went over|went through|"
        rf"touched on|got into|dug into|spent (?:a while|some time|time|most of the time) (?:on|talking about)|asked(?: me)?|"
        rf"told me|explained|described|walked me through|showed me|mentioned|shared|focused on|outlined)\s+{_FILLER}"
        rf"(?:about\s+|on\s+|over\s+|through\s+)?",
        re.IGNORECASE,
    ),
    # "Discussed …", "Talked about …", "Covered: …", "Topics: …", "Lots of talk about …"
    re.compile(
        r"^(?:discussed|discussion (?:about|of|on)|talked (?:about|through)|spoke about|chatted about|covered|mentioned|"
        r"went over|conversation (?:about|on)|chat about|asked (?:me )?about|questions? (?:about|on)|topics?|"
        r"(?:lots of|a lot of|some) (?:talk|discussion|questions) (?:about|on)|(?:lots|a lot|mostly|mainly) (?:about|on)|about)\s*:?\s+",
        re.IGNORECASE,
    ),
    # "It was great to hear about …", "Great chat about …"
    re.compile(r"^(?:it was\s+)?(?:great|nice|good|interesting|fun)\s+(?:to (?:hear|learn|talk) about|chat about|talk about)\s+", re.IGNORECASE),
)
_CONCERN_LEADS = (
    # "Concern: …", "Main worry is that …", "Concerns about …" (not "The gap in my CV")
    re.compile(
        r"^(?:(?:a|the|one|my|their|possible|potential|main|big|slight|small|only)\s+)*(?:concerns?|worry|worries|doubts?|gap|question|"
        r"issue|risk)(?:\s*:|\s+(?:was|is|about|over|regarding|around|re|with|that)(?:\s+(?:about|that))?)\s+",
        re.IGNORECASE,
    ),
    # "They were a bit worried that …", "worried I don't …", "concerned about …"
    re.compile(
        rf"^(?:{_WHO}\s+(?:was|were|is|are|seemed|seem|felt|feel|feels|sounded)\s+)?"
        r"(?:a (?:bit|little)\s+|slightly\s+|quite\s+|somewhat\s+)?(?:worried|concerned|unsure|not sure|doubtful|hesitant|nervous)"
        r"(?:\s+(?:about|that|over|by|regarding))?\s+",
        re.IGNORECASE,
    ),
    # "They asked whether …", "She wondered about …", "He thought that …", "They worry about …"
    re.compile(
        rf"^(?:{_WHO}\s+)?(?:asked|wondered|questioned|felt|thought|thinks|think|said|says|mentioned|noted|raised|flagged|"
        r"pointed out|worry|worries|doubt|doubted|doubts)(?:\s+(?:about|that))?\s+",
        re.IGNORECASE,
    ),
)
_THEY_TO_YOU = {
    "they": "you", "their": "your", "theirs": "yours", "them": "you", "themselves": "yourselves",
    "they're": "you're", "they've": "you've", "they'll": "you'll", "they'd": "you'd",
}  # fmt: skip
_WH = {"how", "what", "why", "when", "where", "which", "who", "whether", "whose"}
# A finite verb outside a how/what clause makes a note a sentence ("the team is growing").
_FINITE = re.compile(
    r"\b(?:is|are|was|were|am|will|won't|has|had|does|did|do|don't|doesn't|didn't|can|can't|could|should|would|"
    r"isn't|aren't|wasn't|weren't|'s been|'re|'ve|'ll)\b",
    re.IGNORECASE,
)
_SUBJECTS = {
    "i", "i'm", "i've", "i'd", "i'll", "we", "we're", "we've", "you", "you're", "you've", "he", "she", "it", "it's",
    "there", "there's", "that's", "they", "they're",
}  # fmt: skip
_ABOUT_ME = re.compile(
    r"^(?P<how>no|not enough|not much|not a lot of|little|limited|minimal|insufficient|lack of|a lack of|lacking|only some)\s+(?P<what>.+)$",
    re.IGNORECASE,
)
# A concern typed without a subject is about the candidate: "didn't use Looker" -> "I didn't use Looker".
_MY_VERBS = {
    "don't": "don't", "didn't": "didn't", "doesn't": "don't", "haven't": "haven't", "hasn't": "haven't", "can't": "can't",
    "cannot": "cannot", "never": "have never", "lack": "lack", "lacks": "lack", "lacked": "lacked", "has": "have",
    "have": "have", "had": "had", "need": "need", "needs": "need", "might": "might", "may": "may", "is": "am",
    "isn't": "am not", "wasn't": "wasn't", "was": "was", "hadn't": "hadn't", "wouldn't": "wouldn't", "won't": "won't",
}  # fmt: skip
MAX_NOTE_WORDS = 14  # longer than this, the note reads as a paragraph inside a sentence


@dataclass(frozen=True)
class Placed:
    """A note fitted into a sentence frame. `text` is what goes into the frame ("" for a blank
    note); `fits` is False when it still reads as a sentence, or is too long, so the person
    should rewrite it as a short phrase."""

    text: str
    fits: bool = True


def _first_item(text: str) -> str:
    items = re.split(r"[;\n]|\s+-\s+|•|(?<=[a-z0-9)][.!?])\s+(?=[A-Z])", text)
    for item in items:
        cleaned = item.strip().strip("-•* ").rstrip(".;:,!").strip()
        if cleaned:
            return cleaned
    return ""


def _strip_leads(text: str, leads: tuple[re.Pattern[str], ...]) -> str:
    changed = True
    while changed:
        changed = False
        for lead in leads:
            rest = lead.sub("", text, count=1).strip()
            if rest and rest != text:
                text, changed = rest, True
    return text


def _company_as_you(text: str) -> str:
    """The notes speak of the company as "they"; the message speaks to it as "you"."""
    return re.sub(r"\b[Tt]hey(?:'re|'ve|'ll|'d)?\b|\b[Tt]heir(?:s)?\b|\b[Tt]hem(?:selves)?\b", lambda m: _THEY_TO_YOU[m.group(0).lower()], text)


def _lower_start(text: str) -> str:
    head, _, rest = text.partition(" ")
    if head.lower() in LOWER_STARTS | _WH and not head.isupper():
        head = head.lower()
    return f"{head} {rest}".strip()


# "Great chat" says how it went, not what it was about.
_PRAISE = re.compile(
    r"^(?:really\s+)?(?:great|good|nice|lovely|fun|positive|excellent|amazing|friendly)\b.*\b(?:chat|call|conversation|interview|meeting|vibes?|fit)$",
    re.IGNORECASE,
)


def _reads_as_sentence(text: str) -> bool:
    words = text.split()
    first = words[0].lower() if words else ""
    if first in _SUBJECTS or _PRAISE.match(text):
        return True
    return first not in _WH and bool(_FINITE.search(text))


def topic_phrase(note: str) -> Placed:
    """Fit Topics Discussed into "our conversation about …": the first item of a list, without
    a lead-in such as "We talked about", with the company as "you" ("how you onboard new
    analysts"). Does not fit when it still reads as a sentence or runs past MAX_NOTE_WORDS."""
    text = _first_item(note)
    if not text:
        return Placed("")
    text = _lower_start(_company_as_you(_strip_leads(text, _TOPIC_LEADS)))
    return Placed(text, not _reads_as_sentence(text) and "?" not in text and len(text.split()) <= MAX_NOTE_WORDS)


def concern_phrase(note: str) -> Placed:
    """Fit Concerns Raised after "You mentioned a concern …": "about my limited experience with
    Kubernetes", "about my lack of hands-on Looker experience", "about whether I …", or a
    clause, "that I don't have enough management experience". Does not fit when it runs past
    MAX_NOTE_WORDS or is a question."""
    first = _first_item(note)
    if not first:
        return Placed("")
    text = _company_as_you(_strip_leads(first, _CONCERN_LEADS))
    fits = len(text.split()) <= MAX_NOTE_WORDS and "?" not in text
    about_me = _ABOUT_ME.match(text)
    if about_me:
        how, what = about_me.group("how").lower(), about_me.group("what")
        if how in ("no", "lack of", "a lack of", "lacking"):
            return Placed(f"about my lack of {what}", fits)
        if how in ("not enough", "insufficient"):
            return Placed(f"about whether I have enough {what}", fits)
        return Placed(f"about my limited {what}", fits)
    head, _, rest = text.partition(" ")
    head = head.lower()
    if head == "that" and rest.split(" ", 1)[0].lower() in _SUBJECTS:  # "that I lack X": already a clause
        text, (head, _, rest) = rest, rest.partition(" ")
        head = head.lower()
    if head in _MY_VERBS:  # "didn't have enough SQL", "has only worked at startups": the candidate
        return Placed(f"that I {_MY_VERBS[head]} {rest}".strip(), fits)
    if head in ("only", "just") and rest:  # "only two years of experience"
        return Placed(f"that I have only {rest}", fits)
    if head in ("whether", "if"):
        return Placed("about whether " + text.split(" ", 1)[-1], fits)
    if re.match(r"^(?:too|over|under)\w*\b", text, re.IGNORECASE):
        return Placed(f"that I might be {text[0].lower()}{text[1:]}", fits)
    if head in _SUBJECTS or _FINITE.search(text):
        text = text if head in ("i", "i'm", "i've", "i'd", "i'll") else _lower_start(text)
        return Placed(f"that {text}", fits)
    return Placed(f"about {_lower_start(text)}", fits)


@dataclass(frozen=True)
class Unplaced:
    """A note that does not read well in its sentence frame: `field` is its column, `text` how
    it reads in the message, `advice` what to change, with an example."""

    field: str
    text: str
    advice: str


TOPIC_EXAMPLE = '"how you onboard new analysts" or "your migration to dbt"'
CONCERN_EXAMPLE = '"limited experience with Kubernetes" or "no hands-on Looker experience"'


def unplaced_notes(topics: str, concerns: str, *texts: str) -> tuple[Unplaced, ...]:
    """Return the notes (Topics Discussed, Concerns Raised) that cannot be placed well, among
    those that appear in `texts` (the message as it stands; a note the person has edited out
    no longer counts)."""
    joined = "\n".join(texts)
    found: list[Unplaced] = []
    topic, concern = topic_phrase(topics), concern_phrase(concerns)
    if topic.text and not topic.fits and topic.text in joined:
        found.append(
            Unplaced(
                AppCol.TOPICS_DISCUSSED,
                topic.text,
                f'{AppCol.TOPICS_DISCUSSED} does not fit "our conversation about …" as typed ("{topic.text}"): '
                f"rewrite it as a short phrase, e.g. {TOPIC_EXAMPLE}.",
            )
        )
    if concern.text and not concern.fits and concern.text in joined:
        found.append(
            Unplaced(
                AppCol.CONCERNS_RAISED,
                concern.text,
                f"{AppCol.CONCERNS_RAISED} is too long to quote in one sentence: rewrite it as a short phrase, e.g. {CONCERN_EXAMPLE}.",
            )
        )
    return tuple(found)
