"""App configuration, built from the environment and the secrets file when the app starts.

Nothing reads configuration at import time: `load_config` is handed both sources.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

DATA_DIR_ENV = "JOBSEARCH_DATA_DIR"
DEMO_ENV = "JOBSEARCH_DEMO"  # "0" to start with an empty store instead of the demo
DEFAULT_DATA_DIR = "data"
RETRY_SECTION = "retry"  # the [retry] secrets block: RetryPolicy's fields, all optional
# How long a read that failed (Google down, quota spent) is remembered and answered again at
# once, so that during an outage each page shows the last data without waiting, and the
# sidebar's read and the page's read do not each spend the quota. Refresh forgets it.
FAILED_READ_MEMORY_SECONDS = 30.0


@dataclass(frozen=True)
class RetryPolicy:
    """How a remote store retries quota, server and network failures, and waits between tries.

    Bounded exponential backoff with jitter. `sleep` is how it waits (tests hand in one that
    records the delays instead); `failed_read_memory_seconds` is how long a failed read is
    answered from memory (0 turns that off).
    """

    attempts: int = 5
    first_delay_seconds: float = 1.0
    max_delay_seconds: float = 16.0
    failed_read_memory_seconds: float = FAILED_READ_MEMORY_SECONDS
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False, repr=False)

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Return how long to wait before retry number `attempt` (0-based): half to full backoff."""
        backoff = min(self.max_delay_seconds, self.first_delay_seconds * 2.0**attempt)
        return float(backoff * (0.5 + rng.random() / 2))

    @classmethod
    def from_settings(cls, section: Mapping[str, Any]) -> RetryPolicy:
        """Return the policy a [retry] secrets block describes; a missing or unreadable value keeps its default."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name == "sleep" or f.name not in section:
                continue
            convert = int if f.name == "attempts" else float
            try:
                value = convert(section[f.name])
            except (TypeError, ValueError):
                continue
            if value >= (1 if f.name == "attempts" else 0):
                values[f.name] = value
        return cls(**values)


@dataclass(frozen=True)
class AppConfig:
    """Where the data is and how it is read."""

    data_dir: Path
    gsheets: Mapping[str, Any] | None = None  # the [connections.gsheets] secrets block, when present
    seed_demo: bool = True
    retry: RetryPolicy = RetryPolicy()  # how the Google Sheets store retries and waits

    @property
    def uses_gsheets(self) -> bool:
        return bool(self.gsheets)


def load_config(env: Mapping[str, str], secrets: Mapping[str, Any]) -> AppConfig:
    """Return the configuration from environment variables and the secrets mapping.

    The environment wins over secrets for the data folder, so tests and scripts can point
    the app at a temporary folder.
    """
    local = secrets.get("local", {}) or {}
    data_dir = env.get(DATA_DIR_ENV) or local.get("data_dir") or DEFAULT_DATA_DIR
    connections = secrets.get("connections", {}) or {}
    gsheets = connections.get("gsheets") or None
    return AppConfig(
        data_dir=Path(str(data_dir)).expanduser(),
        gsheets=dict(gsheets) if gsheets else None,
        seed_demo=env.get(DEMO_ENV, "1") != "0",
        retry=RetryPolicy.from_settings(secrets.get(RETRY_SECTION, {}) or {}),
    )
