"""The order list: columns, search, filters, sort, paging, partial vs page."""
import pytest

from demo.catalogue import SEED_ORDERS

SEED_CODES = [code for code, *_ in SEED_ORDERS]


def test_list_needs_login(demo, client):
    response = client.get("/orders")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_list_shows_seed_columns_in_english(demo, client, auth):
    auth.login()
    html = client.get("/orders?lang=en&q=JG+IMT+1&sort=date").get_data(as_text=True)
    for header in ("Order code", "Dealer code and location",
                   "Purchase order number", "Customer", "Date", "Status",
                   "Total"):
        assert f">{header}<" in html
    assert "190114-204115761" in html
    assert "20/90074 – Helsinki" in html


def test_list_in_finnish_formats_money_and_dates(demo, client, auth):
    auth.login()
    html = client.get("/orders?lang=fi&q=12361236").get_data(as_text=True)
    assert "Valitse tilaus" in html
    assert "1\xa0143,23\xa0€" in html
    # 20:41 UTC is 22:41 in Helsinki in January.
    assert "14.1.2019 klo 22.41" in html
    assert ">Uusi<" in html


@pytest.mark.parametrize("code, po_number, status, total", SEED_ORDERS)
def test_every_seed_order_is_found_by_code_part_and_po(
        demo, client, auth, code, po_number, status, total):
    auth.login()
    for query in (code[-6:], po_number[2:]):
        html = client.get(f"/orders?q={query}&lang=en").get_data(as_text=True)
        assert code in html


def test_cancelled_seed_order_total_is_zero(demo, client, auth):
    auth.login()
    html = client.get("/orders?q=62346234&lang=fi").get_data(as_text=True)
    assert "0,00\xa0€" in html
    assert "Peruutettu" in html


def test_search_is_case_insensitive_on_customer(demo, client, auth):
    auth.login()
    html = client.get("/orders?q=jg+imt&lang=en").get_data(as_text=True)
    assert "JG IMT 1" in html


def test_status_filter_and_counts(demo, client, auth):
    auth.login()
    html = client.get("/orders?q=JG+IMT+1&status=cancelled&lang=en").get_data(as_text=True)
    assert "190107-210114497" in html
    assert "190114-204115761" not in html
    assert 'value="cancelled" checked' in html


def test_partial_has_no_layout_and_page_has(demo, client, auth, htmx_headers):
    auth.login()
    page = client.get("/orders?q=1236")
    partial = client.get("/orders?q=1236", headers=htmx_headers)
    assert "<html" in page.get_data(as_text=True)
    body = partial.get_data(as_text=True)
    assert "<html" not in body and "12361236" in body
    assert "HX-Request" in partial.headers["Vary"]
    # Counts and the export link follow the search out of band.
    assert 'id="count-all" hx-swap-oob="true"' in body
    assert 'id="export-link"' in body


def test_history_restore_and_boosted_requests_get_the_full_page(
        demo, client, auth):
    auth.login()
    restore = client.get("/orders", headers={
        "HX-Request": "true", "HX-History-Restore-Request": "true",
        "HX-Request-Type": "full"})
    assert "<html" in restore.get_data(as_text=True)


def test_empty_state(demo, client, auth):
    auth.login()
    html = client.get("/orders?q=no-such-order&lang=en").get_data(as_text=True)
    assert "No orders match your search" in html


@pytest.mark.parametrize("query", [
    "status=bogus", "sort=nonsense", "sort=--date", "page=-4", "page=abc",
    "page=99999999999", "site=999", "site=abc", "q=" + "x" * 5000,
    "q=%00%01", "q='%20OR%201=1--",
])
def test_bad_parameters_are_normalised(demo, client, auth, query):
    auth.login()
    response = client.get(f"/orders?{query}&lang=en")
    assert response.status_code == 200


def test_sort_and_paging(demo, client, auth):
    auth.login()
    first = client.get("/orders?sort=code&lang=en").get_data(as_text=True)
    assert 'rel="next"' in first
    second = client.get("/orders?sort=code&page=2&lang=en").get_data(as_text=True)
    assert 'rel="prev"' in second
    # Ascending by code: the smallest code of all is on page 1.
    assert first.index("<tbody>") < first.index("190107-02544749")


def test_other_user_sees_only_their_site(demo, client, auth):
    auth.login("other")
    html = client.get("/orders?q=JG+IMT&lang=en").get_data(as_text=True)
    assert "190114-204115761" not in html
    assert "30/10021" in client.get("/orders?lang=en").get_data(as_text=True)


def test_site_filter_for_a_multi_site_user(demo, client, auth):
    from models import Dealer, db
    auth.login()
    with db.connection_context():
        tampere = Dealer.get(Dealer.code == "20/90075")
    html = client.get(f"/orders?site={tampere.id}&lang=en").get_data(as_text=True)
    assert "20/90075" in html and "20/90074 – Helsinki</td>" not in html


def test_agents_do_not_see_orders(demo, client, auth):
    auth.login("agent")
    assert client.get("/orders").status_code == 404
    assert client.get("/orders/190114-204115761").status_code == 404


def test_stored_text_is_escaped_in_every_cell(demo, client, auth):
    """Each stored value arrives escaped, and the link opens the order."""
    from models import Order
    template = Order.get(Order.code == SEED_CODES[0])
    Order.create(dealer=template.dealer, account=template.account,
                 customer_name='<b>Kallio & "Co"</b>', code="990101-000000001",
                 po_number="<i>PO'7</i>", created_at=template.created_at,
                 total_cents=150)
    auth.login()
    html = client.get("/orders?lang=en&q=990101-000000001").get_data(
        as_text=True)
    assert "&lt;b&gt;Kallio &amp; &#34;Co&#34;&lt;/b&gt;" in html
    assert "&lt;i&gt;PO&#39;7&lt;/i&gt;" in html
    assert "<b>" not in html and "<i>PO" not in html
    # The link carries the list's state, for the order's back link.
    assert 'href="/orders/990101-000000001?q=990101-000000001"' in html
    assert "€1.50" in html


@pytest.mark.parametrize("locale, expected", [
    ("fi", "261\xa0524 tilausta löytyi"), ("sv", "261\xa0524 order hittades"),
    ("en", "261,524 orders found")])
def test_large_counts_are_written_as_the_locale_writes_numbers(
        app, locale, expected):
    from flask import render_template_string
    from flask_babel import force_locale
    from blueprints.orders.listing import ListState
    counts = {"new": 1000, "in_progress": 524, "complete": 250000,
              "cancelled": 10000}
    with app.test_request_context(), force_locale(locale):
        html = render_template_string(
            '{% from "orders/_bits.html" import result_summary %}'
            '{% from "macros.html" import count_badge %}'
            "{{ result_summary(state, counts) }}{{ count_badge('', counts) }}",
            state=ListState(), counts=counts)
    assert expected in html
    total = expected.split(" ")[0]
    assert f'id="count-all">{total}</span>' in html
