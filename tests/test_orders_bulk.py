"""Moving ticked orders at once, and printing them as one pick list."""
import re

import pytest

from demo.catalogue import OTHER_DEALER
from models import Dealer, Order, OrderEvent

HELSINKI = "20/90074"


def _orders(site_code, status, n):
    return list(Order.select().join(Dealer)
                .where((Dealer.code == site_code) & (Order.status == status))
                .order_by(Order.id).limit(n))


def _theirs(n):
    """Orders of the site the demo user does not belong to."""
    return list(Order.select().join(Dealer)
                .where(Dealer.code == OTHER_DEALER[0]).limit(n))


def _status(code):
    return Order.get(Order.code == code).status


def _post(client, codes, action="start", lang="en", **extra):
    data = {"action": action, "code": codes, **extra}
    return client.post(f"/orders/bulk-status?lang={lang}", data=data,
                       follow_redirects=True)


def test_list_rows_have_labelled_checkboxes(demo, client, auth):
    auth.login()
    order = _orders(HELSINKI, "new", 1)[0]
    html = client.get(f"/orders?lang=en&q={order.code}").get_data(
        as_text=True)
    assert (f'name="code" value="{order.code}:new" id="pick-{order.code}"'
            in html)
    assert (f'<label for="pick-{order.code}" class="visually-hidden">'
            f'Select order {order.code}</label>') in html
    assert 'data-select-all' in html and "Select all orders on this page" in html
    assert 'action="/orders/bulk-status"' in html


def test_mixed_selection_moves_what_it_can_and_says_why_not(demo, client,
                                                            auth):
    movable = _orders(HELSINKI, "new", 4)
    complete = _orders(HELSINKI, "complete", 1)[0]
    stale = movable.pop()
    Order.update(status="in_progress").where(Order.id == stale.id).execute()
    theirs = _theirs(1)[0]
    codes = [f"{o.code}:new" for o in movable] + [
        f"{complete.code}:complete", f"{stale.code}:new",
        f"{theirs.code}:{theirs.status}", "nonsense"]
    auth.login()
    html = _post(client, codes).get_data(as_text=True)
    assert "3 orders moved to In progress." in html
    assert (f"{complete.code}: this action is not possible for an order "
            "that is Complete.") in html
    assert f"{stale.code}: its status changed meanwhile" in html
    assert f"{theirs.code}: no such order on your sites" in html
    assert "nonsense: no such order on your sites" in html
    for order in movable:
        assert _status(order.code) == "in_progress"
        assert OrderEvent.select().where(
            (OrderEvent.order == order.id)
            & (OrderEvent.to_status == "in_progress")).count() == 1
    assert _status(complete.code) == "complete"
    assert _status(stale.code) == "in_progress"
    assert _status(theirs.code) == theirs.status


def test_bulk_cancel_zeroes_totals(demo, client, auth):
    orders = _orders(HELSINKI, "new", 2)
    auth.login()
    html = _post(client, [f"{o.code}:new" for o in orders],
                 action="cancel").get_data(as_text=True)
    assert "2 orders moved to Cancelled." in html
    for order in orders:
        moved = Order.get_by_id(order.id)
        assert (moved.status, moved.total_cents) == ("cancelled", 0)


def test_bulk_message_in_finnish(demo, client, auth):
    order = _orders(HELSINKI, "new", 1)[0]
    auth.login()
    html = _post(client, [f"{order.code}:new"], lang="fi").get_data(
        as_text=True)
    assert "1 tilaus siirrettiin tilaan Meneillään." in html


def test_only_another_sites_orders_change_nothing(demo, client, auth):
    theirs = _theirs(2)
    auth.login()
    html = _post(client, [f"{o.code}:{o.status}" for o in theirs]
                 ).get_data(as_text=True)
    assert "No order was moved." in html
    assert all(_status(o.code) == o.status for o in theirs)


