"""submit_request(): one request per idempotency key, even in a race."""
import datetime

from blueprints.trade_requests import submit as submit_module
from blueprints.trade_requests.submit import submit_request
from models import AccountRequest, Dealer, RequestEvent, User, db


def _send(key, now=None):
    dealer = Dealer.get(Dealer.code == "20/90074")
    user = User.get(User.username == "demo")
    return submit_request(dealer=dealer, user=user, kind="add_user",
                          requested={"user": {"email": "x@y.example"}},
                          snapshot={}, idempotency_key=key,
                          account_name="JG IMT 1", user_email="x@y.example",
                          now=now)


def test_a_lost_race_returns_the_winners_request(demo, monkeypatch):
    with db.connection_context():
        first, created = _send("race-key-000000000000")
        assert created
        # The loser looked before the winner committed: its insert fails on
        # the unique key, and it returns the winner's request.
        real = AccountRequest.get_or_none
        calls = []

        def late_look(*args):
            calls.append(1)
            return None if len(calls) == 1 else real(*args)
        monkeypatch.setattr(submit_module.AccountRequest, "get_or_none", late_look)
        again, created = _send("race-key-000000000000")
        assert not created and again.id == first.id
        assert AccountRequest.select().count() == 1
        assert RequestEvent.select().count() == 1


def test_references_restart_each_year(demo):
    with db.connection_context():
        a, _ = _send("year-key-a-0000000000", datetime.datetime(2026, 12, 31, 12))
        b, _ = _send("year-key-b-0000000000", datetime.datetime(2027, 1, 2, 12))
        assert (a.reference, b.reference) == ("R-2026-000001", "R-2027-000001")
        # Sent on Saturday 2.1.2027: counted from Monday 4.1, over Epiphany.
        assert b.due_at == datetime.datetime(2027, 1, 7, 21, 59, 59)
