import pytest
from pydantic import ValidationError

from mercato.platform.settings import DEMO_SECRET, Settings


def test_demo_secret_refused_outside_demo(monkeypatch):
    monkeypatch.setenv("MERCATO_DEMO", "false")
    monkeypatch.delenv("MERCATO_SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="MERCATO_SECRET_KEY"):
        Settings(_env_file=None)


def test_short_secret_refused_outside_demo():
    with pytest.raises(ValidationError):
        Settings(demo=False, secret_key="short", _env_file=None)


def test_env_prefix_is_read(monkeypatch):
    monkeypatch.setenv("MERCATO_DATABASE_URL", "postgresql://postgres@127.0.0.1/shop")
    monkeypatch.setenv("MERCATO_DEFAULT_LOCALE", "en")
    s = Settings(_env_file=None)
    assert s.database_url.endswith("/shop") and s.default_locale == "en"
    assert s.secret_key == DEMO_SECRET and s.demo


def test_unknown_locale_refused():
    with pytest.raises(ValidationError):
        Settings(default_locale="fr", _env_file=None)
