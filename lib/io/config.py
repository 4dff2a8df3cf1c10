"""App configuration, built from the environment and the secrets file when the app starts.

Nothing reads configuration at import time: `load_config` is handed both sources.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR_ENV = "JOBSEARCH_DATA_DIR"
DEMO_ENV = "JOBSEARCH_DEMO"  # "0" to start with an empty store instead of the demo
DEFAULT_DATA_DIR = "data"


@dataclass(frozen=True)
class AppConfig:
    """Where the data is and how it is read."""

    data_dir: Path
    gsheets: Mapping[str, Any] | None = None  # the [connections.gsheets] secrets block, when present
    seed_demo: bool = True

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
    )
