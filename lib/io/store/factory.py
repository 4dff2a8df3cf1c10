"""The one place that decides which store backend the app uses."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from lib.io.config import AppConfig
from lib.io.demo import DEMO_SETTINGS, demo_records
from lib.io.parse import split_duplicate
from lib.io.store.base import Store
from lib.io.store.local import LocalStore


def open_store(config: AppConfig, today: date) -> Store:
    """Return the store the configuration names: Google Sheets when configured, else local.

    A local folder with no data yet is seeded with the demo job search (unless the
    configuration turns that off), so a new user sees a working app at once.
    """
    if config.gsheets:
        from lib.io.store.gsheets import GoogleSheetsStore  # imported here: gspread is only needed then

        return GoogleSheetsStore.from_config(config.gsheets, retry=config.retry)
    store = LocalStore(config.data_dir)
    if config.seed_demo and not store.exists():
        seed_demo(store, today)
    return store


def seed_demo(store: Store, today: date) -> None:
    """Replace the store's content with the demo job search, labelled as demo."""
    apps, history = demo_records(today)
    store.replace_all(list[Mapping[str, Any]](apps), list[Mapping[str, Any]](history), DEMO_SETTINGS)


def clear_all(store: Store, settings: dict[str, str]) -> None:
    """Start fresh: remove what the demo put there, or, when this is not demo data, every row.

    On demo data only the demo's rows go (its applications and their history); rows the
    person added stay. The person's own settings stay; the demo's (its label, its made-up
    profile) go, unless the person has changed them. Every header stays as it is (the
    person's own columns, in their order).
    """
    demo_keys = {k for k, v in settings.items() if DEMO_SETTINGS.get(k) == v}
    is_demo = settings.get("demo", "").strip().lower() == "true"
    apps, history = demo_records(date.today())  # the demo's IDs do not depend on the day
    demo_apps, demo_history = {a["ID"] for a in apps}, {h["ID"] for h in history}
    if isinstance(store, LocalStore):
        store.remove_rows(demo_apps if is_demo else None, demo_history if is_demo else None, demo_keys)
        return
    ids: list[str] = []
    own_rows: list[str] = []
    if is_demo:
        data = store.load(date.today())
        ids = [str(i) for i in data.applications["ID"]]
        own_rows = [i for i in ids if split_duplicate(i) not in demo_apps]
        own_rows += [str(i) for i, a in zip(data.followups["ID"], data.followups["Application ID"])
                     if str(i) not in demo_history and split_duplicate(str(a)) not in demo_apps]
    if not own_rows:
        store.replace_all([], [], {k: v for k, v in settings.items() if k not in demo_keys})
        return
    # The person added rows of their own: take the demo's out one by one around them.
    for app_id in ids:
        if split_duplicate(app_id) in demo_apps:
            store.delete_application(app_id)
    store.save_settings(dict.fromkeys(demo_keys, ""))
