"""Order detail, status changes (legal, illegal, stale), CSV export."""
import csv
import io

import pytest

from models import Order, OrderEvent, OrderLine, db

CODE = "190114-204115761"


def order_state(code=CODE):
    with db.connection_context():
        order = Order.get(Order.code == code)
        events = [(e.from_status, e.to_status) for e in
                  OrderEvent.select().where(OrderEvent.order == order)]
        return order.status, order.total_cents, events


def test_detail_shows_header_lines_and_actions(demo, client, auth):
    auth.login()
    html = client.get(f"/orders/{CODE}?lang=en").get_data(as_text=True)
    assert "12361236" in html and "JG IMT 1" in html
    assert "Part number" in html and "Line total" in html
    assert "Start processing" in html and "Cancel order" in html
    assert "Mark complete" not in html


def test_seed_lines_add_up_to_the_total(demo):
    with db.connection_context():
        for order in Order.select().where(Order.status != "cancelled"):
            lines = OrderLine.select().where(OrderLine.order == order)
            assert sum(l.total_cents for l in lines) == order.total_cents


def test_detail_partial_and_page(demo, client, auth, htmx_headers):
    auth.login()
    assert "<html" in client.get(f"/orders/{CODE}").get_data(as_text=True)
    partial = client.get(f"/orders/{CODE}", headers=htmx_headers)
    body = partial.get_data(as_text=True)
    assert "<html" not in body and 'id="order-panel"' in body


def test_another_sites_order_is_404(demo, client, auth):
    auth.login("other")
    assert client.get(f"/orders/{CODE}").status_code == 404
    response = client.post(f"/orders/{CODE}/status",
                           data={"action": "start", "expected": "new"})
    assert response.status_code == 404
    assert order_state()[0] == "new"


def test_unknown_order_is_404(demo, client, auth):
    auth.login()
    assert client.get("/orders/000000-000000000").status_code == 404


def test_full_journey_new_to_complete(demo, client, auth):
    auth.login()
    response = client.post(f"/orders/{CODE}/status",
                           data={"action": "start", "expected": "new"})
    assert response.status_code == 302
    assert order_state()[0] == "in_progress"
    client.post(f"/orders/{CODE}/status",
                data={"action": "complete", "expected": "in_progress"})
    status, total, events = order_state()
    assert status == "complete" and total == 114323
    assert events == [("new", "in_progress"), ("in_progress", "complete")]
    html = client.get(f"/orders/{CODE}?lang=en").get_data(as_text=True)
    assert "Demo Dealer: New → In progress" in html


def test_cancel_zeroes_total_and_keeps_lines(demo, client, auth, htmx_headers):
    auth.login()
    response = client.post(f"/orders/{CODE}/status?lang=en",
                           data={"action": "cancel", "expected": "new"},
                           headers=htmx_headers)
    assert response.status_code == 200
    assert "The order was cancelled." in response.get_data(as_text=True)
    status, total, _events = order_state()
    assert (status, total) == ("cancelled", 0)
    with db.connection_context():
        assert OrderLine.select().join(Order).where(Order.code == CODE).count() > 0


def test_stale_transition_is_refused_and_changes_nothing(
        demo, client, auth, htmx_headers):
    auth.login()
    client.post(f"/orders/{CODE}/status",
                data={"action": "start", "expected": "new"})
    # A second tab still showing "New" tries to cancel from New.
    response = client.post(f"/orders/{CODE}/status?lang=en",
                           data={"action": "cancel", "expected": "new"},
                           headers=htmx_headers)
    assert response.status_code == 409
    assert "has changed since you opened it" in response.get_data(as_text=True)
    assert order_state()[:2] == ("in_progress", 114323)


@pytest.mark.parametrize("data", [
    {"action": "complete", "expected": "new"},
    {"action": "explode", "expected": "new"},
    {"action": "start", "expected": "bogus"},
    {},
])
def test_illegal_transitions_are_refused(demo, client, auth, htmx_headers, data):
    auth.login()
    response = client.post(f"/orders/{CODE}/status", data=data,
                           headers=htmx_headers)
    assert response.status_code in (409, 422)
    assert order_state() == ("new", 114323, [])


def test_post_without_csrf_token_is_400_translated(csrf_app, demo, auth):
    client = csrf_app.test_client()
    # Logging in needs the token too: take it from the login form.
    page = client.get("/login?lang=fi").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post("/login", data={"username": "demo", "password": "demo",
                                "csrf_token": token})
    response = client.post(f"/orders/{CODE}/status",
                           data={"action": "start", "expected": "new"})
    assert response.status_code == 400
    assert "Lomake on vanhentunut" in response.get_data(as_text=True)
    assert order_state()[0] == "new"


def test_csv_export_follows_the_filter_in_finnish(demo, client, auth):
    auth.login()
    response = client.get("/orders/export.csv?q=JG+IMT+1&status=cancelled&lang=fi")
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Tilauksen koodi"
    codes = [row[0] for row in rows[1:]]
    assert "190107-210114497" in codes
    assert all(row[5] == "Peruutettu" for row in rows[1:])
    assert rows[1][6] == "0,00"


def test_csv_export_in_english_uses_commas_and_points(demo, client, auth):
    auth.login()
    text = client.get("/orders/export.csv?q=12361236&lang=en").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1][:2] == [CODE, "20/90074 – Helsinki"]
    assert rows[1][6] == "1143.23"


def test_csv_neutralises_formulas():
    from blueprints.orders.export import safe_cell
    assert safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert safe_cell("+1") == "'+1" and safe_cell("JG IMT 1") == "JG IMT 1"
