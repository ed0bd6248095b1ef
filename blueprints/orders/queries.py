"""Order queries, always scoped to the dealer sites a user belongs to.

Every list query is served by an index whatever the number of orders
(tests/test_query_plans.py checks the plans):

- Unsearched pages read each site's orders in sort order from a
  (dealer, [status,] key) index and merge the sites (UNION ALL … ORDER BY
  … LIMIT), so a page touches its own rows plus the rows it skips: page
  200 walks 10 000 index entries, never the table.
- A search of 3+ characters goes through the trigram index (FTS5 on
  SQLite, pg_trgm on PostgreSQL); a shorter one is a prefix match on
  indexed columns. One pass over the matches gives both the page and the
  counts: its cost follows the number of matches, not of orders.
- Unsearched status counts come from a counter table kept by triggers.
"""
import datetime
import heapq

from peewee import JOIN, SQL, fn

from models import (ORDER_STATUSES, Dealer, Order, OrderEvent, OrderLine,
                    User, db)
from models.base import is_sqlite
from models.orders import OrderStatusCount

SORT_FIELDS = {
    "code": Order.code,
    "site": Dealer.code,
    "po": Order.po_number,
    "customer": Order.customer_name,
    "date": Order.created_at,
    "status": Order.status,
    "total": Order.total_cents,
}
# Trigrams need three characters; shorter searches match prefixes.
TRIGRAM = 3
# Above every character: `prefix + TOP` ends a prefix range.
TOP = "\U0010ffff"


def _site_ids(site_ids, state):
    return [state.site] if state.site else list(site_ids)


def _matches(q, sites):
    """A subquery of the ids of the sites' orders matching the text `q`."""
    if len(q) < TRIGRAM:
        return _prefix_matches(q, sites)
    if is_sqlite():
        phrase = '"' + q.replace('"', '""') + '"'
        return SQL("(SELECT rowid FROM order_search "
                   "WHERE order_search MATCH ?)", [phrase])
    found = Order.alias()
    return found.select(found.id).where(
        found.code.contains(q) | found.po_number.contains(q)
        | found.customer_name.contains(q))


def _prefix_matches(q, sites):
    """Code, PO number or customer starting with `q`, through indexes.

    On PostgreSQL an ILIKE 'q%' the trigram indexes serve. On SQLite
    ranges, not LIKE (which would not use an index), on the (dealer,
    column) indexes; a customer name is matched as typed, capitalised or
    in capitals.
    """
    if not is_sqlite():
        found = Order.alias()
        return found.select(found.id).where(
            found.dealer.in_(sites) & (
                found.code.startswith(q) | found.po_number.startswith(q)
                | found.customer_name.startswith(q)))
    arms = []
    for column, prefixes in (("code", {q}), ("po_number", {q}),
                             ("customer_name", {q, q.capitalize(), q.upper(),
                                                q.lower()})):
        for prefix in sorted(prefixes):
            found = Order.alias()
            field = getattr(found, column)
            arms.append(found.select(found.id).where(
                found.dealer.in_(sites) & (field >= prefix)
                & (field < prefix + TOP)))
    union = arms[0]
    for arm in arms[1:]:
        union = union | arm   # UNION: an order matching twice counts once
    return union


def _matching(site_ids, state, with_status=True):
    """Orders of the user's sites matching the search, site and status."""
    sites = _site_ids(site_ids, state)
    if state.q:
        # `dealer_id + 0`: the site check must not drive the search (SQLite
        # would walk every order of the site); the matches drive it.
        query = Order.select().where(Order.id.in_(_matches(state.q, sites))
                                     & (Order.dealer + 0).in_(sites))
    else:
        query = Order.select().where(Order.dealer.in_(sites))
    if with_status and state.status:
        query = query.where(Order.status == state.status)
    return query


