"""`mercato migrate`, `create-staff` and configuration errors, through the real CLI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from mercato import cli
from mercato.access.adapters.tables import Staff
from mercato.platform.db import Database
from mercato.platform.settings import get_settings


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("MERCATO_DATABASE_URL", url)
    monkeypatch.setenv("MERCATO_MEDIA_DIR", str(tmp_path / "media"))
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def test_migrate_then_create_staff(env: str) -> None:
    run = CliRunner().invoke
    assert run(cli.app, ["migrate"]).exit_code == 0
    args = ["create-staff", "--email", "Ops@Shop.cn", "--password", "long-enough-1"]
    ok = run(cli.app, args)
    assert ok.exit_code == 0, ok.output
    again = run(cli.app, args)
    assert again.exit_code == 1 and "access.email_taken" in again.output
    weak = run(cli.app, ["create-staff", "--email", "b@shop.cn", "--password", "short"])
    assert weak.exit_code == 1 and "password" in weak.output
    db = Database(env)
    with db.reading() as s:
        assert s.execute(select(Staff.email)).scalars().all() == ["ops@shop.cn"]
    db.engine.dispose()


def test_refuses_to_start_without_a_secret_outside_demo(
    env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MERCATO_DEMO", "false")
    monkeypatch.delenv("MERCATO_SECRET_KEY", raising=False)
    result = CliRunner().invoke(cli.app, ["migrate"])
    assert result.exit_code == 2 and "MERCATO_SECRET_KEY" in result.output
