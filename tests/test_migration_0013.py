"""Migration 0013 upgrades a database of the last release, keeping its rows,
and stands alone: it builds its own tables, never importing live models."""
import ast
import os

from peewee import SqliteDatabase
from playhouse.migrations import Runner

from models import AccountRequest, SiteNotice, SiteNoticeRead, search_grams
from models.schema import MIGRATIONS_DIR

NAME = "0013_dealer_replies_and_order_notices"


def _columns(database, table):
    return {column.name for column in database.get_columns(table)}


def test_upgrades_a_release_database_keeping_its_requests(tmp_path):
    database = SqliteDatabase(str(tmp_path / "old.db"),
                              pragmas={"foreign_keys": 1})
    search_grams.register(database)  # the order table's triggers use it
    runner = Runner(database, MIGRATIONS_DIR)
    names = [m.name for m in runner.migrations()]
    runner.up(target=names[names.index(NAME) - 1])
    database.execute_sql(
        "INSERT INTO dealer (code, name, location, country, time_zone) "
        "VALUES ('1/1', 'D', 'L', 'FI', 'Europe/Helsinki')")
    database.execute_sql(
        "INSERT INTO user (username, password_hash, display_name, email, role, "
        "active, session_version) VALUES ('u', 'x', 'U', '', 'dealer', 1, 1)")
    database.execute_sql(
        "INSERT INTO account_request (reference, dealer_id, submitted_by_id, "
        "kind, account_name, user_email, account_key, email_key, requested, "
        "snapshot, status, submitted_at, due_at, resolution_note, "
        "idempotency_key) VALUES ('R-2026-000001', 1, 1, 'add_user', 'A', '', "
        "'a', '', '{}', '{}', 'submitted', '2026-01-01', '2026-01-03', '', 'k')")
    runner.up()
    assert database.execute_sql(
        "SELECT reference, dealer_reply_at FROM account_request").fetchall() == [
        ("R-2026-000001", None)]
    # The migrated tables have the columns the models use.
    for model in (AccountRequest, SiteNotice, SiteNoticeRead):
        table = model._meta.table_name
        assert _columns(database, table) == {
            field.column_name for field in model._meta.sorted_fields}
    database.execute_sql(
        "INSERT INTO site_notice (dealer_id, kind, subject, summary, at) "
        "VALUES (1, 'new_order', '260101-120000000', 'A', '2026-01-01')")
    database.execute_sql(
        "INSERT INTO site_notice_read (user_id, notice_id) VALUES (1, 1)")
    indexes = {tuple(index.columns) for index in database.get_indexes("site_notice")}
    assert ("dealer_id", "id") in indexes


def test_stands_alone():
    with open(os.path.join(MIGRATIONS_DIR, NAME + ".py")) as handle:
        tree = ast.parse(handle.read())
    imported = [node.module for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom)]
    stars = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
             and any(alias.name == "*" for alias in node.names)]
    assert imported == ["peewee"] and stars == []
