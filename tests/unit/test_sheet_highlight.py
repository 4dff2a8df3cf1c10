"""The Google Sheet's "follow-up due" highlight counts days as the planner does."""

from __future__ import annotations

from datetime import date

from lib.domain.facts import AWAITING_STATUSES
from lib.domain.schema import TABS
from lib.io.store.gsheets import GoogleSheetsStore
from lib.planner.rules import RuleSettings
from tests.fakes.sheets_api import FakeSheetsAPI


def _formula(fake: FakeSheetsAPI, sid: str) -> str:
    (rule,) = fake.conditional_formats(sid, "Applications")
    return str(rule["booleanRule"]["condition"]["values"][0]["userEnteredValue"])


def _store(settings: dict[str, str] | None = None) -> tuple[FakeSheetsAPI, str, GoogleSheetsStore]:
    fake = FakeSheetsAPI()
    tabs = {t.title: [t.headers] for t in TABS}
    if settings:
        tabs["Settings"] = [["Key", "Value"], *([k, v] for k, v in settings.items())]
    sid = fake.create_spreadsheet(tabs=tabs)
    return fake, sid, GoogleSheetsStore(fake.client, sid, sleep=lambda s: None)


def test_the_highlight_waits_the_planners_first_follow_up_by_default() -> None:
    fake, sid, store = _store()
    days = RuleSettings().followup_days_after_interview
    done = store.set_up(days)
    assert _formula(fake, sid).endswith(f">={days})")
    assert any(f"no reply {days}+ days" in line for line in done)
    for status in AWAITING_STATUSES:
        assert f'="{status}"' in _formula(fake, sid)


def test_the_highlight_follows_the_persons_own_timing() -> None:
    fake, sid, store = _store({"rules.followup_days_after_interview": "9"})
    store.set_up(RuleSettings.from_settings(store.load(date.today()).settings).followup_days_after_interview)
    assert _formula(fake, sid).endswith(">=9)")


def test_the_store_takes_the_number_it_is_given() -> None:
    fake, sid, store = _store({"rules.followup_days_after_interview": "9"})
    store.set_up(due_after_days=12)
    assert _formula(fake, sid).endswith(">=12)")