def _status_counts(site_ids, state):
    """{status: count} of the sites' orders (no search): counter rows."""
    query = (OrderStatusCount
             .select(OrderStatusCount.status, fn.SUM(OrderStatusCount.n))
             .where(OrderStatusCount.dealer.in_(_site_ids(site_ids, state)))
             .group_by(OrderStatusCount.status))
    counts = dict.fromkeys(ORDER_STATUSES, 0)
    counts.update((status, int(n or 0)) for status, n in query.tuples())
    return counts


def _ordering(state, field=None, tie=Order.id):
    field = field if field is not None else SORT_FIELDS[state.sort_key]
    if state.descending:
        return [field.desc(), tie.desc()]
    return [field.asc(), tie.asc()]


def _page_ids(site_ids, state, limit, offset):
    """The ids of one unsearched page, read from the indexes."""
    sites = _site_ids(site_ids, state)
    if state.sort_key == "site":
        return _site_sorted_ids(sites, state, limit, offset)
    arms = []
    for site_id in sites:
        arm = (Order.select(Order.id.alias("oid"),
                            SORT_FIELDS[state.sort_key].alias("k"))
               .where(Order.dealer == site_id))
        if state.status:
            arm = arm.where(Order.status == state.status)
        arms.append(arm)
    if len(arms) == 1:
        return (arms[0].select(Order.id).order_by(*_ordering(state))
                .limit(limit).offset(offset))
    union = arms[0]
    for arm in arms[1:]:
        union = union + arm   # UNION ALL, merged in sort order
    union = union.order_by(*_ordering(state, SQL("k"), SQL("oid")))
    return (Order.select(SQL("oid")).from_(union.limit(limit).offset(offset)
                                           .alias("page")))


def _site_sorted_ids(sites, state, limit, offset):
    """Ids of a page sorted by site: the sites' orders one site after another.

    `sites` come in site-code order. The counter table says how many
    orders each site has, so the page is read from the one or two sites it
    falls on, each from its (dealer) index in id order.
    """
    counts = (OrderStatusCount
              .select(OrderStatusCount.dealer, fn.SUM(OrderStatusCount.n))
              .where(OrderStatusCount.dealer.in_(sites))
              .group_by(OrderStatusCount.dealer))
    if state.status:
        counts = counts.where(OrderStatusCount.status == state.status)
    sizes = dict(counts.tuples())
    ids, skip = [], offset
    for site_id in (reversed(sites) if state.descending else sites):
        size = int(sizes.get(site_id) or 0)
        if skip >= size:
            skip -= size
            continue
        query = Order.select(Order.id).where(Order.dealer == site_id)
        if state.status:
            query = query.where(Order.status == state.status)
        ids += [row[0] for row in query.order_by(
            Order.id.desc() if state.descending else Order.id.asc())
            .limit(limit - len(ids)).offset(skip).tuples()]
        skip = 0
        if len(ids) >= limit:
            break
    return ids


def _searched_page(site_ids, state, limit, offset):
    """(ids of the page, status counts) of a search.

    A search with up to PYTHON_MATCHES matches is done in one pass: one
    query reads every match's id, status and sort key (through the
    trigram or prefix index); the counts and the page come from those
    rows, so the matches are looked up once, not once per purpose. A
    broader search is counted and sorted by the database instead.
    """
    sites = _site_ids(site_ids, state)
    by_site = state.sort_key == "site"
    # Timestamps as text: ISO text sorts like the instants, and skipping
    # the conversion matters when a search matches many orders.
    key = (Order.dealer if by_site else
           Order.created_at.cast("TEXT") if state.sort_key == "date"
           else SORT_FIELDS[state.sort_key])
    rows = _raw_rows(_matching(site_ids, state, with_status=False)
                     .select(Order.id, Order.status, key)
                     .limit(PYTHON_MATCHES + 1))
    if len(rows) > PYTHON_MATCHES:
        return _broad_searched_page(site_ids, state, limit, offset)
    counts = dict.fromkeys(ORDER_STATUSES, 0)
    for _id, status, _key in rows:
        counts[status] = counts.get(status, 0) + 1
    if state.status:
        rows = [row for row in rows if row[1] == state.status]
    if by_site:
        rank = {site_id: n for n, site_id in enumerate(sites)}
        sort_key = lambda row: (rank[row[2]], row[0])  # noqa: E731
    else:
        sort_key = lambda row: (row[2], row[0])  # noqa: E731
    pick = heapq.nlargest if state.descending else heapq.nsmallest
    page = pick(offset + limit, rows, key=sort_key)[offset:]
    return [row[0] for row in page], counts


