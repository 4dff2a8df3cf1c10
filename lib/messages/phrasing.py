"""Fitting the person's own words into sentences: greetings, phrases and interview rounds."""

from __future__ import annotations

import re

from lib.domain.fields import AppCol
from lib.domain.people import Person, join_names
from lib.messages.anatomy import Tone
from lib.messages.notes import LOWER_STARTS
from lib.messages.placeholders import TOKEN


def greeting(people: list[Person], tone: Tone, *, unnamed: str = "") -> str:
    """Return the greeting line: "Dear Dr. Lee," (formal) or "Hi Sam," (friendly).

    With nobody named: `unnamed` when given (e.g. "Dear Hiring Manager,"), else a greeting
    with the name placeholder."""
    if not people and unnamed:
        return unnamed
    if tone is Tone.FORMAL:
        names = [p.formal for p in people] or [TOKEN[AppCol.INTERVIEWER]]
        return f"Dear {join_names(names)},"
    names = [p.friendly for p in people] or [TOKEN[AppCol.INTERVIEWER]]
    return f"Hi {join_names(names)},"


def phrase(text: str) -> str:
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
    elif head.lower() in LOWER_STARTS and not head.isupper():
        head = head.lower()
    return " ".join([head, *words[1:]])


def sentence(text: str) -> str:
    """Return `text` as a sentence: capitalised, ending in punctuation."""
    text = " ".join(text.strip().split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


_ROUND_WORDS = {"1": "first", "2": "second", "3": "third", "4": "fourth", "5": "fifth"}


def round_phrase(value: str) -> str:
    """"Final" -> "final interview", "2" or "Round 2" -> "second interview", "Panel interview"
    -> "panel interview"; blank -> "interview" (nothing is claimed about which one)."""
    text = value.strip().lower()
    if not text:
        return "interview"
    number = re.fullmatch(r"(?:round\s*)?(\d)(?:st|nd|rd|th)?(?:\s*round)?", text)
    if number:
        text = _ROUND_WORDS.get(number.group(1), text)
    text = re.sub(r"\s*round$", "", text).strip() or text
    # "phone screen", "panel interview", "case presentation" are complete as they are.
    complete = ("interview", "screen", "call", "chat", "conversation", "meeting", "assessment", "presentation")
    return text if any(word in text for word in complete) else f"{text} interview"



# Rounds that come first: whoever was met, it was not "more of the team".
_FIRST_ROUNDS = re.compile(r"\b(?:first|1st|initial|intro\w*|phone|screen\w*|recruiter|hr)\b|^(?:round\s*)?1$", re.IGNORECASE)


def later_round(value: str) -> bool:
    """True for a round after the first ("Second", "Final", "Onsite", "Panel"); False for a
    blank, first or screening round."""
    text = value.strip()
    return bool(text) and not _FIRST_ROUNDS.search(text)
