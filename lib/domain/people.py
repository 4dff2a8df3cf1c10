"""People named in an Interviewer cell: one parser for the planner and the messages.

"Dr. Sam Lee" is read as title "Dr.", first name "Sam", surname "Lee"; several people may
share a cell ("Sam Lee and Dana Park", "Sam Lee, PhD; Ms. Dana Park"). Every title (Mr, Ms,
Dr, Prof, ...) is a title everywhere: the planner's sentences, greetings and letters all name
people from the same `Person`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lib.domain.text import clean

_PRONOUNS = {"ms": "she", "mrs": "she", "miss": "she", "mr": "he"}  # any other title: "they"
_COURTESY_TITLES = frozenset({*_PRONOUNS, "mx"})  # left out when naming someone in a sentence
_TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev", "lord", "lady",
}  # fmt: skip
# Only unambiguous suffixes are dropped from the end of a name ("Jack Ma" keeps "Ma"); after
# a comma any short capitalised abbreviation counts as a degree ("Sam Lee, MA").
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "esq", "cpa", "msc", "bsc"}
_PARTICLES = {"de", "da", "del", "della", "der", "den", "di", "du", "dos", "das", "la", "le", "van", "von", "ter", "ten", "bin", "al", "st", "st."}
_SPLIT_PEOPLE = re.compile(r"\s*(?:;|&|/|\+|\n|\band\b|\bwith\b)\s*", re.IGNORECASE)
# Not part of anyone's name: a note in brackets ("(Head of Data)") or a label ("Panel: …").
_ASIDES = re.compile(r"\([^)]*\)|^\s*[A-Za-z][A-Za-z ]{1,20}:(?=\s)")


@dataclass(frozen=True)
class Person:
    """An interviewer's name read from the row: "Dr. Sam Lee" -> title "Dr.", first "Sam",
    last "Lee"; `full` is the name without title or suffix."""

    title: str
    first: str
    last: str

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.first, self.last) if p)

    @property
    def formal(self) -> str:
        """"Dr. Lee" when a title is known, else the whole name (a title is never guessed)."""
        if self.title and self.last:
            return f"{self.title} {self.last}"
        if self.title and self.first:
            return f"{self.title} {self.first}"
        return self.full

    @property
    def friendly(self) -> str:
        """"Sam", or "Dr. Lee" when only the surname is known."""
        return self.first if self.first and (self.last or not self.title) else self.formal

    @property
    def plain(self) -> str:
        """How a sentence names them: "Dana Lee" for "Ms. Dana Lee", "Dr. Sam Lee" as it is.

        A courtesy title (Mr, Ms, Mrs, Miss, Mx) is left out when the first name is known; any
        other title (Dr., Prof.) is kept, and so is every title before a surname alone ("Mr. Ortiz").
        """
        if self.title and (not self.first or not _all_courtesy(self.title)):
            return f"{self.title} {self.full}".strip()
        return self.full

    @property
    def pronoun(self) -> str:
        """"she" or "he" when the title says so (Ms, Mrs, Miss / Mr), else "they"."""
        words = [_key(w) for w in self.title.split()]
        return _PRONOUNS.get(words[0], "they") if words else "they"


def _key(word: str) -> str:
    return word.lower().strip(".,")


def _degree(word: str) -> bool:
    """Is `word` a degree or credential written after a comma: "MA", "MSc", "PhD", "CFA"?"""
    letters = word.strip(".,").replace(".", "")
    if len(letters) == 2:
        return letters.isupper()  # "MA", but not the name "Li"
    return 3 <= len(letters) <= 5 and letters[:1].isupper() and sum(ch.isupper() for ch in letters) >= len(letters) / 2


def _person(text: str) -> Person | None:
    words = text.replace(",", " , ").split()
    titles: list[str] = []
    while words and _key(words[0]) in _TITLES:
        titles.append(words.pop(0))
    words = [w for w in words if w != ","]
    while words and _key(words[-1]) in _SUFFIXES and len(words) > 1:
        words.pop()
    if not words:
        return None if not titles else Person(" ".join(titles[:-1]), "", titles[-1])
    if len(words) == 1:
        # "Ms. Park" is a surname; a lone "Sam" is a first name.
        return Person(" ".join(titles), "", words[0]) if titles else Person("", words[0], "")
    # The surname starts at its first particle ("Ana de la Cruz" -> "de la Cruz").
    start = len(words) - 1
    while start - 1 >= 1 and _key(words[start - 1]) in _PARTICLES:
        start -= 1
    return Person(" ".join(titles), " ".join(words[:start]), " ".join(words[start:]))


def parse_people(text: Any) -> list[Person]:
    """Return the people named in an Interviewer cell: "Dr. Sam Lee", "Sam Lee and Dana Park",
    "Sam Lee, PhD; Ms. Dana Park". Returns [] for a blank cell."""
    raw = _ASIDES.sub(" ", clean(text)).strip()
    if not raw:
        return []
    people: list[Person] = []
    for chunk in _SPLIT_PEOPLE.split(raw):
        # A comma separates people unless what follows is only a suffix ("Sam Lee, PhD").
        pieces = [p.strip() for p in chunk.split(",")]
        merged: list[str] = []
        for piece in pieces:
            if merged and (not piece or all(_key(w) in _SUFFIXES or _degree(w) for w in piece.split())):
                continue
            merged.append(piece)
        for piece in merged:
            person = _person(piece)
            if person:
                people.append(person)
    return people


def join_names(names: list[str]) -> str:
    """Return "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _all_courtesy(title: str) -> bool:
    return all(_key(w) in _COURTESY_TITLES for w in title.split())


def plain_names(text: Any) -> str:
    """Return the people of an Interviewer cell as a sentence names them: "Dana Lee",
    "Sam Lee and Dr. Dana Park"; "" for a blank cell."""
    people = parse_people(text)
    return join_names([p.plain for p in people]) if people else clean(text)


def pronoun(text: Any) -> str:
    """Return how to refer to the people of an Interviewer cell: "she", "he" or "they"
    (several people, or no title that tells)."""
    people = parse_people(text)
    return people[0].pronoun if len(people) == 1 else "they"
