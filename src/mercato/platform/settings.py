"""Settings from the environment (MERCATO_ prefix) or a .env file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEMO_SECRET = "demo-secret-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MERCATO_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./var/mercato.db"
    secret_key: str = DEMO_SECRET
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
    def _refuse_demo_secret(self) -> Settings:
        # The demo key is public: a real shop signing sessions with it could be impersonated.
        if not self.demo and self.secret_key == DEMO_SECRET:
            raise ValueError(
                "Set MERCATO_SECRET_KEY: the demo secret is refused when MERCATO_DEMO=false"
            )
        if not self.demo and len(self.secret_key) < 32:
            raise ValueError("MERCATO_SECRET_KEY must be at least 32 characters")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
