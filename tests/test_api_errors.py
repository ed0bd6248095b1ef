"""Every error under /api/ is RFC 9457 problem details, and bad input
stores nothing."""
import json

import pytest

from integration.api_keys import revoke
from models import ApiKey, IdempotencyRecord, Order, WebhookEvent, db
from tests.api_support import ApiClient, account_id, key_for, order_body

LINE = {"part_number": "P1", "description": "Part", "quantity": 1,
        "unit_price": "1.00"}


@pytest.fixture
def api(demo, client):
    return ApiClient(client, key_for())


def _counts():
    with db.connection_context():
        return (Order.select().count(), WebhookEvent.select().count(),
                IdempotencyRecord.select().count())


def _is_problem(response, status):
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status
    assert body["type"].startswith("https://") and body["title"]
    assert body["detail"]
    return body


@pytest.mark.parametrize("change, pointer", [
    ({"account_id": "1"}, "/account_id"),
    ({"account_id": 1.0}, "/account_id"),
    ({"account_id": True}, "/account_id"),
    ({"account_id": 2**40}, "/account_id"),
    ({"po_number": ""}, "/po_number"),
    ({"po_number": "x" * 41}, "/po_number"),
    ({"po_number": "PO\u202e1"}, "/po_number"),
    ({"po_number": "PO\x001"}, "/po_number"),
    ({"po_number": "PO\n1"}, "/po_number"),
    ({"po_number": 123}, "/po_number"),
    ({"lines": []}, "/lines"),
    ({"lines": "P1"}, "/lines"),
    ({"lines": [LINE] * 101}, "/lines"),
    ({"lines": [dict(LINE, quantity=0)]}, "/lines/0/quantity"),
    ({"lines": [dict(LINE, quantity=-3)]}, "/lines/0/quantity"),
    ({"lines": [dict(LINE, quantity=10**9)]}, "/lines/0/quantity"),
    ({"lines": [dict(LINE, quantity=1.5)]}, "/lines/0/quantity"),
    ({"lines": [dict(LINE, quantity="2")]}, "/lines/0/quantity"),
    ({"lines": [dict(LINE, unit_price=12.5)]}, "/lines/0/unit_price"),
    ({"lines": [dict(LINE, unit_price="1.999")]}, "/lines/0/unit_price"),
    ({"lines": [dict(LINE, unit_price="-1.00")]}, "/lines/0/unit_price"),
    ({"lines": [dict(LINE, unit_price="1e3")]}, "/lines/0/unit_price"),
    ({"lines": [dict(LINE, unit_price="NaN")]}, "/lines/0/unit_price"),
    ({"lines": [dict(LINE, unit_price="10000000.00")]}, "/lines/0/unit_price"),
    ({"lines": [dict(LINE, quantity=9999, unit_price="999999.99")] * 2},
     "/lines"),
    ({"lines": [dict(LINE, description="d" * 201)]}, "/lines/0/description"),
    ({"lines": [dict(LINE, description="a\u2066b")]}, "/lines/0/description"),
    ({"lines": [dict(LINE, part_number=None)]}, "/lines/0/part_number"),
    ({"lines": [dict(LINE, colour="red")]}, "/lines/0/colour"),
    ({"lines": [{"part_number": "P1"}]}, "/lines/0/description"),
    ({"currency": "eur"}, "/currency"),
    ({"currency": "XYZ"}, "/currency"),
    ({"note": "n" * 2001}, "/note"),
    ({"note": "fine\nbut \u202eflipped"}, "/note"),
    ({"contact_email": "shop😀@example.com"}, "/contact_email"),
    ({"contact_email": "not an address"}, "/contact_email"),
    ({"unknown": 1}, "/unknown"),
])
def test_invalid_fields_get_422_with_a_pointer_and_store_nothing(api, change,
                                                                 pointer):
    body = order_body(account_id(), **change)
    before = _counts()
    problem = _is_problem(api.post("/api/v1/orders", body), 422)
    assert pointer in [error["pointer"] for error in problem["errors"]]
    assert _counts() == before


@pytest.mark.parametrize("missing", ["account_id", "po_number", "lines"])
def test_missing_fields_are_named(api, missing):
    body = order_body(account_id())
    del body[missing]
    problem = _is_problem(api.post("/api/v1/orders", body), 422)
    assert problem["errors"] == [{"pointer": f"/{missing}",
                                  "detail": "Field required"}]


def test_a_note_may_have_several_lines(api):
    body = order_body(account_id(), note="Deliver to door 3.\nCall first.",
                      contact_email="parts@example.com", currency="SEK")
    response = api.post("/api/v1/orders", body)
    assert response.status_code == 201
    assert response.get_json()["note"] == "Deliver to door 3.\nCall first."


