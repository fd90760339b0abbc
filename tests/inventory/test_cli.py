"""`mercato import/export` against a migrated temporary SQLite database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from mercato import cli
from mercato.catalog.adapters.queries.detail import product_detail
from mercato.catalog.adapters.tables import Product
from mercato.platform.db import Database
from mercato.platform.migrate import upgrade
from mercato.platform.settings import get_settings
from tests.csv.helpers import product_row, to_csv
from tests.factories import base_taxonomy


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    upgrade(url)
    db = Database(url)
    with db.transaction() as tx:
        base_taxonomy(tx)
    monkeypatch.setenv("MERCATO_DATABASE_URL", url)
    get_settings.cache_clear()
    yield db
    get_settings.cache_clear()
    db.engine.dispose()


def _products(db: Database) -> int:
    with db.reading() as tx:
        return tx.execute(select(func.count()).select_from(Product)).scalar_one()


def test_import_products_then_export(cli_db, tmp_path):
    file = tmp_path / "products.csv"
    file.write_bytes(
        to_csv([product_row(), product_row(sku="SCARF-BLUE", options="color=蓝|Blue")])
    )
    result = CliRunner().invoke(cli.app, ["import", "products", str(file)])
    assert result.exit_code == 0, result.output
    assert "2 written, 0 bad rows" in result.output
    with cli_db.reading() as tx:
        view = product_detail(tx, "wool-scarf", "en")
        assert view is not None and [s.code for s in view.skus] == ["SCARF-RED", "SCARF-BLUE"]
    out = tmp_path / "export.csv"
    result = CliRunner().invoke(cli.app, ["export", "products", str(out)])
    assert result.exit_code == 0, result.output
    assert "SCARF-BLUE" in out.read_text(encoding="utf-8")
    stock = tmp_path / "stock.csv"
    stock.write_text("sku_code,warehouse_code,on_hand\nSCARF-RED,SH,9\n", encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["import", "stock", str(stock)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli.app, ["export", "stock"])
    assert "SCARF-RED,SH,9,0,9" in result.output


def test_bad_file_exits_1_and_writes_nothing(cli_db, tmp_path):
    file = tmp_path / "bad.csv"
    file.write_bytes(to_csv([product_row(), product_row("other", "O-1", price="free")]))
    result = CliRunner().invoke(cli.app, ["import", "products", str(file)])
    assert result.exit_code == 1
    assert "line 3: price" in result.output
    assert _products(cli_db) == 0
    result = CliRunner().invoke(cli.app, ["import", "products", str(file), "--skip-errors"])
    assert result.exit_code == 0, result.output
    assert _products(cli_db) == 1


def test_missing_file_exits_2(cli_db, tmp_path):
    result = CliRunner().invoke(cli.app, ["import", "products", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2
