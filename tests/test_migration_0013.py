"""Migration 0013 upgrades a database of the last release, keeping its rows,
and stands alone: it builds its own tables, never importing live models."""
import ast
import os

from models import AccountRequest, SiteNotice, SiteNoticeRead
from models.schema import MIGRATIONS_DIR
from tests.release_database import database_before

NAME = "0013_dealer_replies_and_order_notices"


def _columns(database, table):
    return {column.name for column in database.get_columns(table)}


def test_upgrades_a_release_database_keeping_its_requests(tmp_path):
    database, runner = database_before(tmp_path / "old.db", NAME,
                                       foreign_keys=1)
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