@pytest.mark.parametrize("data, content_type, status", [
    ("not json", "application/json", 400),
    ('{"account_id": 1', "application/json", 400),
    ("[" * 100000 + "]" * 100000, "application/json", 400),
    ("[1, 2]", "application/json", 422),
    ('"text"', "application/json", 422),
    ("null", "application/json", 422),
    ("account_id=1", "application/x-www-form-urlencoded", 415),
    ('{"account_id": 1}', "text/plain", 415),
    (b"\xff\xfe{}", "application/json", 400),
])
def test_unreadable_bodies(api, data, content_type, status):
    before = _counts()
    _is_problem(api.post("/api/v1/orders", data, content_type=content_type),
                status)
    assert _counts() == before


def test_a_body_over_the_limit_is_413(api, demo):
    demo.config["API_MAX_BODY_BYTES"] = 1000
    body = order_body(account_id(), note="x" * 1500)
    _is_problem(api.post("/api/v1/orders", body), 413)
    assert _counts()[0] == 72


def test_an_account_of_another_site_is_refused(api):
    body = order_body(account_id("30/10021", name=_other_account()))
    problem = _is_problem(api.post("/api/v1/orders", body), 422)
    assert problem["errors"][0]["pointer"] == "/account_id"


def _other_account():
    from models import Dealer, TradeAccount
    with db.connection_context():
        return TradeAccount.get(TradeAccount.dealer == Dealer.get(
            Dealer.code == "30/10021")).name


def test_post_without_an_idempotency_key_is_refused(api):
    response = api.client.post(
        "/api/v1/orders", data=json.dumps(order_body(account_id())),
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.secret}"})
    problem = _is_problem(response, 400)
    assert problem["errors"][0]["parameter"] == "Idempotency-Key"
    _is_problem(api.post("/api/v1/orders", order_body(account_id()),
                         key="bad key with spaces"), 422)


@pytest.mark.parametrize("header", [
    None, "Bearer", "Bearer nonsense", "Basic dXNlcjpwYXNz",
    "Bearer om_" + "x" * 43])
def test_calls_without_a_valid_key_get_401(client, demo, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/orders", headers=headers)
    _is_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_key_is_refused_at_once(api):
    assert api.get("/api/v1/orders").status_code == 200
    with db.connection_context():
        revoke(ApiKey.get())
    _is_problem(api.get("/api/v1/orders"), 401)


def test_unknown_paths_and_methods(api):
    _is_problem(api.get("/api/v1/nothing"), 404)
    _is_problem(api.get("/api/v1/orders/999999-999999999"), 404)
    _is_problem(api.client.delete("/api/v1/orders", headers=api.headers()),
                405)


@pytest.mark.parametrize("query, parameter", [
    ("status=lost", "status"), ("limit=0", "limit"), ("limit=101", "limit"),
    ("limit=abc", "limit"), ("updated_since=yesterday", "updated_since"),
    ("cursor=%%%", "cursor"), ("cursor=WzFd", "cursor"),
])
def test_bad_list_parameters_are_named(api, query, parameter):
    problem = _is_problem(api.get(f"/api/v1/orders?{query}"), 422)
    assert problem["errors"][0]["parameter"] == parameter


def test_each_key_is_rate_limited_with_retry_after(api, demo):
    demo.config["API_RATE_LIMIT"] = "3 per minute"
    for _ in range(3):
        assert api.get("/api/v1/trade-accounts").status_code == 200
    response = api.get("/api/v1/trade-accounts")
    _is_problem(response, 429)
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    # Another key has a budget of its own.
    other = ApiClient(api.client, key_for())
    assert other.get("/api/v1/trade-accounts").status_code == 200


def test_web_pages_keep_their_html_errors(client, demo):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_a_crash_is_a_500_problem_without_a_stack_trace(api, demo, monkeypatch):
    import blueprints.api.auth as auth_module

    def broken(key):
        raise RuntimeError("secret internals")
    monkeypatch.setattr(auth_module, "note_use", broken)
    demo.config["PROPAGATE_EXCEPTIONS"] = False
    response = api.get("/api/v1/orders")
    problem = _is_problem(response, 500)
    assert "secret internals" not in response.get_data(as_text=True)
    assert "Traceback" not in problem["detail"]


def test_every_api_route_needs_a_key_and_hides_other_sites(api, demo):
    """Walks every API route: no key → 401; the other site's key → 404 for
    this site's objects; nothing changes either way."""
    from tests.security_routes import (api_rules, build_url, methods_of,
                                       own_site)
    from blueprints.api.auth import PUBLIC_ENDPOINTS
    other = ApiClient(api.client, key_for("30/10021"))
    checked = 0
    for rule in api_rules(demo):
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        url = build_url(demo, rule, own_site())
        for method in methods_of(rule):
            before = _counts()
            anonymous = api.client.open(url, method=method, json={})
            _is_problem(anonymous, 401)
            if rule.arguments:
                answer = other.client.open(url, method=method, json={},
                                           headers=other.headers())
                _is_problem(answer, 404)
            assert _counts() == before
            checked += 1
    assert checked == 5
