"""One page of the order list and its status counts: one design for every
search, sort and status filter (the plan and its figures are in
BENCHMARKS.md, "How the order list is served").

A search matches an order in one of a few ways, each read through its
own index: by customer (the names found among the sites' customers in
order_customer_count, few next to their orders), or by code or PO number
(SQLite's trigram index from three characters, else a prefix range on
the (site, code) and (site, PO number) indexes; pg_trgm on PostgreSQL).

Counts come from the counters: the sites' orders by status, a search's
customers' orders by status. Orders found by code or PO number are read,
at most CODE_MATCHES per way (past that, the counts are "at least").

The page's candidates are read per site and way, whichever reads fewer
rows:

- gather: the matching orders themselves, sorted here (as many rows as
  they are);
- walk: the site's orders in sort order from its (site, [status,] key)
  index, keeping the matching ones until there are enough (about
  wanted × orders ÷ matches index entries). An unsearched list is a walk
  that keeps every order.

The candidates are merged in sort order, ties broken by id.
"""
import heapq
from dataclasses import dataclass

from peewee import SQL, NodeList, Value

from blueprints.orders.text_match import (case_variants, like, like_escaped,
                                          word_start_matcher)
from models import ORDER_STATUSES, Order
from models.base import is_sqlite
from models.orders import OrderCustomerCount, OrderStatusCount

SORT_FIELDS = {
    "code": Order.code, "po": Order.po_number,
    "customer": Order.customer_name, "date": Order.created_at,
    "status": Order.status, "total": Order.total_cents,
}
# Searches this short match where a code, PO number or a word of a name
# starts; longer ones anywhere (the trigram indexes need three).
INDEXED_LENGTH = 3
# Orders one way of matching by code or PO number reads and counts.
CODE_MATCHES = 5000
# Sorts whose keys are text (ordered by the database's collation).
TEXT_SORTS = {"code", "po", "customer", "status"}
# Above every character: `prefix + TOP` ends a prefix range.
TOP = "\U0010ffff"


class StatusCounts(dict):
    """{status: orders}; `at_least` when they are lower bounds."""
    at_least = False

    def in_filter(self, status):
        return self[status] if status else sum(self.values())


@dataclass
class CodeWay:
    """One way of matching by code or PO number, and what it found."""
    rows: list          # (id, status, site, customer, key), ≤ CODE_MATCHES
    complete: bool      # the rows are all its matches
    walk_condition: object   # how a walk tests an order for it


def page_ids(site_ids, state, offset, limit):
    """(ids of one page in order, StatusCounts) of a list not narrowed by
    dates or a customer (queries.py reads those)."""
    counts, sizes = _status_counts(site_ids, state.status)
    if not state.q and state.sort_key == "site":
        return _site_after_site(site_ids, sizes, state, offset, limit), counts
    if not state.q:
        keyed = _walk(site_ids, state, None, limit, offset)
        return [order_id for _key, order_id in keyed], counts
    wanted = offset + limit
    names, name_counts, by_status = _matching_customers(site_ids, state)
    ways = _code_ways(site_ids, state)
    counts = _search_counts(names, by_status, ways)
    by_site = state.sort_key == "site"
    keyed = []
    for rank, site in enumerate(site_ids):
        site_names = sorted(names.get(site, ()))
        matches = name_counts.get(site, 0)
        if site_names and _gathers(matches, wanted, sizes.get(site, 0)):
            keyed += _gather_customers(site, rank, site_names, state)
        elif site_names:
            keyed += _walk([site], state, _in_names(site_names, state),
                           wanted, rank=rank)
        for way in ways:
            if way.complete:
                keyed += [(rank if by_site else key, order_id)
                          for order_id, status, row_site, _name, key in way.rows
                          if row_site == site and (not state.status
                                                   or status == state.status)]
            else:
                keyed += _walk([site], state, way.walk_condition, wanted,
                               rank=rank)
    return _first(keyed, state, offset, limit), counts


def _gathers(matches, wanted, size):
    """Whether reading a site's matches costs less than walking it: as
    many rows as matches, against about wanted × size ÷ matches."""
    return matches * matches <= wanted * size


