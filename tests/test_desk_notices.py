"""Back to the dealer: header notices, reading them, the account history."""
from flask import render_template

from blueprints.desk import workflow
from blueprints.accounts.history import account_history
from models import AccountRequest, Notification, TradeAccount, User, db
from models.notices import mark_read, unread_count
from tests.desk_factories import edit_request, first_account, make_request


def _agent():
    return User.get(User.username == "agent")


def test_header_counts_unread_notices(demo, auth, client):
    with db.connection_context():
        req = make_request()
        workflow.take(req, _agent(), "submitted", None)
    auth.login("demo")
    body = client.get("/orders?lang=en").get_data(as_text=True)
    assert 'id="header-notices"' in body and "1 new notice" in body
    with db.connection_context():
        demo_user = User.get(User.username == "demo")
        assert unread_count(demo_user.id) == 1
        assert mark_read(demo_user.id, Notification.request == req.id) == 1
        assert unread_count(demo_user.id) == 0
    body = client.get("/orders?lang=en").get_data(as_text=True)
    assert "1 new notice" not in body


def test_opening_the_request_reads_its_notices(demo, auth, client):
    if "requests.request_detail" not in demo.view_functions:
        return  # the dealer's request pages are not part of this build
    with db.connection_context():
        req = make_request()
        workflow.take(req, _agent(), "submitted", None)
    auth.login("demo")
    assert client.get(f"/requests/{req.reference}").status_code == 200
    with db.connection_context():
        assert Notification.select().where(
            Notification.read == False).count() == 0  # noqa: E712


def test_other_dealers_notices_stay_unread(demo, auth, client):
    """Opening someone else's request URL reads nothing."""
    with db.connection_context():
        req = make_request()
        workflow.take(req, _agent(), "submitted", None)
    auth.login("other")
    client.get(f"/requests/{req.reference}")
    with db.connection_context():
        assert Notification.get().read is False


def test_agents_have_their_own_notice_count(demo, auth, client):
    """Agents hear of dealers' replies (tests/test_reply_notices.py); the
    dealer's notices about the same request are not theirs."""
    with db.connection_context():
        req = make_request()
        workflow.take(req, _agent(), "submitted", None)
    auth.login("agent")
    page = client.get("/desk?lang=en").get_data(as_text=True)
    assert 'id="header-notices"' in page and "No new notices" in page


def test_account_history_lists_applied_changes(demo):
    with db.connection_context():
        req = edit_request(account_changes={"name": "Historia Oy",
                                            "country": "SE"})
        agent = _agent()
        workflow.take(req, agent, "submitted", None)
        workflow.apply(AccountRequest.get_by_id(req.id), agent)
        account = TradeAccount.get_by_id(first_account().id)
    with demo.test_request_context("/?lang=en"):
        db.connect(reuse_if_open=True)
        entries = account_history(account)
        assert len(entries) == 1 and entries[0].reference == req.reference
        html = render_template("accounts/_history.html", history=entries)
    assert "Historia Oy" in html and "Sweden" in html
    assert "Asiakaspalvelu Agent" in html and req.reference in html
