"""Derived data stays right whoever writes: an order inserted, changed or
deleted with plain SQL (as the sqlite3 shell or psql would) is found by
search and counted, with no function of the app's registered."""
import re
import sqlite3

import pytest

from models import db
from models.base import is_sqlite
from models.derived import rebuild_all


def _outside(app, statements):
    """Run `statements` on a connection of the sqlite3 module's own: no
    function of the app is registered on it."""
    path = app.config["DATABASE_URL"].removeprefix("sqlite:///")
    connection = sqlite3.connect(path)
    try:
        with connection:
            for sql, params in statements:
                connection.execute(sql, params)
    finally:
        connection.close()


def _site_and_account():
    row = db.execute_sql(
        "SELECT d.id, a.id FROM dealer d JOIN trade_account a "
        "ON a.dealer_id = d.id WHERE d.code = '20/90074' LIMIT 1").fetchone()
    return row


INSERT = ('INSERT INTO "order" (dealer_id, account_id, customer_name, code, '
          "po_number, created_at, updated_at, status, total_cents, currency) "
          "VALUES (?, ?, 'Ulkopuolinen Oy', '261204-101010101', "
          "'OUTSIDE-4711', '2026-12-04 10:10:10.101', "
          "'2026-12-04 10:10:10.101', 'new', 1000, 'EUR')")


@pytest.fixture
def sqlite_only(demo):
    with db.connection_context():
        if not is_sqlite():
            pytest.skip("the sqlite3 shell's case; psql runs the same triggers")
    return demo


def _list(client, q):
    return client.get(f"/orders?q={q}&lang=en").get_data(as_text=True)


def _codes_and_summary(page):
    # Only what the search found: the page also holds a CSRF token, which is
    # timed and so differs between two requests a second apart.
    codes = re.findall(r"\b\d{6}-\d{9}\b", page)
    summary = re.search(r'id="result-summary"[^>]*>([^<]*)<', page).group(1)
    return codes, summary


def test_an_order_inserted_outside_the_app_is_found_and_counted(
        sqlite_only, client, auth):
    with db.connection_context():
        site, account = _site_and_account()
    _outside(sqlite_only, [(INSERT, (site, account))])
    auth.login("demo")
    for q in ("OUTSIDE-47", "Ulkopuolinen", "261204-1010", "Ul", "OU"):
        assert "261204-101010101" in _list(client, q), q
    # The status counters saw it too.
    with db.connection_context():
        counted = db.execute_sql(
            "SELECT n FROM order_status_count WHERE dealer_id = ? AND "
            "status = 'new'", (site,)).fetchone()[0]
        actual = db.execute_sql(
            "SELECT COUNT(*) FROM \"order\" WHERE dealer_id = ? AND "
            "status = 'new'", (site,)).fetchone()[0]
    assert counted == actual


def test_outside_changes_and_deletes_keep_the_index_right(
        sqlite_only, client, auth):
    with db.connection_context():
        site, account = _site_and_account()
    _outside(sqlite_only, [
        (INSERT, (site, account)),
        ("UPDATE \"order\" SET po_number = 'RENAMED-0815', customer_name = "
         "'Toinen Nimi Oy' WHERE code = '261204-101010101'", ())])
    auth.login("demo")
    assert "261204-101010101" in _list(client, "RENAMED-08")
    assert "261204-101010101" in _list(client, "Toinen Nimi")
    assert "261204-101010101" not in _list(client, "OUTSIDE-47")
    assert "261204-101010101" not in _list(client, "Ulkopuolinen")
    _outside(sqlite_only, [
        ("DELETE FROM \"order\" WHERE code = '261204-101010101'", ())])
    assert "261204-101010101" not in _list(client, "RENAMED-08")


COUNTERS = ("SELECT dealer_id, status, n FROM order_status_count "
            "WHERE n > 0 ORDER BY 1, 2",
            "SELECT dealer_id, status, day, n FROM order_day_count "
            "WHERE n > 0 ORDER BY 1, 2, 3")


def test_rebuild_gives_what_the_triggers_keep(demo, runner, client, auth):
    with db.connection_context():
        before = [db.execute_sql(sql).fetchall() for sql in COUNTERS]
        rebuild_all()
        after = [db.execute_sql(sql).fetchall() for sql in COUNTERS]
    assert all(before) and before == after
    result = runner.invoke(args=["rebuild-derived"])
    assert result.exit_code == 0 and "rebuilt" in result.output
    auth.login("demo")
    assert "JG IMT 1" in _list(client, "JG+IMT")


def test_optimize_search_merges_the_index_and_keeps_what_it_finds(
        sqlite_only, runner, client, auth):
    with db.connection_context():
        site, account = _site_and_account()
    for n in range(3):
        # Each outside insert is a transaction of its own: a new segment.
        _outside(sqlite_only, [(INSERT.replace("101010101", f"10101010{n}")
                                .replace("OUTSIDE-4711", f"MERGED-{n}"),
                                (site, account))])
    auth.login("demo")
    found_before = _codes_and_summary(_list(client, "MERGED-"))

    def segments():
        with db.connection_context():
            return db.execute_sql("SELECT COUNT(DISTINCT segid) FROM "
                                  "order_code_search_idx").fetchone()[0]
    assert segments() > 1
    result = runner.invoke(args=["optimize-search"])
    assert result.exit_code == 0 and "merged" in result.output
    assert segments() == 1
    assert _codes_and_summary(_list(client, "MERGED-")) == found_before
    assert all(f"261204-10101010{n}" in found_before[0] for n in range(3))
