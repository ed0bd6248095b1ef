"""Order queries, always scoped to the dealer sites a user belongs to.

Every list query is served by an index whatever the number of orders
(tests/test_query_plans.py checks the plans):

- Unsearched pages read each site's orders in sort order from a
  (dealer, [status,] key) index and merge the sites (UNION ALL … ORDER BY
  … LIMIT), so a page touches its own rows plus the rows it skips: page
  200 walks 10 000 index entries, never the table.
- A search of 3+ characters goes through the search indexes (on SQLite
  FTS5: 4-grams of codes and PO numbers, trigrams of names; pg_trgm on
  PostgreSQL). A shorter one matches the start of a code or PO number
  (their column indexes) or of any word of a customer's name: the names
  are found among the sites' customers (order_customer_count), their
  orders through the (site, customer) index. One pass over the matches
  gives both the page and the counts: its cost follows the number of
  matches, not of orders.
- Unsearched status counts come from a counter table kept by triggers.
"""
import datetime
import heapq

from peewee import JOIN, SQL, fn

from blueprints.orders import broad_search
from blueprints.orders.text_match import (case_variants, like,
                                          like_escaped, word_start_patterns)
from models import (ORDER_STATUSES, Dealer, Order, OrderEvent, OrderLine,
                    TradeAccount, User, prepared)
from models import search_grams
from models.base import is_sqlite
from models.orders import OrderCustomerCount, OrderStatusCount

SORT_FIELDS = {
    "code": Order.code,
    "site": Dealer.code,
    "po": Order.po_number,
    "customer": Order.customer_name,
    "date": Order.created_at,
    "status": Order.status,
    "total": Order.total_cents,
}
# The search indexes need three characters; shorter searches match the
# start of a code, a PO number or a word of a customer's name.
INDEXED_LENGTH = 3
# Above every character: `prefix + TOP` ends a prefix range.
TOP = "\U0010ffff"


def _site_ids(site_ids, state):
    return [state.site] if state.site else list(site_ids)


# The list's queries are compiled once per shape (models/prepared.py):
# building them with peewee on every request cost more than running them.
# Each builder takes its static choices first, then its values: the sites,
# the status filter ([] or [status]) and the search terms (_search_terms).

def _search_terms(q):
    """(kind, terms): how a search is matched and its values, final form."""
    if len(q) >= INDEXED_LENGTH:
        if is_sqlite():
            return "index", [search_grams.code_query(q),
                             search_grams.name_query(q)]
        return "index", ["%" + like_escaped(q) + "%"]
    words = word_start_patterns(q)
    if not is_sqlite():
        return "prefix", [like_escaped(q) + "%", words]
    # SQLite's ranges on the (dealer, column) indexes for codes and PO
    # numbers (LIKE would not use them), one per spelling.
    starts = case_variants(q)
    return "prefix", [starts, [start + TOP for start in starts], words]


def _matches(kind, sites, *terms, names=True):
    """A subquery of the ids of the sites' orders matching the search (by
    code, PO number and, unless `names` is false, customer)."""
    found = Order.alias()
    if kind == "index" and is_sqlite():
        # Codes and PO numbers by their 4-grams, names by their trigrams
        # (models/search_grams.py).
        by_code = ("SELECT rowid FROM order_code_search "
                   "WHERE order_code_search MATCH ?")
        if not names:
            return SQL(f"({by_code})", terms[:1])
        return SQL(f"({by_code} UNION SELECT rowid FROM order_name_search "
                   "WHERE order_name_search MATCH ?)", terms)
    if not is_sqlite():
        # pg_trgm's indexes serve ILIKE '%…%' and 'q…%' alike.
        pattern = terms[0]
        condition = (like(found.code, pattern)
                     | like(found.po_number, pattern))
        if kind == "index":
            if names:
                condition |= like(found.customer_name, pattern)
            return found.select(found.id).where(condition)
        arms = [found.select(found.id).where(found.dealer.in_(sites)
                                             & condition)]
    else:
        starts, ends = terms[:2]
        arms = _prefix_arms(sites, starts, ends)
    if names:
        arms.append(_word_start_arm(sites, terms[-1]))
    union = arms[0]
    for arm in arms[1:]:
        union = union | arm   # UNION: an order matching twice counts once
    return union


