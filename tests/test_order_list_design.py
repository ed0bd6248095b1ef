"""The order list's one design gives, for every search, sort, direction and
status filter, exactly the page a plain reading of the rules gives: each
matching order once, in sort order, ties by id; walks and gathers alike."""
import collections
import datetime
import random

import pytest

from blueprints.orders import order_list
from blueprints.orders.listing import ListState
from blueprints.orders.text_match import word_start_matcher
from models import Dealer, Order, db
from models.orders import OrderCustomerCount, OrderDayCount

SORTS = ["code", "site", "po", "customer", "date", "status", "total"]
SEARCHES = ["", "JG", "j", "1", "19", "Oy", "korjaamo", "Kallion", "190114",
            "PO-", "zzqx", "ä"]


@pytest.fixture
def orders(app):
    from demo.seed import seed_demo
    with db.connection_context():
        seed_demo(order_count=400, rng=random.Random(3))
    return app


def _reference(sites, state):
    """The page's ids computed from every order, in Python."""
    rank = {site: n for n, site in enumerate(sites)}
    q = state.q

    def matches(order):
        if not q:
            return True
        if len(q) < order_list.INDEXED_LENGTH:
            return (any(order.code.startswith(v) or order.po_number.startswith(v)
                        for v in {q, q.lower(), q.upper(), q.capitalize()})
                    or word_start_matcher(q)(order.customer_name))
        needle = q.lower()
        return (needle in order.code.lower() or needle in order.po_number.lower()
                or needle in order.customer_name.lower())

    def key(order):
        value = {"site": rank[order.dealer_id], "code": order.code,
                 "po": order.po_number, "customer": order.customer_name,
                 "date": order.created_at, "status": order.status,
                 "total": order.total_cents}[state.sort_key]
        return (value, order.id)

    def in_range(order):
        return ((not state.since or order.created_at >= state.since)
                and (not state.until or order.created_at < state.until))

    found = [o for o in Order.select().where(Order.dealer.in_(sites))
             if matches(o) and in_range(o)
             and (not state.status or o.status == state.status)]
    found.sort(key=key, reverse=state.descending)
    return [o.id for o in found]


def _sites():
    return [d.id for d in Dealer.select().where(
        Dealer.code.in_(["20/90074", "20/90075"])).order_by(Dealer.code)]


@pytest.mark.parametrize("q", SEARCHES)
@pytest.mark.parametrize("gather", [False, True])
def test_every_sort_direction_and_status_gives_the_plain_page(
        orders, monkeypatch, q, gather):
    # Every site walked, or gathered wherever its matches are known.
    monkeypatch.setattr(order_list, "_gathers", lambda *_sizes: gather)
    with db.connection_context():
        sites = _sites()
        for sort in SORTS:
            for sort_arg in (sort, "-" + sort):
                for status in ("", "new", "in_progress"):
                    state = ListState(q=q, status=status, sort=sort_arg)
                    expected = _reference(sites, state)
                    for offset in (0, 7):
                        ids, counts = order_list.page_ids(sites, state, offset, 5)
                        assert ids == expected[offset:offset + 5], \
                            (q, sort_arg, status, offset)
                    if not counts.at_least:
                        assert counts.in_filter(status) == len(expected)


