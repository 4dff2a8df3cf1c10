"""Where the current round of follow-ups starts: the interview or application, or a reply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lib.planner.clock import not_before, strictly_after


@dataclass(frozen=True)
class Cycle:
    """Where the current round of follow-ups starts: the interview or application, or a reply.

    Messages on the day an interview or application happened belong to its cycle; after a
    reply, only messages certainly later than the reply do.
    """

    start: datetime
    after_reply: bool

    def contains(self, at: datetime) -> bool:
        return strictly_after(at, self.start) if self.after_reply else not_before(at, self.start)
