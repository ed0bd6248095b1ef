"""The integration API's orders: create, idempotency, read, list, cancel."""
import datetime
import json
import threading

import pytest

from domain.order_codes import instant_of
from models import (IdempotencyRecord, Order, OrderEvent, OrderLine,
                    TradeAccount, WebhookEvent, db)
from tests.api_support import ApiClient, account_id, key_for, order_body


@pytest.fixture
def api(demo, client):
    return ApiClient(client, key_for())


@pytest.fixture
def account(demo):
    return account_id()


def test_create_answers_201_with_the_order_and_its_location(api, account):
    before = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    response = api.post("/api/v1/orders", order_body(account))
    assert response.status_code == 201
    body = response.get_json()
    assert response.headers["Location"] == f"/api/v1/orders/{body['code']}"
    assert body["status"] == "new"
    assert body["total"] == "157.20"  # 2 × 45.90 + 62.00 + 4 × 0.85
    assert [line["line_total"] for line in body["lines"]] == [
        "91.80", "62.00", "3.40"]
    assert body["account"] == {"id": account, "name": "JG IMT 1"}
    assert body["events"] == [{"at": body["created_at"], "type": "received",
                               "from": None, "to": "new",
                               "by": "marketplace"}]
    # The code is the UTC instant of acceptance, and created_at says so.
    created = instant_of(body["code"])
    assert abs(created - before) < datetime.timedelta(seconds=5)
    assert body["created_at"] == created.isoformat(
        timespec="milliseconds") + "Z"
    with db.connection_context():
        order = Order.get(Order.code == body["code"])
        assert order.total_cents == 15720 and order.customer_name == "JG IMT 1"
        assert OrderLine.select().where(OrderLine.order == order).count() == 3
        event = OrderEvent.get(OrderEvent.order == order)
        assert (event.from_status, event.to_status, event.via) == (
            "", "new", "api")


def test_a_new_order_is_in_the_dealers_list_and_search_at_once(api, account, demo, auth):
    code = api.post("/api/v1/orders", order_body(
        account, po_number="ZX-4411")).get_json()["code"]
    auth.login()
    page = api.client.get("/orders?q=ZX-4411")
    assert code in page.get_data(as_text=True)
    detail = api.client.get(f"/orders/{code}").get_data(as_text=True)
    assert "Brake pads" in detail


def test_same_key_and_body_replays_the_first_answer(api, account):
    body = order_body(account)
    first = api.post("/api/v1/orders", body, key="order-1")
    second = api.post("/api/v1/orders", json.dumps(body, indent=2),
                      key="order-1")
    assert second.status_code == 201
    assert second.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert second.get_data() == first.get_data()
    assert second.headers["Location"] == first.headers["Location"]
    with db.connection_context():
        assert Order.select().where(Order.po_number == "PO-77").count() == 1


def test_same_key_with_another_body_is_refused(api, account):
    api.post("/api/v1/orders", order_body(account), key="order-2")
    response = api.post("/api/v1/orders", order_body(account, po_number="X"),
                        key="order-2")
    assert response.status_code == 422
    assert response.get_json()["type"].endswith("idempotency-key-reused")
    with db.connection_context():
        assert Order.select().where(Order.po_number == "X").count() == 0


def test_a_key_still_in_flight_gets_409(api, account):
    body = order_body(account)
    # Another worker has claimed the key and not finished yet.
    from integration.idempotency import claim, request_hash
    with db.connection_context():
        from models import ApiKey
        key = ApiKey.get()
        claim(key.id, "order-3", request_hash("POST", "/api/v1/orders", body))
    response = api.post("/api/v1/orders", body, key="order-3")
    assert response.status_code == 409
    assert response.headers["Retry-After"] == "1"
    assert response.mimetype == "application/problem+json"


def test_a_claim_left_by_a_dead_worker_is_taken_over(api, account):
    body = order_body(account)
    from integration.idempotency import claim, request_hash
    with db.connection_context():
        from models import ApiKey
        claim(ApiKey.get().id, "order-4",
              request_hash("POST", "/api/v1/orders", body))
        IdempotencyRecord.update(locked_at=datetime.datetime(2026, 1, 1)) \
            .execute()
    assert api.post("/api/v1/orders", body, key="order-4").status_code == 201


def test_two_workers_racing_one_key_make_one_order(demo, account):
    """Two threads (two connections) post the same key at the same moment."""
    secret = key_for()
    body = order_body(account, po_number="RACE-1")
    barrier = threading.Barrier(2)
    answers = []

    def post():
        client = ApiClient(demo.test_client(), secret)
        barrier.wait()
        answers.append(client.post("/api/v1/orders", body, key="race"))

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses in ([201, 201], [201, 409])
    created = [a for a in answers if a.status_code == 201]
    assert len({a.get_data() for a in created}) == 1
    with db.connection_context():
        assert Order.select().where(Order.po_number == "RACE-1").count() == 1


def test_a_failed_request_frees_its_key(api, account):
    with db.connection_context():
        TradeAccount.update(active=False).where(
            TradeAccount.id == account).execute()
    refused = api.post("/api/v1/orders", order_body(account), key="order-5")
    assert refused.status_code == 422
    assert refused.get_json()["errors"][0]["pointer"] == "/account_id"
    with db.connection_context():
        assert IdempotencyRecord.select().count() == 0
        TradeAccount.update(active=True).where(
            TradeAccount.id == account).execute()
    assert api.post("/api/v1/orders", order_body(account),
                    key="order-5").status_code == 201