def _date_ranges():
    """[since, until) pairs: most orders, a few, none, open-ended, with
    part-days at both ends that hold orders (the first and the last),
    within one day, and whole UTC days only (no part-day at either end),
    many and one."""
    dates = sorted(o.created_at for o in Order.select(Order.created_at))
    some, few = dates[len(dates) // 5], dates[len(dates) // 2]
    after_few = dates[len(dates) // 2 + 6]
    second, day = datetime.timedelta(seconds=1), datetime.timedelta(days=1)
    first_midnight = datetime.datetime.combine(some.date(), datetime.time())
    last_midnight = datetime.datetime.combine(dates[-1].date(),
                                              datetime.time())
    return [(some, None), (None, some), (some, dates[-1]), (few, after_few),
            (dates[-1] + day, None), (some - second, dates[-1] + second),
            (some - second, some + second),
            (first_midnight, last_midnight),
            (first_midnight, first_midnight + day)]


@pytest.mark.parametrize("outside_walked, budget", [
    (0, 2000),          # every site walked whole
    (10 ** 9, 40),      # walked within the budget, or sorted in range
    (10 ** 9, 2)])      # always sorted in range
def test_a_date_range_gives_the_plain_page(orders, monkeypatch,
                                           outside_walked, budget):
    """An unsearched list within dates, its sites walked or gathered, for
    every sort, direction and status; counted exactly."""
    monkeypatch.setattr(order_list, "OUTSIDE_WALKED", outside_walked)
    monkeypatch.setattr(order_list, "DATED_WALK_BUDGET", budget)
    with db.connection_context():
        sites = _sites()
        for since, until in _date_ranges():
            for sort in SORTS:
                for sort_arg in (sort, "-" + sort):
                    for status in ("", "new"):
                        state = ListState(status=status, sort=sort_arg,
                                          since=since, until=until)
                        expected = _reference(sites, state)
                        for offset in (0, 3):
                            ids, counts = order_list.page_ids(sites, state,
                                                              offset, 5)
                            assert ids == expected[offset:offset + 5], \
                                (since, until, sort_arg, status, offset)
                        assert not counts.at_least
                        assert counts.in_filter(status) == len(expected)


@pytest.mark.parametrize("counted", [2000, 3])
@pytest.mark.parametrize("q", ["", "korjaamo", "19", "Oy", "zzqx"])
def test_a_page_in_the_second_half_read_from_the_end_is_the_same_page(
        orders, monkeypatch, q, counted):
    """Read in the reverse order from the list's end when its length is
    known (with 3 code matches read, the counts are lower bounds: read
    forwards)."""
    monkeypatch.setattr(order_list, "FROM_THE_END", 0)
    monkeypatch.setattr(order_list, "MATCHES_COUNTED", counted)
    with db.connection_context():
        sites = _sites()
        for sort in SORTS:
            for sort_arg in (sort, "-" + sort):
                for status in ("", "new"):
                    state = ListState(q=q, status=status, sort=sort_arg)
                    expected = _reference(sites, state)
                    size = len(expected)
                    for offset in sorted({0, size // 2, max(size - 7, 0),
                                          max(size - 5, 0), size, size + 5}):
                        ids, _counts = order_list.page_ids(sites, state,
                                                           offset, 5)
                        assert ids == expected[offset:offset + 5], \
                            (sort_arg, status, offset, size)


def test_a_page_past_all_the_sites_orders_is_empty_without_a_walk(
        orders, monkeypatch):
    """Counts that are lower bounds give no end; the sites' orders do."""
    monkeypatch.setattr(order_list, "FROM_THE_END", 0)
    monkeypatch.setattr(order_list, "MATCHES_COUNTED", 3)
    reads = []
    read_page = order_list._page_ids
    monkeypatch.setattr(order_list, "_page_ids",
                        lambda *args: reads.append(args[2]) or read_page(*args))
    with db.connection_context():
        sites = _sites()
        listed = Order.select().where(Order.dealer.in_(sites)).count()
        state = ListState(q="19", sort="-total")
        ids, counts = order_list.page_ids(sites, state, listed, 5)
        assert (ids, counts.at_least, reads) == ([], True, [0])
        reads.clear()
        ids, _counts = order_list.page_ids(sites, state, listed - 60, 5)
        assert reads == [0, listed - 60]
        assert ids == _reference(sites, state)[listed - 60:listed - 55]


@pytest.mark.parametrize("budget", [20000, 30])
@pytest.mark.parametrize("q", ["2", "19", "190", "PO-", "jg"])
def test_more_code_matches_than_are_read_make_the_counts_lower_bounds(
        orders, monkeypatch, q, budget):
    """Past MATCHES_COUNTED the code matches are walked, tested per order;
    a range's walk past WALK_BUDGET entries gives way to a gather."""
    monkeypatch.setattr(order_list, "MATCHES_COUNTED", 3)
    monkeypatch.setattr(order_list, "WALK_BUDGET", budget)
    with db.connection_context():
        sites = _sites()
        for sort in ("total", "-code", "po", "-po", "site", "-site", "date",
                     "-date", "customer", "-status"):
            for status in ("", "new"):
                state = ListState(q=q, sort=sort, status=status)
                expected = _reference(sites, state)
                ids, counts = order_list.page_ids(sites, state, 2, 5)
                assert ids == expected[2:7], (sort, status)
                assert counts.in_filter(status) <= len(expected)
        assert counts.at_least or q in ("jg", "PO-")



def _day(value):
    """A counter's day as a date (SQLite gives ISO text)."""
    return value if isinstance(value, datetime.date) else \
        datetime.date.fromisoformat(value)


# (counter model, its key columns, an order's key, a counter row's key)
# for each counter table the list reads.
COUNTERS = {
    "customer": (OrderCustomerCount, ("dealer", "customer_name", "status"),
                 lambda o: (o.dealer_id, o.customer_name, o.status), tuple),
    "day": (OrderDayCount, ("dealer", "status", "day"),
            lambda o: (o.dealer_id, o.status, o.created_at.date()),
            lambda row: (row[0], row[1], _day(row[2]))),
}


@pytest.mark.parametrize("counter", COUNTERS)
def test_counters_follow_every_change(demo, counter):
    """The triggers keep each counter table equal to a recount of the
    orders, through updates of every counted column, inserts and deletes."""
    model, columns, order_key, row_key = COUNTERS[counter]

    def counters():
        fields = [getattr(model, column) for column in columns]
        return {row_key(row[:-1]): row[-1] for row in
                model.select(*fields, model.n).where(model.n > 0).tuples()}

    def recount():
        return dict(collections.Counter(order_key(o) for o in Order.select()))

    with db.connection_context():
        assert counters() == recount()
        order = Order.get(Order.code == "190114-204115761")
        order.status = "complete"
        order.save()
        Order.update(customer_name="Uusi Nimi Oy",
                     created_at=order.created_at - datetime.timedelta(days=3)
                     ).where(Order.id == order.id).execute()
        copy = Order.create(dealer=order.dealer, account=order.account,
                            customer_name="Toinen Oy", code="990101-1",
                            po_number="1", created_at=order.created_at)
        assert counters() == recount()
        copy.delete_instance()
        assert counters() == recount()


def test_the_searches_above_find_orders_to_compare(orders):
    """The comparisons are not of empty pages."""
    with db.connection_context():
        sites = _sites()
        found = {q: len(_reference(sites, ListState(q=q))) for q in SEARCHES}
    assert found[""] > 300 and found["zzqx"] == 0
    assert all(found[q] > 0 for q in ("JG", "j", "1", "Oy", "korjaamo"))


def test_lower_bound_counts_say_so_on_the_page(orders, client, auth,
                                               monkeypatch):
    monkeypatch.setattr(order_list, "MATCHES_COUNTED", 3)
    auth.login("demo")
    html = client.get("/orders?q=2&lang=en").get_data(as_text=True)
    assert "At least " in html and "or more" in html
    assert 'rel="last"' not in html     # no last page without a total
    assert 'rel="next"' in html


def test_account_totals_follow_every_change(demo):
    """The triggers keep order_account_total equal to a recount."""
    from peewee import fn
    from models.orders import OrderAccountTotal

    def counters():
        return {(account, currency): (n, total) for account, currency, n, total
                in OrderAccountTotal.select(
                    OrderAccountTotal.account, OrderAccountTotal.currency,
                    OrderAccountTotal.n, OrderAccountTotal.total_cents)
                .where(OrderAccountTotal.n > 0).tuples()}

    def recount():
        return {(account, currency): (n, total) for account, currency, n, total
                in Order.select(Order.account, Order.currency,
                                fn.COUNT(Order.id), fn.SUM(Order.total_cents))
                .group_by(Order.account, Order.currency).tuples()}

    with db.connection_context():
        assert counters() == recount() != {}
        order = Order.get(Order.code == "190114-204115761")
        Order.update(total_cents=Order.total_cents + 990, currency="SEK").where(
            Order.id == order.id).execute()
        assert counters() == recount()
        order.delete_instance(recursive=True)
        assert counters() == recount()
