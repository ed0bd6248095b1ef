"""The header's "N new orders": light polling, 204 while nothing changed."""
from tests.api_support import ApiClient, account_id, key_for, order_body


def _post_orders(client, n, site="20/90074"):
    api = ApiClient(client, key_for(site))
    account = account_id(site) if site == "20/90074" else _first_account(site)
    for _ in range(n):
        assert api.post("/api/v1/orders", order_body(account)).status_code == 201


def _first_account(site):
    from models import Dealer, TradeAccount, db
    with db.connection_context():
        return TradeAccount.get(TradeAccount.dealer == Dealer.get(
            Dealer.code == site)).id


def test_poll_answers_204_until_an_order_arrives(client, demo, auth, htmx_headers):
    auth.login()
    page = client.get("/orders?lang=en").get_data(as_text=True)
    assert 'id="new-orders"' in page and "known=0" in page
    quiet = client.get("/orders/new-orders?known=0&list=1", headers=htmx_headers)
    assert quiet.status_code == 204
    _post_orders(client, 2)
    news = client.get("/orders/new-orders?known=0&list=1&lang=en",
                      headers=htmx_headers)
    text = news.get_data(as_text=True)
    assert news.status_code == 200 and "<html" not in text
    assert "2 new orders" in text and "2 new orders have arrived." in text
    assert 'hx-swap-oob="true"' in text and "known=2" in text
    assert client.get("/orders/new-orders?known=2",
                      headers=htmx_headers).status_code == 204


def test_other_pages_get_the_count_without_the_list_banner(client, demo, auth):
    auth.login()
    client.get("/orders")
    _post_orders(client, 1)
    page = client.get("/requests?lang=en").get_data(as_text=True)
    assert "1 new order" in page
    poll = client.get("/orders/new-orders?known=0").get_data(as_text=True)
    assert "new-orders-banner" not in poll


def test_opening_the_list_marks_them_seen(client, demo, auth):
    auth.login()
    client.get("/orders")
    _post_orders(client, 3)
    assert "3 new orders" in client.get("/requests?lang=en").get_data(as_text=True)
    client.get("/orders")
    assert client.get("/orders/new-orders?known=0").status_code == 204


def test_another_sites_orders_are_not_counted(client, demo, auth):
    auth.login("other")
    client.get("/orders")
    _post_orders(client, 2, site="20/90074")
    assert client.get("/orders/new-orders?known=0").status_code == 204


def test_a_logged_out_tab_stops_polling(client, demo):
    response = client.get("/orders/new-orders?known=0")
    assert response.status_code == 200
    assert "hx-trigger" not in response.get_data(as_text=True)