def _prefix_arms(sites, starts, ends):
    """Code or PO number starting with the text (in any of its spellings
    `starts`), on SQLite.

    Ranges, not LIKE (which would not use an index), on the (dealer,
    column) indexes.
    """
    arms = []
    for column in ("code", "po_number"):
        for start, end in zip(starts, ends):
            found = Order.alias()
            field = getattr(found, column)
            arms.append(found.select(found.id).where(
                found.dealer.in_(sites) & (field >= start) & (field < end)))
    return arms


def _word_start_arm(sites, patterns):
    """Orders whose customer has a word starting with the text: the names
    from the sites' customer rows (few next to the orders), then their
    orders from the (dealer, customer_name) index."""
    customers = OrderCustomerCount.alias()
    matching = None
    for pattern in patterns:
        test = like(customers.customer_name, pattern)
        matching = test if matching is None else matching | test
    names = customers.select(customers.customer_name).where(
        customers.dealer.in_(sites) & (customers.n > 0) & matching)
    found = Order.alias()
    return found.select(found.id).where(found.dealer.in_(sites)
                                        & found.customer_name.in_(names))


def _matching(kind, sites, statuses, *terms):
    """Orders of `sites` matching the search (kind None: none) and status."""
    if kind:
        # `dealer_id + 0`: the site check must not drive the search (SQLite
        # would walk every order of the site); the matches drive it.
        query = Order.select().where(Order.id.in_(_matches(kind, sites, *terms))
                                     & (Order.dealer + 0).in_(sites))
    else:
        query = Order.select().where(Order.dealer.in_(sites))
    if statuses:
        query = query.where(Order.status.in_(statuses))
    return query


def _counts_query(sites):
    return (OrderStatusCount
            .select(OrderStatusCount.status, fn.SUM(OrderStatusCount.n))
            .where(OrderStatusCount.dealer.in_(sites))
            .group_by(OrderStatusCount.status))


def _status_counts(site_ids, state):
    """{status: count} of the sites' orders (no search): counter rows."""
    counts = dict.fromkeys(ORDER_STATUSES, 0)
    counts.update((status, int(n or 0)) for status, n in
                  prepared.rows(_counts_query, _site_ids(site_ids, state)))
    return counts


def _ordering(sort, field=None, tie=Order.id):
    """ORDER BY terms of a sort such as "-date", with the id as tie-break."""
    key = sort.lstrip("-")
    field = field if field is not None else SORT_FIELDS[key]
    if sort.startswith("-"):
        return [field.desc(), tie.desc()]
    return [field.asc(), tie.asc()]


def _statuses(state):
    return [state.status] if state.status else []


def _page_ids_query(sort, sites, statuses, limit, offset):
    """The ids of one unsearched page, read from the indexes."""
    arms = []
    for site_id in sites:
        arm = (Order.select(Order.id.alias("oid"),
                            SORT_FIELDS[sort.lstrip("-")].alias("k"))
               .where(Order.dealer == site_id))
        if statuses:
            arm = arm.where(Order.status.in_(statuses))
        arms.append(arm)
    if len(arms) == 1:
        return (arms[0].select(Order.id).order_by(*_ordering(sort))
                .limit(limit).offset(offset))
    union = arms[0]
    for arm in arms[1:]:
        union = union + arm   # UNION ALL, merged in sort order
    union = union.order_by(*_ordering(sort, SQL("k"), SQL("oid")))
    return (Order.select(SQL("oid")).from_(union.limit(limit).offset(offset)
                                           .alias("page")))


def _site_sizes_query(sites, statuses):
    query = (OrderStatusCount
             .select(OrderStatusCount.dealer, fn.SUM(OrderStatusCount.n))
             .where(OrderStatusCount.dealer.in_(sites))
             .group_by(OrderStatusCount.dealer))
    if statuses:
        query = query.where(OrderStatusCount.status.in_(statuses))
    return query


