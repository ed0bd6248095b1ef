"""The back link from an order or a request returns to the very list it was
opened from: its search, filters, sort and page, also after an action."""
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from models import db
from tests.desk_factories import make_request


@pytest.fixture
def small_pages(demo):
    demo.config["PAGE_SIZE"] = 2
    return demo


def links(page, pattern):
    """The hrefs in `page` matching `pattern` (a regex for the path), unescaped."""
    return [html.unescape(href) for href in
            re.findall(r'href="(%s)"' % pattern, page.get_data(as_text=True))]


def back_link(page):
    [href] = re.findall(r'<p class="back"><a href="([^"]+)"',
                        page.get_data(as_text=True))
    return html.unescape(href)


def args_of(url):
    return parse_qs(urlsplit(url).query)


def assert_round_trip(client, list_url, detail_pattern):
    """List → its first row's link → the detail's back link: the same list."""
    listed = client.get(list_url)
    assert listed.status_code == 200
    detail_url = links(listed, detail_pattern)[0]
    detail = client.get(detail_url)
    assert detail.status_code == 200
    back = back_link(detail)
    assert urlsplit(back).path == urlsplit(list_url).path
    assert args_of(back) == args_of(list_url)
    return detail_url, detail


def test_order_keeps_search_filter_sort_and_page(small_pages, client, auth):
    auth.login()
    list_url = "/orders?q=JG+IMT+1&status=new&sort=po&page=2"
    detail_url, _detail = assert_round_trip(client, list_url,
                                            r"/orders/\d{6}-[^\"]+")
    # Starting an order from its page (without JavaScript) keeps it too.
    code = urlsplit(detail_url).path.rsplit("/", 1)[1]
    done = client.post(f"/orders/{code}/status?{urlsplit(detail_url).query}",
                       data={"action": "start", "expected": "new"},
                       follow_redirects=True)
    assert args_of(back_link(done)) == args_of(list_url)


def test_my_request_keeps_search_filter_and_page(small_pages, client, auth):
    with db.connection_context():
        for _ in range(5):
            make_request()
    auth.login()
    assert_round_trip(client, "/requests?q=Korjaamo&status=submitted&page=2",
                      r"/requests/R-[^\"]+")


def test_trade_account_keeps_search_and_page(small_pages, client, auth):
    auth.login()
    assert_round_trip(client, "/accounts?q=kor&page=2", r"/accounts/\d+[^\"]*")


def test_desk_request_keeps_filters_and_page_after_an_action(
        small_pages, client, auth):
    with db.connection_context():
        for _ in range(5):
            make_request()
    auth.login("agent")
    list_url = "/desk?q=Korjaamo&status=submitted&kind=create_account_and_user&page=2"
    detail_url, detail = assert_round_trip(client, list_url,
                                           r"/desk/R-[^\"]+")
    # Take it without JavaScript: the form posts, the page comes back.
    [take] = links_in_forms(detail, "take")
    taken = client.post(take, data={"expected_status": "submitted",
                                    "expected_handler": ""},
                        follow_redirects=True)
    assert taken.status_code == 200
    assert args_of(back_link(taken)) == args_of(list_url)


def links_in_forms(page, action):
    return [html.unescape(url) for url in re.findall(
        r'<form method="post" action="([^"]+/%s\?[^"]*)"' % action,
        page.get_data(as_text=True))]


def test_without_a_list_state_the_back_link_is_the_plain_list(demo, client, auth):
    with db.connection_context():
        sent = make_request()
    auth.login()
    page = client.get(f"/requests/{sent.reference}?page=x&status=nonsense")
    assert back_link(page) == "/requests"
