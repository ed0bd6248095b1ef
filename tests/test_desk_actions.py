"""Desk actions: take, apply, reject, notes; conflicts; two agents at once."""
import json

import pytest
from flask_mail import Message  # noqa: F401  (Flask-Mail is installed)

from extensions import mail
from models import (AccountChange, AccountRequest, Notification, RequestEvent,
                    TradeAccount, TradeUser, User, db)
from tests.desk_factories import (NEW_USER, outbox_texts, add_user_request, edit_request,
                                  first_account, first_user, make_request)


@pytest.fixture
def agent(demo, auth):
    auth.login("agent")
    return demo


def _req(ref):
    with db.connection_context():
        return AccountRequest.get(AccountRequest.reference == ref)


def _make(factory=make_request, **kwargs):
    with db.connection_context():
        return factory(**kwargs)


def _take(client, req, headers=None):
    return client.post(f"/desk/{req.reference}/take", headers=headers or {},
                       data={"expected_status": req.status,
                             "expected_handler": req.handled_by_id or ""})


def test_take_assigns_and_notifies(agent, client, htmx_headers):
    req = _make()
    response = _take(client, req, htmx_headers)
    assert response.status_code == 200
    assert b"<html" not in response.data
    assert b'id="request-panel"' in response.data
    taken = _req(req.reference)
    assert taken.status == "in_progress"
    with db.connection_context():
        assert taken.handled_by.username == "agent"
        assert Notification.select().where(
            Notification.request == taken.id).count() == 1


def test_take_without_js_redirects_with_flash(agent, client):
    req = _make()
    response = _take(client, req)
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert b"<html" in page.data


def test_apply_create_makes_account_user_and_audit(agent, client, htmx_headers):
    req = _make()
    _take(client, req)
    with mail.record_messages() as outbox:
        response = client.post(f"/desk/{req.reference}/apply",
                               headers=htmx_headers)
    assert response.status_code == 200, response.data
    done = _req(req.reference)
    assert done.status == "completed" and done.resolved_at
    with db.connection_context():
        account = TradeAccount.get(TradeAccount.name == "Korjaamo Testi Oy")
        user = TradeUser.get(TradeUser.account == account)
        assert user.email == NEW_USER["email"] and user.market_access
        assert done.account_id == account.id and done.trade_user_id == user.id
        assert AccountChange.select().where(
            AccountChange.request == done.id).count() == 2
        assert RequestEvent.select().where(
            (RequestEvent.request == done.id)
            & (RequestEvent.kind == "applied")).count() == 1
    assert len(outbox) == 1
    assert outbox[0].recipients == ["demo@example.com"]
    assert req.reference in outbox[0].subject


def test_apply_writes_outbox_file(agent, app, client):
    req = _make()
    _take(client, req)
    client.post(f"/desk/{req.reference}/apply")
    texts = outbox_texts(app)
    assert len(texts) == 2  # taken, applied
    assert all(req.reference in text for text in texts)
    assert any("Subject:" in text and "valmis" in text.lower()
               or "completed" in text for text in texts)