def _site_page_query(descending, site, statuses, limit, offset):
    query = Order.select(Order.id).where(Order.dealer == site)
    if statuses:
        query = query.where(Order.status.in_(statuses))
    return (query.order_by(Order.id.desc() if descending else Order.id.asc())
            .limit(limit).offset(offset))


def _site_sorted_ids(sites, state, limit, offset):
    """Ids of a page sorted by site: the sites' orders one site after another.

    `sites` come in site-code order. The counter table says how many
    orders each site has, so the page is read from the one or two sites it
    falls on, each from its (dealer) index in id order.
    """
    statuses = _statuses(state)
    sizes = dict(prepared.rows(_site_sizes_query, sites, statuses))
    ids, skip = [], offset
    for site_id in (reversed(sites) if state.descending else sites):
        size = int(sizes.get(site_id) or 0)
        if skip >= size:
            skip -= size
            continue
        ids += [row[0] for row in prepared.rows(
            _site_page_query, site_id, statuses, limit - len(ids), skip,
            static=(state.descending,))]
        skip = 0
        if len(ids) >= limit:
            break
    return ids


def _match_keys_query(kind, key_name, sites, limit, *terms):
    """Every match's id, status and sort key (up to `limit`)."""
    # Timestamps as text: ISO text sorts like the instants, and skipping
    # the conversion matters when a search matches many orders.
    key = (Order.dealer if key_name == "site" else
           Order.created_at.cast("TEXT") if key_name == "date"
           else SORT_FIELDS[key_name])
    return (_matching(kind, sites, [], *terms)
            .select(Order.id, Order.status, key).limit(limit))


def _searched_page(site_ids, state, limit, offset):
    """(ids of the page, status counts) of a search.

    Listed by date, a search whose customers have more than
    PYTHON_MATCHES orders is counted from the customer counters and paged
    from the date index (broad_search). Otherwise a search with up to
    PYTHON_MATCHES matches is done in one pass: one query reads every
    match's id, status and sort key (through the search or prefix
    indexes); the counts and the page come from those rows, so the
    matches are looked up once, not once per purpose. A broader search is
    counted and sorted by the database instead.
    """
    sites = _site_ids(site_ids, state)
    kind, terms = _search_terms(state.q)
    # Customers matching many orders: counted and listed by date without
    # reading those orders (None when that does not apply).
    by_name = broad_search.name_search_page(
        sites, state, broad_search.name_matcher(state.q, INDEXED_LENGTH),
        _name_like_pattern(state.q),
        lambda most: _code_match_rows(kind, sites, terms, most),
        limit, offset, PYTHON_MATCHES)
    if by_name is not None:
        return by_name
    rows = prepared.rows(_match_keys_query, sites, PYTHON_MATCHES + 1,
                         *terms, static=(kind, state.sort_key))
    if len(rows) > PYTHON_MATCHES:
        return _broad_searched_page(sites, state, kind, terms, limit, offset)
    counts = dict.fromkeys(ORDER_STATUSES, 0)
    for _id, status, _key in rows:
        counts[status] = counts.get(status, 0) + 1
    if state.status:
        rows = [row for row in rows if row[1] == state.status]
    if state.sort_key == "site":
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


def _name_like_pattern(q):
    """A LIKE pattern for about the names a search matches (the names
    containing it: for a short search, a few more than those with a word
    starting with it)."""
    return "%" + like_escaped(q) + "%"


def _code_match_rows(kind, sites, terms, limit):
    """(id, status, date text, site, customer) of up to `limit` orders whose
    code or PO number matches (blueprints/orders/broad_search.py)."""
    matched = Order.id.in_(_matches(kind, sites, *terms, names=False))
    return list(Order.select(Order.id, Order.status,
                             Order.created_at.cast("TEXT"), Order.dealer,
                             Order.customer_name)
                .where(matched & (Order.dealer + 0).in_(sites))
                .limit(limit).tuples())


def _match_counts_query(kind, sites, *terms):
    return (_matching(kind, sites, [], *terms)
            .select(Order.status, fn.COUNT(Order.id)).group_by(Order.status))


def _match_page_query(kind, sort, sites, statuses, limit, offset, *terms):
    query = _matching(kind, sites, statuses, *terms).select(Order.id)
    if sort.lstrip("-") == "site":
        query = query.join(Dealer)
    return query.order_by(*_ordering(sort)).limit(limit).offset(offset)


