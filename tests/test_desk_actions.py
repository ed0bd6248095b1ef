"""Desk actions: take, apply, reject, notes; conflicts; two agents at once."""
import json

import pytest

from extensions import mail
from models import (AccountChange, AccountRequest, Notification, RequestEvent,
                    TradeAccount, TradeUser, User, db)
from models.base import is_sqlite
from tests.desk_factories import (NEW_ACCOUNT, NEW_USER, add_user_request,
                                  edit_request, first_account, first_user,
                                  make_request, outbox_texts)


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
    # In the sender's language (demo has none saved: Finnish).
    assert "Pyyntösi" in texts[-1] and "on valmis: muutokset on tehty" in texts[-1]
    assert texts[-1].startswith("To: demo@example.com")


def _apply(client, req, headers=None):
    return client.post(f"/desk/{req.reference}/apply", headers=headers or {})


def test_reject_needs_a_reason(agent, client, htmx_headers):
    req = _make()
    _take(client, req)
    data = {"reject-expected_status": "in_progress", "reject-reason": "   "}
    response = client.post(f"/desk/{req.reference}/reject", data=data,
                           headers=htmx_headers)
    assert response.status_code == 422
    assert b"<html" not in response.data and b'aria-invalid="true"' in response.data
    page = client.post(f"/desk/{req.reference}/reject", data=data)
    assert page.status_code == 422 and b"<html" in page.data
    assert _req(req.reference).status == "in_progress"


def test_reject_with_reason_tells_the_dealer(agent, client):
    req = _make()
    _take(client, req)
    with mail.record_messages() as outbox:
        response = client.post(f"/desk/{req.reference}/reject", data={
            "reject-expected_status": "in_progress",
            "reject-reason": "Tili on jo olemassa toisella nimellä."})
    assert response.status_code == 303
    done = _req(req.reference)
    assert done.status == "rejected"
    assert done.resolution_note == "Tili on jo olemassa toisella nimellä."
    assert "Tili on jo olemassa" in outbox[0].body
    with db.connection_context():
        assert TradeAccount.select().where(
            TradeAccount.name == "Korjaamo Testi Oy").count() == 0


def test_mail_in_the_senders_language(agent, client):
    with db.connection_context():
        User.update(locale="en").where(User.username == "demo").execute()
    req = _make()
    with mail.record_messages() as outbox:
        _take(client, req)
    assert "customer service is processing it" in outbox[0].subject
    with db.connection_context():
        User.update(locale=None).where(User.username == "demo").execute()
    req = _make()
    with mail.record_messages() as outbox:
        _take(client, req)
    assert "asiakaspalvelu käsittelee" in outbox[0].subject


def test_internal_note_and_message(agent, client, htmx_headers):
    req = _make()
    with mail.record_messages() as outbox:
        client.post(f"/desk/{req.reference}/note",
                    data={"note-text": "Soitettu asiakkaalle"})
        response = client.post(f"/desk/{req.reference}/note", headers=htmx_headers,
                               data={"note-text": "Tarvitsemme osoitteen.",
                                     "note-to_dealer": "y"})
    assert response.status_code == 200
    assert len(outbox) == 1 and "Tarvitsemme osoitteen." in outbox[0].body
    with db.connection_context():
        kinds = {e.kind: e.internal for e in RequestEvent.select().where(
            RequestEvent.request == req.id)}
        assert kinds["note"] is True and kinds["message"] is False
        assert Notification.select().where(
            Notification.request == req.id).count() == 1
    empty = client.post(f"/desk/{req.reference}/note", headers=htmx_headers,
                        data={"note-text": ""})
    assert empty.status_code == 422


def test_apply_needs_take_first(agent, client, htmx_headers):
    req = _make()
    response = _apply(client, req, htmx_headers)
    assert response.status_code == 409
    assert _req(req.reference).status == "submitted"


