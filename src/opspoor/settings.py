"""Where opspoor keeps its data and which knobs it reads from the environment.

>>> s = Settings.from_env({"OPSPOOR_HOME": "/tmp/x"})
>>> s.database_url
'sqlite:////tmp/x/opspoor.db'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_HOME = Path("~/.opspoor")
# The largest list file we accept. Official full lists are 2-100 MB (OFAC's advanced XML is the largest);
# anything bigger is almost certainly the wrong file and would exhaust memory on a small machine.
DEFAULT_MAX_LIST_BYTES = 150 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Everything configurable, read once from the environment (and `--home`)."""

    home: Path
    db: str | None = None
    max_list_bytes: int = DEFAULT_MAX_LIST_BYTES
    match_threshold: float | None = None  # None: the matcher's documented default
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, home: str | Path | None = None
    ) -> Settings:
        env = os.environ if env is None else env
        home_path = Path(home or env.get("OPSPOOR_HOME") or DEFAULT_HOME).expanduser()
        threshold = env.get("OPSPOOR_THRESHOLD")
        return cls(
            home=home_path,
            db=env.get("OPSPOOR_DB") or None,
            max_list_bytes=int(env.get("OPSPOOR_MAX_LIST_BYTES", DEFAULT_MAX_LIST_BYTES)),
            match_threshold=float(threshold) if threshold else None,
        )

    @property
    def database_url(self) -> str:
        """The SQLAlchemy URL: OPSPOOR_DB if set, else a SQLite file in the home folder."""
        if self.db:
            url = self.db
            # Plain postgresql:// means the psycopg 3 driver we ship, not psycopg2.
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url[len("postgresql://") :]
            elif url.startswith("postgres://"):
                url = "postgresql+psycopg://" + url[len("postgres://") :]
            return url
        return f"sqlite:///{self.home / 'opspoor.db'}"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    def with_home(self, home: str | Path) -> Settings:
        return replace(self, home=Path(home).expanduser())
