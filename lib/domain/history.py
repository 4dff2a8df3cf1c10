"""The one reading of a Follow-ups row: whose message it was, and what kind.

People add history rows by hand and often leave cells blank, so every page must read a
row the same way. The rule, for every reader (planner, the Follow-up page's checks, the
Pipeline):

1. Direction decides whose message it was: "Received" is the employer's; "Sent", or any
   other word typed there, is the person's.
2. When Direction is blank, the Kind decides: a "Reply" is the employer's; anything else,
   a blank Kind included, is the person's (people log their own messages far more often
   than the employer's, and a reply is logged as one).
3. A sent row with a blank Kind is a follow-up ("Follow-up"): a message typed in by hand
   without saying what it was is almost always one. A received row with a blank Kind is a
   reply.
4. Kind and Medium are read as their vocabulary words, case and spacing ignored; a word
   outside the vocabulary is kept as typed (and counts as none of the kinds below).
5. A *follow-up sent* is a sent row whose Kind is Follow-up, Check-in or Final
   (`COUNTED_KINDS`); a *thank-you* is a sent row of Kind Thank-you; a *reply* is any
   received row.

`read_entry` applies it to one row and `entries` / `entries_by_application` to a frame,
giving `HistoryEntry` records (for the planner and the checks). `history_flags` gives the
same reading as boolean arrays over a whole frame (for the metrics); it classifies each
distinct (Direction, Kind) pair with `classify`, the same function `read_entry` uses, so
both forms are one implementation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from lib.domain.fields import HistCol
from lib.domain.model import as_datetime, column_values
from lib.domain.text import clean
from lib.domain.vocab import COUNTED_KINDS, Direction, HistoryKind, Medium


def _word_key(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


_KINDS: dict[str, HistoryKind] = {_word_key(k.value): k for k in HistoryKind}
_MEDIA: dict[str, Medium] = {_word_key(m.value): m for m in Medium}


@lru_cache(maxsize=256)
def classify(direction: str, kind: str) -> tuple[Direction, str]:
    """Return (direction, kind) for a row's Direction and Kind cells, by the module's rule.

    The kind is a `HistoryKind` when the cell holds one of its words (or is blank), else the
    text as typed.
    """
    direction_text, kind_text = direction.strip(), kind.strip()
    known = _KINDS.get(_word_key(kind_text)) if kind_text else None
    if direction_text:
        sent = _word_key(direction_text) != _word_key(Direction.RECEIVED)
    else:
        sent = known is not HistoryKind.REPLY
    read_kind: str = known if known is not None else kind_text
    if not kind_text:
        read_kind = HistoryKind.FOLLOW_UP if sent else HistoryKind.REPLY
    return (Direction.SENT if sent else Direction.RECEIVED), read_kind


@lru_cache(maxsize=256)
def read_medium(medium: str) -> str:
    """Return a Medium cell as its vocabulary word ("email " -> "Email"), or as typed."""
    text = medium.strip()
    return _MEDIA.get(_word_key(text), text) if text else ""


class HistoryEntry(NamedTuple):
    """One row of the history, read by the module's rule (a tuple: quick to build by the thousand)."""

    at: datetime | None
    direction: Direction
    kind: str  # a HistoryKind word, or the text typed when it is none
    medium: str  # a Medium word, "" when blank, or the text typed

    @property
    def sent(self) -> bool:
        return self.direction is Direction.SENT

    @property
    def received(self) -> bool:
        return self.direction is Direction.RECEIVED

    @property
    def counted(self) -> bool:
        """A follow-up sent: it counts toward the follow-up limit."""
        return self.direction is Direction.SENT and self.kind in COUNTED_KINDS

    @property
    def thank_you(self) -> bool:
        return self.direction is Direction.SENT and self.kind == HistoryKind.THANK_YOU


@lru_cache(maxsize=1024)
def _read_cells(direction: Any, kind: Any, medium: Any) -> tuple[Direction, str, str]:
    read_direction, read_kind = classify(clean(direction), clean(kind))
    return read_direction, read_kind, read_medium(clean(medium))


def read_entry(at: Any, direction: Any, kind: Any, medium: Any) -> HistoryEntry:
    """Return one history row (its Date, Direction, Kind and Medium cells) as a `HistoryEntry`."""
    when = at if at is None or type(at) is datetime else as_datetime(at)
    try:
        cells = _read_cells(direction, kind, medium)
    except TypeError:  # an unhashable cell value: read it without the cache
        cells = _read_cells.__wrapped__(direction, kind, medium)
    return HistoryEntry(when, *cells)


_ENTRY_COLUMNS = (HistCol.DATE, HistCol.DIRECTION, HistCol.KIND, HistCol.MEDIUM)


def entries(history: pd.DataFrame | None) -> list[HistoryEntry]:
    """Return every row of a typed Follow-ups frame as a `HistoryEntry`, in frame order."""
    if history is None or len(history) == 0:
        return []
    return [read_entry(*row) for row in zip(*(column_values(history, c) for c in _ENTRY_COLUMNS))]


def entries_by_application(followups: pd.DataFrame | None) -> dict[str, list[HistoryEntry]]:
    """Return the history grouped by "Application ID" (trimmed), each in frame order."""
    grouped: dict[str, list[HistoryEntry]] = {}
    if followups is None or len(followups) == 0:
        return grouped
    ids = column_values(followups, HistCol.APPLICATION_ID)
    for app_id, *row in zip(ids, *(column_values(followups, c) for c in _ENTRY_COLUMNS)):
        grouped.setdefault(clean(app_id), []).append(read_entry(*row))
    return grouped


def _factorize(frame: pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray]:
    if name not in frame.columns:
        return np.zeros(len(frame), dtype="int64"), np.array([""], dtype=object)
    codes, words = pd.factorize(frame[name].to_numpy(dtype=object), use_na_sentinel=False)
    return codes.astype("int64"), np.asarray(words, dtype=object)


@dataclass(frozen=True)
class HistoryFlags:
    """The module's reading of a whole frame, as arrays aligned with its rows."""

    received: np.ndarray  # bool
    thank_you: np.ndarray  # bool
    counted: np.ndarray  # bool: a follow-up sent
    kind: np.ndarray  # object: the kind as read (see `classify`)


def history_flags(followups: pd.DataFrame) -> HistoryFlags:
    """Return `HistoryFlags` for a typed Follow-ups frame, by `classify` (the same rule as `entries`).

    Each distinct (Direction, Kind) pair is classified once, so this stays fast on large sheets.
    """
    n = len(followups)
    if n == 0:
        empty = np.zeros(0, dtype=bool)
        return HistoryFlags(empty, empty, empty, np.empty(0, dtype=object))
    d_codes, d_words = _factorize(followups, HistCol.DIRECTION)
    k_codes, k_words = _factorize(followups, HistCol.KIND)
    pair_codes, codes = np.unique(d_codes * len(k_words) + k_codes, return_inverse=True)
    read = [classify(clean(d_words[c // len(k_words)]), clean(k_words[c % len(k_words)])) for c in pair_codes.tolist()]
    received_u = np.array([d is Direction.RECEIVED for d, _ in read], dtype=bool)
    kind_u = np.empty(len(read), dtype=object)
    kind_u[:] = [k for _, k in read]
    thank_u = ~received_u & np.array([k == HistoryKind.THANK_YOU for _, k in read], dtype=bool)
    counted_u = ~received_u & np.array([k in COUNTED_KINDS for _, k in read], dtype=bool)
    return HistoryFlags(received_u[codes], thank_u[codes], counted_u[codes], kind_u[codes])
