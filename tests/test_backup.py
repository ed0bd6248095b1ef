"""`flask --app app backup PATH`: an online copy that restores with every row."""
import shutil

import pytest

from app import create_app
from models import db
from tests.security_routes import fingerprint, log_in_as, stored_tables


def _tables():
    with db.connection_context():
        return {table: sorted(repr(tuple(row)) for row in db.execute_sql(
            f'SELECT * FROM "{table}"').fetchall())
            for table in stored_tables()}


@pytest.fixture
def sqlite_only(app):
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("PostgreSQL is backed up with pg_dump (see the command)")


def test_backup_restores_with_every_row(demo, runner, tmp_path, sqlite_only):
    before, digest = _tables(), fingerprint()
    backup = tmp_path / "backup.db"
    result = runner.invoke(args=["backup", str(backup)])
    assert result.exit_code == 0, result.output
    assert "integrity_check: ok" in result.output
    # Restore: the copy becomes the database of a fresh app.
    restored = tmp_path / "restored.db"
    shutil.copy(backup, restored)
    app = create_app({"TESTING": True, "SECRET_KEY": "restore-test-key-0123456789",
                      "DATABASE_URL": f"sqlite:///{restored}"})
    after = _tables()
    assert after.keys() == before.keys()
    for table, rows in before.items():
        assert after[table] == rows, f"{table} differs after restore"
    assert fingerprint() == digest
    client = app.test_client()
    log_in_as(client, "demo")
    assert client.get("/orders?q=190114-204115761").status_code == 200


def test_backup_refuses_an_existing_directory(demo, runner, tmp_path,
                                              sqlite_only):
    assert runner.invoke(args=["backup", str(tmp_path)]).exit_code != 0


def test_postgres_backup_points_to_pg_dump(app, runner, tmp_path):
    if app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("only on PostgreSQL")
    result = runner.invoke(args=["backup", str(tmp_path / "b.db")])
    assert result.exit_code != 0 and "pg_dump" in result.output
