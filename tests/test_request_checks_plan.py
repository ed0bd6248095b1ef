"""The request form's check for an open request of the same new account
name reads one index range, however many requests the dealer has sent."""
import pytest

from blueprints.settings.request_checks import waiting_request
from models import Dealer, db
from models.base import is_sqlite
from tests.sql_capture import captured_sql


@pytest.fixture
def sqlite_only(demo):
    if not is_sqlite():
        pytest.skip("SQLite's query plan (PostgreSQL plans by statistics)")
    return demo


def test_an_open_request_for_a_name_is_found_through_its_index(sqlite_only):
    with sqlite_only.app_context(), db.connection_context():
        dealer = Dealer.select().first()
        with captured_sql() as statements:
            waiting_request(dealer=dealer, name="Uusi Korjaamo Oy")
        (sql, params), = statements
        plan = [row[-1] for row in db.execute_sql(
            "EXPLAIN QUERY PLAN " + sql, params).fetchall()]
    assert plan == ["SEARCH t1 USING INDEX account_request_dealer_key "
                    "(dealer_id=? AND account_key=?)"], plan