@pytest.mark.parametrize("data, message", [
    ({"action": "start"}, "Select at least one order first."),
    ({"action": "explode", "code": "x:new"}, "That action is not possible."),
    ({"action": "start", "code": [f"c{n}:new" for n in range(201)]},
     "Select at most 200 orders at a time; nothing was changed."),
])
def test_bad_bulk_requests_are_explained(demo, client, auth, data, message):
    auth.login()
    response = client.post("/orders/bulk-status?lang=en", data=data,
                           follow_redirects=True)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_over_the_limit_moves_nothing(demo, client, auth):
    orders = _orders(HELSINKI, "new", 1)
    codes = [f"{orders[0].code}:new"] + [f"c{n}:new" for n in range(200)]
    auth.login()
    _post(client, codes)
    assert _status(orders[0].code) == "new"


def test_bulk_returns_to_the_same_list(demo, client, auth):
    order = _orders(HELSINKI, "new", 1)[0]
    auth.login()
    response = client.post("/orders/bulk-status", data={
        "action": "start", "code": f"{order.code}:new", "q": "JG",
        "status": "new", "from": "2019-01-01", "sort": "code"})
    assert response.status_code == 302
    location = response.headers["Location"]
    for part in ("q=JG", "status=new", "from=2019-01-01", "sort=code"):
        assert part in location


def test_bulk_needs_the_csrf_token(demo, csrf_app, client):
    order = _orders(HELSINKI, "new", 1)[0]
    client.post("/login", data={"username": "demo", "password": "demo",
                                "csrf_token": _token(client, "/login")})
    assert client.get("/orders").status_code == 200
    refused = client.post("/orders/bulk-status", data={
        "action": "start", "code": f"{order.code}:new"})
    assert refused.status_code == 400
    assert _status(order.code) == "new"
    token = _token(client, f"/orders?q={order.code}")
    html = client.post("/orders/bulk-status?lang=en", data={
        "action": "start", "code": f"{order.code}:new", "csrf_token": token},
        follow_redirects=True).get_data(as_text=True)
    assert "1 order moved to In progress." in html
    assert _status(order.code) == "in_progress"


def _token(client, url):
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_print_button_opens_the_pick_list(demo, client, auth):
    orders = _orders(HELSINKI, "new", 2)
    auth.login()
    response = client.post("/orders/bulk-status", data={
        "print": "1", "code": [f"{o.code}:new" for o in orders]})
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/orders/pick-list?")
    assert all(f"code={o.code}" in location for o in orders)
    assert all(_status(o.code) == "new" for o in orders)


def test_pick_list_shows_each_orders_lines_and_qr(demo, client, auth):
    mine = _orders(HELSINKI, "new", 2)
    theirs = _theirs(1)[0]
    auth.login()
    query = "&".join(f"code={o.code}" for o in mine + [theirs])
    html = client.get(f"/orders/pick-list?lang=en&{query}").get_data(
        as_text=True)
    assert html.count('class="pick-order"') == 2
    assert html.count('<svg width=') == 2
    assert theirs.code not in html
    for order in mine:
        for line in order.lines:
            assert line.part_number in html
    assert "Print" in html and "data-print" in html
    assert "style=" not in html


def test_pick_list_of_nothing_of_yours_is_404(demo, client, auth):
    theirs = _theirs(1)[0]
    auth.login()
    assert client.get(f"/orders/pick-list?code={theirs.code}"
                      ).status_code == 404
    assert client.get("/orders/pick-list").status_code == 404


def test_detail_has_the_qr_code_for_printing(demo, client, auth):
    auth.login()
    html = client.get("/orders/190114-204115761?lang=fi").get_data(
        as_text=True)
    assert re.search(r'<figure class="order-qr print-only"><svg [^>]*>'
                     r"<title>Tilaus 190114-204115761</title>", html)
    assert "style=" not in html


def test_each_moved_order_gets_its_webhook_event(demo, client, auth):
    from models import WebhookEvent
    movable = _orders(HELSINKI, "new", 2)
    complete = _orders(HELSINKI, "complete", 1)[0]
    auth.login()
    _post(client, [f"{o.code}:new" for o in movable]
          + [f"{complete.code}:complete"])
    events = WebhookEvent.select().where(
        WebhookEvent.type == "order.status_changed")
    assert sorted(event.order_code for event in events) == sorted(
        o.code for o in movable)