# Matches a search may have to be paged and counted in Python. Beyond it,
# building a tuple per match costs more than the database's own GROUP BY
# and sort: a customer name shared by 75 000 orders took 0.31 s per
# request in Python, about half of that in SQL.
PYTHON_MATCHES = 2000


def _broad_searched_page(site_ids, state, limit, offset):
    """(ids of the page, status counts) of a search with many matches.

    Two queries, each in the database: counts per status, and one page of
    the matches in sort order. Both go through the same trigram or prefix
    index; the counts stay exact.
    """
    counts = dict.fromkeys(ORDER_STATUSES, 0)
    counts.update(
        (status, int(n)) for status, n in
        _matching(site_ids, state, with_status=False)
        .select(Order.status, fn.COUNT(Order.id))
        .group_by(Order.status).tuples())
    query = _matching(site_ids, state).select(Order.id)
    if state.sort_key == "site":
        query = query.join(Dealer)
    page = query.order_by(*_ordering(state)).limit(limit).offset(offset)
    return [row[0] for row in page.tuples()], counts


def list_page(sites, state, page_size):
    """(orders, has_next, status counts) for one page of the list.

    `sites` are the user's Dealer rows (in site-code order); each order
    gets its site from them rather than from a join rebuilt per row.
    """
    site_ids = [site.id for site in sites]
    offset = (state.page - 1) * page_size
    if state.q:
        ids, counts = _searched_page(site_ids, state, page_size + 1, offset)
    else:
        ids = _page_ids(site_ids, state, page_size + 1, offset)
        counts = _status_counts(site_ids, state)
    if isinstance(ids, list) and not ids:
        return [], False, counts
    query = Order.select(*ROW_FIELDS).where(Order.id.in_(ids))
    if state.sort_key == "site":
        query = query.join(Dealer)
    # Plain rows, not models: building a model per row (and parsing its
    # timestamps with strptime) was a good part of a page's time.
    by_id = {site.id: site for site in sites}
    rows = [OrderRow(row, by_id) for row in
             _raw_rows(query.order_by(*_ordering(state)))]
    return rows[:page_size], len(rows) > page_size, counts


def _raw_rows(query):
    """The query's rows as the driver returns them, all at once.

    For columns that need no conversion (ids, text, integers, timestamps
    the caller converts): peewee's row-by-row conversion doubled the cost
    of reading a search's matches.
    """
    sql, params = query.sql()
    return db.execute_sql(sql, params).fetchall()


# The columns a list row shows (OrderRow's attributes, in this order).
ROW_FIELDS = (Order.id, Order.code, Order.dealer, Order.po_number,
              Order.customer_name, Order.created_at, Order.status,
              Order.total_cents, Order.currency)


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


def orders_for_export(site_ids, state):
    """Every order of the list state, in its order (iterate it lazily)."""
    return (_matching(site_ids, state).select(Order, Dealer).join(Dealer)
            .order_by(*_ordering(state)))


def order_for_user(code, site_ids):
    """The order with `code` if it belongs to one of the sites, else None."""
    return (Order.select(Order, Dealer).join(Dealer)
            .where((Order.code == code) & Order.dealer.in_(site_ids))
            .first())


def lines_of(order):
    return list(OrderLine.select().where(OrderLine.order == order)
                .order_by(OrderLine.line_no))


def events_of(order):
    return list(OrderEvent.select(OrderEvent, User)
                .join(User, on=(OrderEvent.user == User.id), join_type=JOIN.LEFT_OUTER)
                .where(OrderEvent.order == order).order_by(OrderEvent.at))