def _first(keyed, state, offset, limit):
    """Ids of the page from the candidates (key, id), each order once."""
    unique = {order_id: key for key, order_id in keyed}
    if not is_sqlite() and state.sort_key in TEXT_SORTS and unique:
        # PostgreSQL orders text by its collation, which Python cannot
        # follow: the database sorts the candidates, as its walks did.
        column = SORT_FIELDS[state.sort_key]
        ordering = ([column.desc(), Order.id.desc()] if state.descending
                    else [column.asc(), Order.id.asc()])
        return [order_id for order_id, in
                Order.select(Order.id).where(Order.id.in_(list(unique)))
                .order_by(*ordering).limit(limit).offset(offset).tuples()]
    pick = heapq.nlargest if state.descending else heapq.nsmallest
    page = pick(offset + limit, ((key, order_id)
                                 for order_id, key in unique.items()))
    return [order_id for _key, order_id in page[offset:]]


def name_matcher(q):
    """Whether a customer name matches the search: anywhere, ignoring case,
    from INDEXED_LENGTH characters; below that where one of its words
    starts."""
    if len(q) >= INDEXED_LENGTH:
        needle = q.lower()
        return lambda name: needle in name.lower()
    return word_start_matcher(q)


def _matching_customers(site_ids, state):
    """({site: matching names}, {site: their orders in the status
    filter}, {status: their orders}) from the customer counters."""
    matches = name_matcher(state.q)
    names, in_filter = {}, {}
    by_status = dict.fromkeys(ORDER_STATUSES, 0)
    for site, name, status, n in _customer_counts(site_ids, state.q):
        if matches(name):
            names.setdefault(site, set()).add(name)
            by_status[status] += n
            if not state.status or status == state.status:
                in_filter[site] = in_filter.get(site, 0) + n
    return names, in_filter, by_status


def _search_counts(names, by_status, ways):
    """StatusCounts of a search: the customers' orders from the counters,
    plus each order found by code or PO number whose customer is not
    among them, once."""
    counts = StatusCounts(by_status)
    seen = set()
    for way in ways:
        counts.at_least |= not way.complete
        for order_id, status, site, name, _key in way.rows:
            if order_id not in seen and name not in names.get(site, ()):
                seen.add(order_id)
                counts[status] += 1
    return counts


def _code_ways(site_ids, state):
    """The ways the search matches by code or PO number, each with up to
    CODE_MATCHES + 1 of its orders read."""
    key = Order.dealer if state.sort_key == "site" else _key_column(state)
    ways = []
    for condition, column in _code_conditions(state.q):
        # The trigram index leads (not the site's index, with every order
        # of the site); a range reads the (site, column) index.
        site = Order.dealer if column is not None else _unindexed(Order.dealer)
        rows = list(Order.select(Order.id, Order.status, Order.dealer,
                                 Order.customer_name, key)
                    .where(site.in_(list(site_ids)) & condition)
                    .limit(CODE_MATCHES + 1).tuples())
        ways.append(CodeWay(rows[:CODE_MATCHES], len(rows) <= CODE_MATCHES,
                            _walk_test(condition, column, state)))
    return ways


def _code_conditions(q):
    """[(condition, column)]: the code or PO number contains the search
    (from INDEXED_LENGTH characters; column None) or starts with it."""
    if len(q) >= INDEXED_LENGTH:
        return [(code_condition(q), None)]
    if not is_sqlite():
        pattern = like_escaped(q) + "%"
        return [(like(column, pattern), column)
                for column in (Order.code, Order.po_number)]
    # Ranges, one per spelling (LIKE would not use the indexes on SQLite).
    return [((column >= start) & (column < start + TOP), column)
            for column in (Order.code, Order.po_number)
            for start in case_variants(q)]


def code_condition(q):
    """Orders whose code or PO number matches the search."""
    if len(q) < INDEXED_LENGTH:
        conditions = [condition for condition, _column in _code_conditions(q)]
        combined = conditions[0]
        for condition in conditions[1:]:
            combined |= condition
        return combined
    if is_sqlite():
        return Order.id.in_(SQL(
            "(SELECT rowid FROM order_code_search "
            "WHERE order_code_search MATCH ?)", [trigram_phrase(q)]))
    pattern = "%" + like_escaped(q) + "%"   # pg_trgm's indexes serve it
    return like(Order.code, pattern) | like(Order.po_number, pattern)


def _walk_test(condition, column, state):
    """A code way's condition as a walk tests it on each order: not through
    an index of its own, unless that index is the sort's (the walk is then
    a range of it)."""
    if not is_sqlite() or column is SORT_FIELDS.get(state.sort_key):
        return condition
    if column is None:
        # The trigram index would be read whole first; a LIKE per order
        # is cheap (it ignores the case of ASCII letters only).
        pattern = "%" + like_escaped(state.q) + "%"
        return like(Order.code, pattern) | like(Order.po_number, pattern)
    return _unindexed(condition)


