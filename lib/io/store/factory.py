"""The one place that decides which store backend the app uses."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from lib.io.config import AppConfig
from lib.io.demo import DEMO_SETTINGS, demo_records
from lib.io.store.base import Store
from lib.io.store.local import LocalStore


def open_store(config: AppConfig, today: date) -> Store:
    """Return the store the configuration names: Google Sheets when configured, else local.

    A local folder with no data yet is seeded with the demo job search (unless the
    configuration turns that off), so a new user sees a working app at once.
    """
    if config.gsheets:
        from lib.io.store.gsheets import GoogleSheetsStore  # imported here: gspread is only needed then

        return GoogleSheetsStore.from_config(config.gsheets)
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
    profile) go, unless the person has changed them. The local store keeps every header as
    it is (the person's own columns, in their order) and every row it does not remove.
    """
    demo_keys = {k for k, v in settings.items() if DEMO_SETTINGS.get(k) == v}
    if isinstance(store, LocalStore):
        if settings.get("demo", "").strip().lower() == "true":
            apps, history = demo_records(date.today())  # the IDs do not depend on the day
            store.remove_rows({a["ID"] for a in apps}, {h["ID"] for h in history}, demo_keys)
        else:
            store.remove_rows(None, None, demo_keys)
        return
    store.replace_all([], [], {k: v for k, v in settings.items() if k not in demo_keys})
