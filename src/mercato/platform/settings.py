"""Settings from the environment (MERCATO_ prefix) or a .env file."""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MERCATO_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./var/mercato.db"
    # Empty means: in demo mode, a random key kept in <media_dir>/../secret.key; otherwise refused.
    secret_key: str = ""
    demo: bool = True
    media_dir: Path = Path("./var/media")
    default_locale: str = "zh_CN"
    currency: str = "CNY"
    login_attempts_per_15min: int = 10
    debug_sql: bool = False

    @field_validator("default_locale")
    @classmethod
    def _known_locale(cls, v: str) -> str:
        if v not in ("zh_CN", "en"):
            raise ValueError("default_locale must be zh_CN or en")
        return v

    @model_validator(mode="after")
    def _secret(self) -> Settings:
        # No shared default key: anyone knowing it could forge admin sessions.
        if not self.secret_key:
            if not self.demo:
                raise ValueError("Set MERCATO_SECRET_KEY (32+ characters) when MERCATO_DEMO=false")
            self.secret_key = _local_secret(Path(self.media_dir).parent / "secret.key")
        if len(self.secret_key) < 32:
            raise ValueError("MERCATO_SECRET_KEY must be at least 32 characters")
        return self


def _local_secret(path: Path) -> str:
    """A random key made once per installation and kept beside the data (mode 0600)."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key)
    return key


@lru_cache
def get_settings() -> Settings:
    return Settings()