def _in_names(names, state):
    """A walk's test of the customer: the name index is left to a sort by
    customer, whose walk reads it name by name."""
    if state.sort_key == "customer":
        return Order.customer_name.in_(names)
    return _unindexed(Order.customer_name).in_(names)


def _unindexed(term):
    """`term` as SQLite's planner cannot serve from an index (unary +):
    the walks must read the sort index, not a matching one. PostgreSQL's
    planner weighs both by its statistics."""
    return NodeList((SQL("+"), term), glue="") if is_sqlite() else term


def _walk(sites, state, condition, limit, offset=0, rank=0):
    """[(key, id)] of `sites`' orders in sort order (meeting `condition`),
    from `offset`, read from their sort indexes."""
    direction = "DESC" if state.descending else "ASC"
    arms = []
    for site in sites:
        arm = (Order.select(_key_column(state, rank + len(arms)), Order.id)
               .where(Order.dealer == site))
        if state.status:
            arm = arm.where(Order.status == state.status)
        if condition is not None:
            arm = arm.where(condition)
        arms.append(arm)
    if state.sort_key == "site":
        # One site: its rank is the same on every row, the id orders them.
        [query] = arms
        return list(query.order_by(SQL(f"2 {direction}"))
                    .limit(limit).offset(offset or None).tuples())
    query = arms[0]
    for arm in arms[1:]:
        query = query + arm   # UNION ALL: SQLite merges the sorted arms
    return list(query.order_by(SQL(f"1 {direction}"), SQL(f"2 {direction}"))
                .limit(limit).offset(offset or None).tuples())


def _site_after_site(site_ids, sizes, state, offset, limit):
    """Ids of an unsearched page sorted by site: the sites one after
    another, the page read from the one or two it falls on (their sizes
    from the counters), each in id order."""
    ids = []
    ranked = list(enumerate(site_ids))
    for rank, site in reversed(ranked) if state.descending else ranked:
        size = sizes.get(site, 0)
        if offset >= size:
            offset -= size
            continue
        ids += [order_id for _key, order_id in
                _walk([site], state, None, limit - len(ids), offset, rank)]
        offset = 0
        if len(ids) == limit:
            break
    return ids


def _gather_customers(site, rank, names, state):
    """[(key, id)] of every order of the site's customers `names`, read
    through the (site, [status,] customer) index."""
    query = (Order.select(_key_column(state, rank), Order.id)
             .where((Order.dealer == site) & Order.customer_name.in_(names)))
    if state.status:
        query = query.where(Order.status == state.status)
    return list(query.tuples())


def _key_column(state, rank=0):
    """The sort key as selected: the site's rank among the user's sites
    when sorting by site, else the sort column as stored (no conversion:
    dates stay ISO text on SQLite, which sorts like the instants)."""
    if state.sort_key == "site":
        return Value(rank, converter=False)
    return NodeList((SORT_FIELDS[state.sort_key],))


def trigram_phrase(q):
    """The FTS5 query finding the text anywhere in a trigram index."""
    return '"' + q.replace('"', '""') + '"'


def matching_names(site_ids, q):
    """The sites' customer names the search matches."""
    matches = name_matcher(q)
    return sorted({name for _site, name, _status, _n in
                   _customer_counts(site_ids, q) if matches(name)})


def _customer_counts(site_ids, q):
    """(site, customer, status, orders) of the sites' customers whose name
    may match `q`: LIKE narrows them in the database where it folds case
    as Python does (ASCII), name_matcher decides."""
    query = (OrderCustomerCount
             .select(OrderCustomerCount.dealer, OrderCustomerCount.customer_name,
                     OrderCustomerCount.status, OrderCustomerCount.n)
             .where(OrderCustomerCount.dealer.in_(list(site_ids))
                    & (OrderCustomerCount.n > 0)))
    if q.isascii():
        query = query.where(like(OrderCustomerCount.customer_name,
                                 "%" + like_escaped(q) + "%"))
    return query.tuples()


def _status_counts(site_ids, status):
    """(StatusCounts of the sites, {site: orders in the status filter})."""
    counts = StatusCounts.fromkeys(ORDER_STATUSES, 0)
    sizes = {}
    for site, row_status, n in (
            OrderStatusCount.select(OrderStatusCount.dealer,
                                    OrderStatusCount.status, OrderStatusCount.n)
            .where(OrderStatusCount.dealer.in_(list(site_ids))).tuples()):
        counts[row_status] += n
        if not status or row_status == status:
            sizes[site] = sizes.get(site, 0) + n
    return counts, sizes