def test_second_apply_is_refused(agent, client, htmx_headers):
    """Two tabs (or two agents) on the same page: only one apply happens."""
    req = _make()
    _take(client, req)
    assert _apply(client, req).status_code == 303
    second = client.post(f"/desk/{req.reference}/apply?lang=en",
                         headers=htmx_headers)
    assert second.status_code == 409
    assert b"Someone else acted on this request" in second.data
    with db.connection_context():
        assert TradeUser.select().where(
            TradeUser.email_key == NEW_USER["email"]).count() == 1
        assert RequestEvent.select().where(
            (RequestEvent.request == req.id)
            & (RequestEvent.kind == "applied")).count() == 1


def test_second_agent_cannot_take_or_apply(demo, client, auth, htmx_headers):
    with db.connection_context():
        other = User(username="agent2", display_name="Toinen Agentti",
                     role="agent", email="agent2@example.com")
        other.set_password("agent2")
        other.save()
    req = _make()
    auth.login("agent")
    _take(client, req)
    auth.logout()
    auth.login("agent2")
    stale = client.post(f"/desk/{req.reference}/take?lang=en",
                        headers=htmx_headers,
                        data={"expected_status": "submitted"})
    assert stale.status_code == 409
    assert b"Someone else acted on this request" in stale.data
    assert _apply(client, req, htmx_headers).status_code == 409
    # Taking it over names the current handler, so it works once; the
    # dealer is not told about a change of hands.
    agent_id = _req(req.reference).handled_by_id
    with mail.record_messages() as outbox:
        over = _take(client, _req(req.reference), htmx_headers)
    assert over.status_code == 200 and outbox == []
    assert _req(req.reference).handled_by_id != agent_id


def test_apply_refused_when_data_changed_since_sending(agent, client, htmx_headers):
    with db.connection_context():
        req = edit_request(account_changes={"name": "Aivan Uusi Nimi Oy"})
        account = first_account()
        TradeAccount.update(name="Joku Muu Nimi", name_key="joku muu nimi").where(
            TradeAccount.id == account.id).execute()
    _take(client, req)
    response = client.post(f"/desk/{req.reference}/apply?lang=en",
                           headers=htmx_headers)
    assert response.status_code == 409
    assert b"has changed since the request was sent" in response.data
    assert b"Changed since sending" in response.data
    assert _req(req.reference).status == "in_progress"
    with db.connection_context():
        assert TradeAccount.get_by_id(account.id).name == "Joku Muu Nimi"
        assert AccountChange.select().count() == 0


def test_apply_refused_when_name_exists(agent, client):
    with db.connection_context():
        existing = first_account()
        requested = {"account": {"name": existing.name.upper(), "address": "x",
                                 "country": "FI", "language": "fi", "notes": ""},
                     "user": dict(NEW_USER)}
        req = make_request(requested=requested)
    _take(client, req)
    assert _apply(client, req, {"HX-Request": "true",
                                "HX-Request-Type": "partial"}).status_code == 409
    assert _req(req.reference).status == "in_progress"


def test_apply_refused_when_email_used_by_active_user(agent, client):
    with db.connection_context():
        taken = first_user(first_account())
        user = dict(NEW_USER, email=taken.email.upper())
        req = add_user_request()
        AccountRequest.update(requested=json.dumps({"user": user})).where(
            AccountRequest.id == req.id).execute()
    _take(client, req)
    response = client.post(f"/desk/{req.reference}/apply?lang=en",
                           headers={"HX-Request": "true",
                                    "HX-Request-Type": "partial"})
    assert response.status_code == 409
    assert b"already has this email address" in response.data


def test_add_user_and_edit_and_remove_access(agent, client):
    req = _make(add_user_request)
    _take(client, req)
    _apply(client, req)
    assert _req(req.reference).status == "completed"
    with db.connection_context():
        account = first_account()
        user = first_user(account)
        edit = edit_request(account_changes={"address": "Uusi katu 5"},
                            user_changes={"market_access": False,
                                          "role": "owner"})
    _take(client, edit)
    assert _apply(client, edit).status_code == 303
    with db.connection_context():
        assert TradeAccount.get_by_id(account.id).address == "Uusi katu 5"
        changed = TradeUser.get_by_id(user.id)
        assert changed.market_access is False and changed.role == "owner"
        rows = [json.loads(c.changes) for c in AccountChange.select().where(
            AccountChange.request == edit.id)]
        assert {"address": [account.address, "Uusi katu 5"]} in rows
        assert any(r.get("market_access") == [True, False] for r in rows)


