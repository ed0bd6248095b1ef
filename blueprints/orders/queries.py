"""Order queries, always scoped to the dealer sites a user belongs to.

The list's page and counts come from blueprints/orders/order_list.py; a
customer, or a search within a date range, narrows the list to what one
index reads (the (customer, date) or (site, date) index), counted from
those orders.
tests/test_query_plans.py checks that every query is served by an index.
"""
import datetime

from peewee import JOIN, fn

from blueprints.orders import order_list
from blueprints.orders.order_list import code_condition
from models import (ORDER_STATUSES, Dealer, Order, OrderEvent, OrderLine,
                    TradeAccount, User, prepared)
from models.orders import OrderAccountTotal

SORT_FIELDS = dict(order_list.SORT_FIELDS, site=Dealer.code)


def _site_ids(site_ids, state):
    return [state.site] if state.site else list(site_ids)


def _ordering(sort):
    """ORDER BY terms of a sort such as "-date", with the id as tie-break."""
    field = SORT_FIELDS[sort.lstrip("-")]
    if sort.startswith("-"):
        return [field.desc(), Order.id.desc()]
    return [field.asc(), Order.id.asc()]


def list_page(sites, state, window):
    """(the web.paging.Page of orders, status counts) for one page.

    `sites` are the user's Dealer rows (in site-code order); each order
    gets its site from them rather than from a join rebuilt per row. The
    total comes from the status counts, never from a count of the orders;
    when those are lower bounds the page has no total.
    """
    site_ids = _site_ids([site.id for site in sites], state)
    if state.narrowed:
        ids, counts = _narrowed_page(site_ids, state, window.limit,
                                     window.offset)
    else:
        ids, counts = order_list.page_ids(site_ids, state, window.offset,
                                          window.limit)
    total = None if counts.at_least else counts.in_filter(state.status)
    by_id = {site.id: site for site in sites}
    # Compiled once per number of rows (models/prepared.py): every list
    # request reads its page's rows (BENCHMARKS.md).
    rows = {row[0]: row for row in prepared.rows(_rows_of, ids)} \
        if ids else {}
    return window.page([OrderRow(rows[i], by_id) for i in ids], total), counts


# The columns a list row shows (OrderRow's attributes, in this order).
ROW_FIELDS = (Order.id, Order.code, Order.dealer, Order.po_number,
              Order.customer_name, Order.created_at, Order.status,
              Order.total_cents, Order.currency)


def _rows_of(ids):
    return Order.select(*ROW_FIELDS).where(Order.id.in_(ids))


class OrderRow:
    """One row of the order list: the order's listed columns and its site."""
    __slots__ = ("id", "code", "dealer_id", "po_number", "customer_name",
                 "created_at", "status", "total_cents", "currency", "dealer")

    def __init__(self, row, sites_by_id):
        (self.id, self.code, self.dealer_id, self.po_number,
         self.customer_name, created_at, self.status, self.total_cents,
         self.currency) = row
        self.created_at = _instant(created_at)
        self.dealer = sites_by_id[self.dealer_id]


def _instant(value):
    """A stored timestamp as a datetime (SQLite gives ISO text).

    datetime.fromisoformat, in C, reads what peewee stores; anything else
    goes through the field's own conversion.
    """
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            pass
    return Order.created_at.python_value(value)


def _search_condition(site_ids, q):
    """Orders whose code, PO number or customer the search matches."""
    condition = code_condition(q)
    names = order_list.matching_names(site_ids, q)
    if names:
        condition |= Order.customer_name.in_(names)
    return condition


def _matching(site_ids, state, statuses=True):
    query = Order.select().where(Order.dealer.in_(site_ids))
    if state.q:
        query = query.where(_search_condition(site_ids, state.q))
    if statuses and state.status:
        query = query.where(Order.status == state.status)
    return _narrowed(query, state)


def orders_for_export(site_ids, state):
    """Every order of the list state, in its order (iterate it lazily)."""
    return (_matching(_site_ids(site_ids, state), state)
            .select(Order, Dealer).join(Dealer).order_by(*_ordering(state.sort)))


def _narrowed(query, state):
    """`query` limited to the state's date range and customer.

    The (dealer, created_at), (dealer, status, created_at) and
    (account, created_at) indexes serve these conditions.
    """
    if state.since:
        query = query.where(Order.created_at >= state.since)
    if state.until:
        query = query.where(Order.created_at < state.until)
    if state.customer:
        query = query.where(Order.account == state.customer)
    return query


def _narrowed_page(site_ids, state, limit, offset):
    """(ids of the page, status counts) within a date range or customer.

    The counter tables count whole sites, so these are counted from the
    orders in range: the cost follows the range, read through an index.
    """
    counts = order_list.StatusCounts.fromkeys(ORDER_STATUSES, 0)
    counts.update((status, int(n)) for status, n in
                  _matching(site_ids, state, statuses=False)
                  .select(Order.status, fn.COUNT(Order.id))
                  .group_by(Order.status).tuples())
    # By site: each site's rank among the sites, not a join to read codes.
    key = order_list.gather_key(
        state, {site: rank for rank, site in enumerate(site_ids)})
    page = (_matching(site_ids, state).select(Order.id)
            .order_by(*order_list.in_order(state, key, Order.id))
            .limit(limit).offset(offset))
    return [row[0] for row in page.tuples()], counts


def customer_of(account_id, site_ids):
    """The trade account `account_id` if it is one of the sites', else None."""
    if not account_id:
        return None
    return (TradeAccount.select()
            .where((TradeAccount.id == account_id)
                   & TradeAccount.dealer.in_(list(site_ids))).first())


def customer_summary(account):
    """(number of orders, [(currency, total cents)]) of a trade account,
    from its counters."""
    rows = list(OrderAccountTotal.select(OrderAccountTotal.currency,
                                         OrderAccountTotal.n,
                                         OrderAccountTotal.total_cents)
                .where((OrderAccountTotal.account == account)
                       & (OrderAccountTotal.n > 0))
                .order_by(OrderAccountTotal.currency).tuples())
    return (sum(n for _currency, n, _total in rows),
            [(currency, int(total or 0)) for currency, _n, total in rows])


def order_for_user(code, site_ids):
    """The order with `code` if it belongs to one of the sites, else None."""
    return (Order.select(Order, Dealer).join(Dealer)
            .where((Order.code == code) & Order.dealer.in_(site_ids))
            .first())


def orders_with_lines(codes, site_ids):
    """[(order, lines)] of the orders `codes` that are the sites', in the
    order given; codes of other sites are left out."""
    found = {order.code: order for order in
             Order.select(Order, Dealer).join(Dealer)
             .where(Order.code.in_(codes) & Order.dealer.in_(list(site_ids)))}
    orders = [found[code] for code in codes if code in found]
    lines = {}
    for line in (OrderLine.select()
                 .where(OrderLine.order.in_([order.id for order in orders]))
                 .order_by(OrderLine.order, OrderLine.line_no)):
        lines.setdefault(line.order_id, []).append(line)
    return [(order, lines.get(order.id, [])) for order in orders]


def lines_of(order):
    return list(OrderLine.select().where(OrderLine.order == order)
                .order_by(OrderLine.line_no))


def events_of(order):
    return list(OrderEvent.select(OrderEvent, User)
                .join(User, on=(OrderEvent.user == User.id), join_type=JOIN.LEFT_OUTER)
                .where(OrderEvent.order == order).order_by(OrderEvent.at))
