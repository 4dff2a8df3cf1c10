"""Quick add: an application from three things a person has at hand (company, job title, a link or
where they found it); everything else can wait for the full form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from lib.domain.fields import AppCol
from lib.domain.vocab import Status
from lib.views.forms import is_web_address, normalise_link, validate_application


@dataclass(frozen=True)
class QuickAdd:
    """What a quick add would write (`values`, blank fields left out) and what is wrong with it."""

    values: dict[str, Any]
    errors: list[str]


def quick_add(company: str, job_title: str, link_or_source: str, today: date) -> QuickAdd:
    """Return the application a quick add makes: status Applied, applied today.

    The third field is read as the Job Link when it is a web address ("x.com/jobs/1" too) and
    as the Source otherwise ("LinkedIn", "a friend"). Errors are the full form's own checks.
    """
    values: dict[str, Any] = {
        AppCol.COMPANY: company.strip(),
        AppCol.JOB_TITLE: job_title.strip(),
        AppCol.STATUS: Status.APPLIED.value,
        AppCol.APPLIED_ON: today,
    }
    extra = link_or_source.strip()
    if extra:
        if is_web_address(extra):
            values[AppCol.JOB_LINK] = normalise_link(extra)
        else:
            values[AppCol.SOURCE] = extra
    clean = {k: v for k, v in values.items() if v not in ("", None)}
    return QuickAdd(clean, validate_application(clean))