def test_csrf_is_required(demo, csrf_app, client, auth):
    req = _make()
    client.post("/login", data={"username": "agent", "password": "agent"})
    response = client.post(f"/desk/{req.reference}/take",
                           data={"expected_status": "submitted"})
    assert response.status_code == 400
    assert _req(req.reference).status == "submitted"


@pytest.mark.parametrize("data", [
    {}, {"expected_status": "bogus"},
    {"expected_status": "submitted", "expected_handler": "abc"},
    {"expected_status": "completed"}])
def test_bad_take_input_is_refused(agent, client, data):
    req = _make()
    # Malformed: 400. Well-formed but stale: a refusal (flash + redirect).
    response = client.post(f"/desk/{req.reference}/take", data=data)
    assert response.status_code in (400, 303)
    assert _req(req.reference).status == "submitted"


def test_overlong_note_and_reason_are_refused(agent, client, htmx_headers):
    req = _make()
    _take(client, req)
    long_text = "x" * 2001
    note = client.post(f"/desk/{req.reference}/note", headers=htmx_headers,
                       data={"note-text": long_text})
    reject = client.post(f"/desk/{req.reference}/reject", headers=htmx_headers,
                         data={"reject-expected_status": "in_progress",
                               "reject-reason": long_text})
    assert note.status_code == 422 and reject.status_code == 422
    assert _req(req.reference).status == "in_progress"


def test_detail_shows_the_accounts_history(agent, client):
    req = _make(add_user_request)
    _take(client, req)
    _apply(client, req)
    body = client.get(f"/desk/{req.reference}?lang=en").get_data(as_text=True)
    assert "Change history" in body and NEW_USER["email"] in body


def test_apply_refuses_values_the_database_cannot_store(agent, client, htmx_headers):
    """PostgreSQL enforces column lengths: such a request changes nothing."""
    requested = {"account": {"name": "Pitkä Oy", "address": "x",
                             "country": "FIN-TOO-LONG", "language": "fi",
                             "notes": ""},
                 "user": dict(NEW_USER)}
    req = _make(requested=requested)
    _take(client, req)
    response = _apply(client, req, htmx_headers)
    with db.connection_context():
        created = TradeAccount.select().where(TradeAccount.name == "Pitkä Oy").count()
    if is_sqlite():  # SQLite stores any length: the request completes
        assert response.status_code == 200 and created == 1
    else:
        assert response.status_code == 409
        assert created == 0 and _req(req.reference).status == "in_progress"


def test_two_applies_in_parallel_exactly_one_wins(demo):
    """Real threads, each with its own connection, apply the same request."""
    import threading

    from blueprints.desk import workflow
    from domain.request_refusals import ActionRefused
    with db.connection_context():
        agent_user = User.get(User.username == "agent")
        req = make_request()
        workflow.take(req, agent_user, "submitted", None)
    start, outcomes = threading.Barrier(2), []

    def apply_once():
        with db.connection_context():
            fresh = AccountRequest.get_by_id(req.id)
            start.wait()
            try:
                workflow.apply(fresh, agent_user)
                outcomes.append("applied")
            except ActionRefused as refusal:
                outcomes.append(refusal.reason)

    threads = [threading.Thread(target=apply_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["applied", "status"]
    with db.connection_context():
        assert TradeUser.select().where(
            TradeUser.email_key == NEW_USER["email"]).count() == 1


def test_detail_warns_before_apply(agent, client):
    with db.connection_context():
        taken = first_user(first_account())
        requested = {"account": dict(NEW_ACCOUNT, name=first_account().name),
                     "user": dict(NEW_USER, email=taken.email)}
        req = make_request(requested=requested)
    body = client.get(f"/desk/{req.reference}?lang=en").get_data(as_text=True)
    assert "Apply would be refused now:" in body
    assert "already has a trade account with this name" in body
    assert "already has this email address" in body