def test_codes_stay_unique_within_one_millisecond(api, account, monkeypatch):
    from integration import intake
    instant = datetime.datetime(2026, 12, 4, 8, 15, 30, 123000)
    monkeypatch.setattr(intake, "utcnow", lambda: instant)
    codes = [api.post("/api/v1/orders", order_body(account)).get_json()["code"]
             for _ in range(3)]
    assert codes == ["261204-081530123", "261204-081530124",
                     "261204-081530125"]


def test_reading_an_order_of_another_site_is_404(api, demo, account):
    code = api.post("/api/v1/orders", order_body(account)).get_json()["code"]
    assert api.get(f"/api/v1/orders/{code}").get_json()["code"] == code
    other = ApiClient(demo.test_client(), key_for("30/10021"))
    response = other.get(f"/api/v1/orders/{code}")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    # Nor can it order for another site's account.
    refused = other.post("/api/v1/orders", order_body(account))
    assert refused.status_code == 422


def test_cancel_while_new_then_409(api, account):
    code = api.post("/api/v1/orders", order_body(account)).get_json()["code"]
    response = api.post(f"/api/v1/orders/{code}/cancel", "")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "cancelled" and body["total"] == "0.00"
    assert body["lines_total"] == "157.20"
    assert body["events"][-1] == {"at": body["events"][-1]["at"],
                                  "type": "status_changed", "from": "new",
                                  "to": "cancelled", "by": "marketplace"}
    again = api.post(f"/api/v1/orders/{code}/cancel", {})
    assert again.status_code == 409
    assert again.get_json()["type"].endswith("not-cancellable")


def test_cancel_is_refused_once_the_dealer_started(api, account, demo):
    code = api.post("/api/v1/orders", order_body(account)).get_json()["code"]
    from blueprints.orders.status import change_status
    with db.connection_context():
        change_status(Order.get(Order.code == code), "start", "new", None)
    response = api.post(f"/api/v1/orders/{code}/cancel", "")
    assert response.status_code == 409
    with db.connection_context():
        assert Order.get(Order.code == code).status == "in_progress"


def test_list_pages_with_a_cursor_and_filters(api, account):
    codes = [api.post("/api/v1/orders", order_body(account)).get_json()["code"]
             for _ in range(5)]
    since = api.get(f"/api/v1/orders/{codes[0]}").get_json()["updated_at"]
    seen, cursor = [], None
    while True:
        url = f"/api/v1/orders?limit=2&updated_since={since}"
        if cursor:
            url += f"&cursor={cursor}"
        page = api.get(url).get_json()
        seen += [order["code"] for order in page["data"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == codes
    api.post(f"/api/v1/orders/{codes[1]}/cancel", "")
    cancelled = api.get("/api/v1/orders?status=cancelled&limit=100").get_json()
    assert codes[1] in [order["code"] for order in cancelled["data"]]
    assert all(o["status"] == "cancelled" for o in cancelled["data"])


def test_a_changed_order_comes_again_later_in_the_feed(api, account):
    codes = [api.post("/api/v1/orders", order_body(account)).get_json()["code"]
             for _ in range(3)]
    since = api.get(f"/api/v1/orders/{codes[0]}").get_json()["updated_at"]
    first = api.get(f"/api/v1/orders?limit=2&updated_since={since}").get_json()
    api.post(f"/api/v1/orders/{codes[0]}/cancel", "")
    rest = api.get(f"/api/v1/orders?limit=10&updated_since={since}"
                   f"&cursor={first['next_cursor']}").get_json()
    assert [o["code"] for o in first["data"]] == codes[:2]
    assert [o["code"] for o in rest["data"]] == [codes[2], codes[0]]


def test_trade_accounts_lists_the_sites_accounts_only(api, demo):
    data = api.get("/api/v1/trade-accounts?limit=100").get_json()["data"]
    names = {account["name"] for account in data}
    assert "JG IMT 1" in names
    with db.connection_context():
        others = {a.name for a in TradeAccount.select().where(
            TradeAccount.id.not_in([a["id"] for a in data]))}
    assert others and not (names & others)


def test_every_change_writes_its_event_in_the_same_transaction(api, account):
    code = api.post("/api/v1/orders", order_body(account)).get_json()["code"]
    api.post(f"/api/v1/orders/{code}/cancel", "")
    with db.connection_context():
        events = [(e.type, json.loads(e.payload)["data"].get("to"))
                  for e in WebhookEvent.select().where(
                      WebhookEvent.order_code == code)
                  .order_by(WebhookEvent.id)]
    assert events == [("order.created", None),
                      ("order.status_changed", "cancelled")]


def test_keys_are_kept_at_least_a_day_then_pruned(api, account):
    from integration.idempotency import prune
    api.post("/api/v1/orders", order_body(account), key="kept")
    with db.connection_context():
        record = IdempotencyRecord.get()
        assert prune(record.created_at + datetime.timedelta(hours=24)) == 0
        assert prune(record.created_at + datetime.timedelta(hours=49)) == 1