def _broad_searched_page(sites, state, kind, terms, limit, offset):
    """(ids of the page, status counts) of a search with many matches.

    Two queries, each in the database: counts per status, and one page of
    the matches in sort order. Both go through the same trigram or prefix
    index; the counts stay exact.
    """
    counts = dict.fromkeys(ORDER_STATUSES, 0)
    counts.update((status, int(n)) for status, n in prepared.rows(
        _match_counts_query, sites, *terms, static=(kind,)))
    page = prepared.rows(_match_page_query, sites, _statuses(state), limit,
                         offset, *terms, static=(kind, state.sort))
    return [row[0] for row in page], counts


def _rows_query(sort, ids):
    """The listed columns of the orders `ids` (a list or a subquery)."""
    query = Order.select(*ROW_FIELDS).where(Order.id.in_(ids))
    if sort.lstrip("-") == "site":
        query = query.join(Dealer)
    return query.order_by(*_ordering(sort))


def _page_rows_query(sort, sites, statuses, limit, offset):
    return _rows_query(sort, _page_ids_query(sort, sites, statuses, limit,
                                             offset))


def list_page(sites, state, window):
    """(the web.paging.Page of orders, status counts) for one page.

    `sites` are the user's Dealer rows (in site-code order); each order
    gets its site from them rather than from a join rebuilt per row. The
    total comes from the status counts (counter rows, or the search's own
    count), never from a count of the orders.
    """
    site_ids = [site.id for site in sites]
    offset, limit = window.offset, window.limit
    if state.narrowed:
        ids, counts = _narrowed_page(site_ids, state, limit, offset)
    elif state.q:
        ids, counts = _searched_page(site_ids, state, limit, offset)
    elif state.sort_key == "site":
        ids = _site_sorted_ids(_site_ids(site_ids, state), state, limit,
                               offset)
        counts = _status_counts(site_ids, state)
    else:
        ids = None
        counts = _status_counts(site_ids, state)
    total = counts[state.status] if state.status else sum(counts.values())
    if ids == []:
        return window.page([], total), counts
    if ids is None:
        rows = prepared.rows(_page_rows_query, _site_ids(site_ids, state),
                             _statuses(state), limit, offset,
                             static=(state.sort,))
    else:
        rows = prepared.rows(_rows_query, ids, static=(state.sort,))
    # Plain rows, not models: building a model per row (and parsing its
    # timestamps with strptime) was a good part of a page's time.
    by_id = {site.id: site for site in sites}
    return window.page([OrderRow(row, by_id) for row in rows], total), counts


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
    kind, terms = _search_terms(state.q) if state.q else (None, [])
    return (_narrowed(_matching(kind, _site_ids(site_ids, state),
                                _statuses(state), *terms), state)
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
    sites = _site_ids(site_ids, state)
    kind, terms = _search_terms(state.q) if state.q else (None, [])
    counts = dict.fromkeys(ORDER_STATUSES, 0)
    counted = _narrowed(_matching(kind, sites, [], *terms), state)
    counts.update((status, int(n)) for status, n in counted.select(
        Order.status, fn.COUNT(Order.id)).group_by(Order.status).tuples())
    page = (_narrowed(_matching(kind, sites, _statuses(state), *terms), state)
            .select(Order.id))
    if state.sort_key == "site":
        page = page.join(Dealer)
    page = page.order_by(*_ordering(state.sort)).limit(limit).offset(offset)
    return [row[0] for row in page.tuples()], counts


def customer_of(account_id, site_ids):
    """The trade account `account_id` if it is one of the sites', else None."""
    if not account_id:
        return None
    return (TradeAccount.select()
            .where((TradeAccount.id == account_id)
                   & TradeAccount.dealer.in_(list(site_ids))).first())


def customer_summary(account):
    """(number of orders, [(currency, total cents)]) of a trade account."""
    rows = list(Order.select(Order.currency, fn.COUNT(Order.id),
                             fn.SUM(Order.total_cents))
                .where(Order.account == account)
                .group_by(Order.currency).order_by(Order.currency).tuples())
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
