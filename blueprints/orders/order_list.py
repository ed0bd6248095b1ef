"""One page of the order list and its status counts: one design for every
search, sort and status filter (the plan and its figures are in
BENCHMARKS.md, "How the list stays independent of the number of
orders").

A search matches an order in one of a few ways, each read through its
own index: by customer (the names found among the sites' customers in
order_customer_count, few next to their orders), or by code or PO number
(SQLite's trigram index from three characters, else a prefix range on
the (site, code) and (site, PO number) indexes; pg_trgm on PostgreSQL).

Counts come from the counters: the sites' orders by status, a search's
customers' orders by status. A code or PO-number way's matches are read
once, at most MATCHES_COUNTED + 1 across the sites, and the database
both counts them and sorts them for the page; past MATCHES_COUNTED the
counts are "at least" and the way is walked too.

The page's candidates are read per site and way:

- gather: the matching orders, read through the way's index and sorted
  by the database (as many rows as they are), when they are few;
- walk: the site's orders in sort order from its (site, [status,] key)
  index, keeping the matching ones until there are enough (about
  wanted × orders ÷ matches index entries), when they are many. The sort
  indexes hold the code and PO number, so a walk tests them without
  reading the order. An unsearched list is a walk that keeps every order.
- walk, then gather: a prefix range's many matches may all lie far down
  the sort order ("26" finds this year's orders, last by date), so its
  walk stops after WALK_BUDGET entries and the range is gathered from
  its own index, which holds every sort key.

The candidates are merged in sort order, ties broken by id. An
unsearched list within a date range is counted from the day counters
(blueprints/orders/date_counts.py); each site's orders in range are
walked (sorted by date, or when the range holds nearly all of them),
else read through the (site, date) index and sorted.
"""
import functools
import heapq
import operator
from dataclasses import dataclass, replace

from peewee import SQL, Case, NodeList, Select, Tuple, Value, fn

from blueprints.orders.date_counts import range_counts
from blueprints.orders.text_match import (contains, spellings,
                                          word_start_matcher)
from models import ORDER_STATUSES, Order, db, prepared
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
# Orders of a way of matching by code or PO number read across the sites
# to count and sort them (each looked up for its status and customer); a
# customer way with as many orders is gathered.
MATCHES_COUNTED = 2000
# Index entries a walk of a range's many matches reads before it gathers
# them from the range's index instead (they cluster far down the sort
# order: "26" matches this year's orders, last by date).
WALK_BUDGET = 20000
# The same for a date range's walk, which looks each entry's order up for
# its date: the sort indexes do not hold it (BENCHMARKS.md).
DATED_WALK_BUDGET = 2000
# PostgreSQL reads a date range sorted by code or id through the date
# index when the range holds at most one in this many of the sites'
# orders (BENCHMARKS.md).
NARROW_RANGE = 4
# Rows into a list from which a page in its second half is read from the
# list's end (counting first costs a search: worth it past a walk this
# long).
FROM_THE_END = 1000
# Index entries a walk reads in the time a gather reads and sorts one
# matching order (BENCHMARKS.md).
GATHERED_ROW = 10
# A walk's entry outside a date range (an order looked up) costs about as
# much as this many of the range's orders gathered (BENCHMARKS.md).
OUTSIDE_WALKED = 3
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
    """One way of matching by code or PO number: a condition per spelling,
    each a range of `column`'s index (None: the trigram index)."""
    column: object
    conditions: list

    @property
    def condition(self):
        return _any_of(self.conditions)


def page_ids(site_ids, state, offset, limit):
    """(ids of one page in order, StatusCounts) of a list not narrowed to
    a customer, nor searched within dates (queries.py reads those). A page
    in the second half of a list whose length is known is read from the
    list's end, in the reverse order: its offset is then the shorter
    walk."""
    if offset >= FROM_THE_END:
        _ids, counts = _page_ids(site_ids, state, 0, 1)
        # Lower bounds: the page is past the end if past all the sites'
        # orders (a walk would read every one of them to find out).
        total = sum(_status_counts(site_ids, state.status)[1].values()) \
            if counts.at_least else counts.in_filter(state.status)
        if total <= offset:
            return [], counts
        if not counts.at_least and total - offset - limit < offset:
            backwards = replace(state, sort=state.sort_key if state.descending
                                else "-" + state.sort_key)
            ids, _counts = _page_ids(site_ids, backwards,
                                     max(total - offset - limit, 0),
                                     min(limit, total - offset))
            return ids[::-1], counts
    return _page_ids(site_ids, state, offset, limit)


def _page_ids(site_ids, state, offset, limit):
    counts, sizes = _status_counts(site_ids, state.status)
    if state.dated:
        return _dated_page(site_ids, sizes, state, offset, limit)
    if not state.q and state.sort_key == "site":
        return _site_after_site(site_ids, sizes, state, offset, limit), counts
    if not state.q:
        keyed = _walk(site_ids, state, None, limit, offset)
        return [order_id for _key, order_id in keyed], counts
    wanted = offset + limit
    names, name_counts, by_status = _matching_customers(site_ids, state)
    counts = StatusCounts(by_status)
    keyed = []
    for rank, site in enumerate(site_ids):
        site_names = sorted(names.get(site, ()))
        if not site_names:
            continue
        if _gathers(name_counts.get(site, 0), wanted, sizes.get(site, 0)):
            keyed += _gather(Order.dealer == site,
                             Order.customer_name.in_(site_names), state,
                             wanted, {site: rank})
        elif state.sort_key == "customer" and not is_sqlite():
            # PostgreSQL reads an IN list's names from the index out of
            # order (it filtered the whole site instead): name by name.
            for name in site_names:
                keyed += _walk([site], state, Order.customer_name == name,
                               wanted, rank=rank)
        else:
            keyed += _walk([site], state, _in_names(site_names, state),
                           wanted, rank=rank)
    # Each order counted once: not again by a later way, nor when its
    # customer's orders are counted already.
    counted = [_named(names)] if names else []
    ranks = {site: rank for rank, site in enumerate(site_ids)}
    for way in _code_ways(state.q):
        found, read, firsts = _read_way(site_ids, way, counted, state,
                                        wanted, ranks)
        counted.append(way.condition)
        for status, n in found.items():
            counts[status] += n
        keyed += firsts
        if sum(read.values()) <= MATCHES_COUNTED:
            continue   # every match was read: the firsts are the way's
        # Past MATCHES_COUNTED the way is walked: its matches are many.
        counts.at_least = True
        for rank, site in enumerate(site_ids):
            for condition in way.conditions:
                if way.column is not None:
                    keyed += _walk_or_gather(site, rank, condition,
                                             way.column, state, wanted)
                else:
                    keyed += _walk([site], state,
                                   _walk_test(condition, way.column, state),
                                   wanted, rank=rank)
    return _first(keyed, state, offset, limit), counts


def _dated_page(site_ids, sizes, state, offset, limit):
    """(ids, StatusCounts) of an unsearched list within a date range,
    counted from the day counters. Sorted by date, each site's walk is
    the range itself. By any other key a site is walked whole only when
    the range holds nearly all its orders: a range clusters in every sort
    order (ties go by id, which follows the date), so a walk may read
    every order outside it first. Otherwise its first DATED_WALK_BUDGET
    entries are walked (a range up to today comes first in a descending
    order), and if those hold too few its orders in range are read
    through the (site, date) index and sorted (BENCHMARKS.md)."""
    counts, in_filter = _range_counts(site_ids, state)
    wanted = offset + limit
    by_date = state.sort_key == "date"
    keyed, gathered, outside_gathered = [], {}, 0
    for rank, site in enumerate(site_ids):
        matches = in_filter.get(site, 0)
        outside = sizes.get(site, 0) - matches
        if not matches:
            continue
        if by_date or outside * OUTSIDE_WALKED <= matches:
            keyed += _walk([site], state, _in_range(state, tested=not by_date),
                           wanted, rank=rank)
            continue
        found = _walk_in_budget(site, rank, _in_range(state, tested=True),
                                state, wanted, DATED_WALK_BUDGET)
        if found is None:
            gathered[site] = rank
            outside_gathered += outside
        else:
            keyed += found
    if gathered:
        in_gathered = sum(in_filter[site] for site in gathered)
        narrow = in_gathered * NARROW_RANGE <= in_gathered + outside_gathered
        keyed += _sorted_in_range(gathered, state, wanted, narrow)
    return _first(keyed, state, offset, limit), counts


def _sorted_in_range(ranks, state, wanted, narrow):
    """[(key, id)] of the first `wanted` orders in the date range of the
    sites ranked `ranks`, sorted by the database in one query (PostgreSQL
    keeps only the first rows as it sorts; a gather's CTE would hold every
    order in range). `narrow`: the range holds few of the sites' orders."""
    in_range = _in_filter(Order.select(gather_key(state, ranks).alias("key"),
                                       Order.id)
                          .where(Order.dealer.in_(list(ranks))
                                 & _in_range(state)), state)
    follows_dates = state.sort_key == "code" or (state.sort_key == "status"
                                                 and state.status)
    if narrow and follows_dates and not is_sqlite():
        # An order's code is its creation instant and its id follows it,
        # so a range's orders lie together in code order, and in id order
        # within the one status filtered on. PostgreSQL's planner takes
        # them for spread through it and walks the index from its start
        # (last month by code read the whole table). In a subquery of its
        # own (OFFSET 0) a narrow range is read through the date index
        # and sorted; a wide one's walk is shorter (BENCHMARKS.md).
        in_range = in_range.offset(0).alias("in_range")
        in_range = Order.select(in_range.c.key, in_range.c.id) \
            .from_(in_range)
    key, order_id = in_range.selected_columns
    return list(in_range.order_by(*in_order(state, key, order_id))
                .limit(wanted).tuples())


def _in_range(state, tested=False):
    """The condition of the state's date range (`tested` on each order a
    walk reads, rather than read as a range of the date's index)."""
    created_at = _unindexed(Order.created_at) if tested else Order.created_at
    bounds = []
    if state.since:
        bounds.append(created_at >= state.since)
    if state.until:
        bounds.append(created_at < state.until)
    return functools.reduce(operator.and_, bounds)


def _range_counts(site_ids, state):
    """(StatusCounts, {site: orders in the status filter}) of the sites'
    orders in the state's date range (blueprints/orders/date_counts.py)."""
    return _counted(range_counts(site_ids, state.since, state.until),
                    state.status)


def _gathers(matches, wanted, size):
    """Whether reading a site's matches costs less than walking it: as
    many rows as matches, against about wanted × size ÷ matches entries,
    or, when the matches cluster away from the start of the sort order,
    up to the whole site: up to MATCHES_COUNTED matches are gathered
    unless the site is small enough to walk whole for less."""
    if matches <= MATCHES_COUNTED and matches * GATHERED_ROW <= size:
        return True
    return matches * matches <= wanted * size


def _first(keyed, state, offset, limit):
    """Ids of the page from the candidates (key, id), each order once."""
    unique = {order_id: key for key, order_id in keyed}
    if not is_sqlite() and state.sort_key in TEXT_SORTS and unique:
        # PostgreSQL orders text by its collation, which Python cannot
        # follow: the database sorts the candidates, as its walks did.
        ordering = in_order(state, SORT_FIELDS[state.sort_key], Order.id)
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


def _read_way(site_ids, way, counted, state, wanted, ranks):
    """({status: n}, {status: read}, [(key, id)]) of the sites' orders a
    code way matches, from one read of at most MATCHES_COUNTED + 1 of them
    (all of them when that is fewer): counted by status (n: those none of
    `counted` matches), and the first `wanted` of those read, in sort
    order. One arm per spelling (and site, for a range): an OR of them
    would not be read through the index."""
    key = gather_key(state, ranks)
    arms = []
    for n, condition in enumerate(way.conditions):
        earlier = counted + way.conditions[:n]
        new = Case(None, [(_any_of(earlier), 0)], 1) if earlier else Value(1)
        arm = (Order.select(Order.status, new.alias("new"), key.alias("key"),
                            Order.id)
               .where(condition))
        if way.column is None:
            arms.append(arm.where(_at_sites(site_ids)))
            continue
        # Each site's range read in its order: PostgreSQL would scan the
        # table for the first few of what it deems many (this year's
        # orders lie at its end), or sort the sites' ranges together.
        arms += [Order.select(SQL("*")).from_(
            arm.where(Order.dealer == site).order_by(_binary(way.column))
            .limit(MATCHES_COUNTED + 1).alias(f"spelling{n}_site{site}"))
            for site in site_ids]
    arms = functools.reduce(operator.add, arms)
    # Read once (materialized), then counted and sorted.
    matching = arms.limit(MATCHES_COUNTED + 1).cte("matching",
                                                   materialized=True)
    by_status = (Select([matching], [matching.c.status,
                                     fn.SUM(matching.c.new),
                                     fn.COUNT(SQL("*")),
                                     Value(None), Value(None)])
                 .group_by(matching.c.status))
    in_filter = (matching.c.status == state.status) if state.status else None
    firsts = _first_rows(matching, state, wanted, in_filter).alias("firsts")
    found, read, keyed = {}, {}, []
    for status, new, n, *keyed_row in db.execute(
            (by_status + Select([firsts], [Value(None), Value(None),
                                           Value(None), firsts.c.key,
                                           firsts.c.id]))
            .with_cte(matching)):
        if status is None:
            keyed.append(_key_value(state, keyed_row))
        else:
            found[status], read[status] = int(new), n
    return found, read, keyed


def _named(names):
    """Orders of the sites' customers `names` ({site: names}), tested on
    each order read through another index."""
    return _any_of([(_unindexed(Order.dealer) == site)
                    & _unindexed(Order.customer_name).in_(sorted(site_names))
                    for site, site_names in names.items()])


def _at_sites(site_ids):
    """The test of the sites for a trigram way's read: the trigram index
    leads (not the sites' index, with every order of the sites)."""
    # PostgreSQL's planner too would rather test each order of a
    # (site, status) index: it cannot read `dealer_id + 0` from one.
    site = _unindexed(Order.dealer) if is_sqlite() else Order.dealer + 0
    return site.in_(list(site_ids))


def _code_ways(q):
    """The CodeWays of a search: the code or PO number contains it (from
    INDEXED_LENGTH characters) or starts with it."""
    if len(q) >= INDEXED_LENGTH:
        return [CodeWay(None, [code_condition(q)])]
    # Ranges in code point order, one per spelling: LIKE would not use an
    # index on SQLite, nor on PostgreSQL in every collation (there, the
    # ranges read migration 0017's indexes).
    return [CodeWay(column, [(_binary(column) >= start)
                             & (_binary(column) < start + TOP)
                             for start in spellings(q)])
            for column in (Order.code, Order.po_number)]


def _binary(column):
    """`column` compared by code point, as SQLite's indexes order it (and
    PostgreSQL's in a database of the C collation)."""
    if is_sqlite() or _collation() in ("C", "POSIX", "C.UTF-8", "C.utf8"):
        return column
    return NodeList((column, SQL('COLLATE "C"')))


@functools.cache
def _collation():
    """The PostgreSQL database's collation (one per process: the app
    serves one database)."""
    return db.execute_sql("SELECT datcollate FROM pg_database "
                          "WHERE datname = current_database()").fetchone()[0]


def _any_of(conditions):
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return combined


def code_condition(q):
    """Orders whose code or PO number matches the search."""
    if len(q) < INDEXED_LENGTH:
        return _any_of([way.condition for way in _code_ways(q)])
    if is_sqlite():
        return Order.id.in_(SQL(
            "(SELECT rowid FROM order_code_search "
            "WHERE order_code_search MATCH ?)", [trigram_phrase(q)]))
    # pg_trgm's indexes serve it.
    return contains(Order.code, q) | contains(Order.po_number, q)


def _walk_test(condition, column, state):
    """A code way's condition as a walk tests it on each order: not through
    an index of its own, unless that index is the sort's (the walk is then
    a range of it)."""
    if not is_sqlite() or (column is not None
                           and column is SORT_FIELDS.get(state.sort_key)):
        return condition
    if column is None:
        # The trigram index would be read whole first; a test per order
        # is cheap (LIKE ignores the case of ASCII letters only).
        return contains(Order.code, state.q) | contains(Order.po_number,
                                                        state.q)
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


def _walk_or_gather(site, rank, condition, column, state, wanted):
    """[(key, id)] of the first `wanted` of the site's orders in a range
    of `column` with more than MATCHES_COUNTED matches: walked through the
    first WALK_BUDGET entries of the sort index; if those hold too few,
    gathered from the range's index, which holds every sort key."""
    test = _walk_test(condition, column, state)
    # Sorted by the range's own column, the walk is the range itself.
    if column is SORT_FIELDS.get(state.sort_key):
        return _walk([site], state, test, wanted, rank=rank)
    found = _walk_in_budget(site, rank, test, state, wanted, WALK_BUDGET)
    if found is not None:
        return found
    # Sorting every match would cost as many rows as they are (90 000
    # for "24"): a sample of the range, its first orders in its own
    # order, bounds the page's keys, and only the orders within that
    # bound are gathered and sorted.
    direction = "DESC" if state.descending else "ASC"
    sample = _in_filter(Order.select(_key_column(state, rank).alias("key"),
                                     Order.id.alias("order_id"))
                        .where((Order.dealer == site) & condition), state)
    sample = (sample.order_by(_binary(column).desc() if state.descending
                              else _binary(column).asc())
              .limit(max(wanted, MATCHES_COUNTED)).alias("sample"))
    nth = list(Order.select(sample.c.key, sample.c.order_id).from_(sample)
               .order_by(SQL(f"1 {direction}"), SQL(f"2 {direction}"))
               .limit(1).offset(wanted - 1).tuples())
    bound = _within(state, _key_value(state, nth[0])) if nth else None
    return _gather(Order.dealer == site, condition if bound is None
                   else condition & bound, state, wanted, {site: rank})


def _key_value(state, keyed):
    """(key, id) with the key as walks give it (read from a subquery or a
    CTE, it comes as the database gives it)."""
    key_value, order_id = keyed
    if state.sort_key != "site":
        key_value = SORT_FIELDS[state.sort_key].python_value(key_value)
    return key_value, order_id


def _walk_in_budget(site, rank, test, state, wanted, budget):
    """[(key, id)] of the site's first `wanted` orders meeting `test`, if
    the first `budget` entries of its sort index hold them (or the site
    has no more entries); else None."""
    budget_end = _budget_end(site, state, rank, budget)
    if budget_end is None:
        return _walk([site], state, test, wanted, rank=rank)
    found = []
    for part in _up_to(state, budget_end):
        found += _walk([site], state, test & part, wanted - len(found),
                       rank=rank)
        if len(found) == wanted:
            return found
    return None


def _budget_end(site, state, rank, budget):
    """(key, id) of the site's `budget`-th order in sort order (None if it
    has fewer)."""
    found = _walk([site], state, None, 1, budget - 1, rank)
    return found[0] if found else None


def _up_to(state, last):
    """The orders coming no later in sort order than `last` (key, id), as
    conditions that are each a range of the sort index, in sort order:
    for walks, which _within's (key, id) test would slow on each entry
    (BENCHMARKS.md)."""
    value, order_id = last
    if _id_orders(state):
        return [_up_to_id(state, order_id)]
    key = SORT_FIELDS[state.sort_key]
    return [key > value if state.descending else key < value,
            (key == value) & _up_to_id(state, order_id)]


def _within(state, last):
    """The condition on an order's (key, id) of coming no later in sort
    order than `last`, tested on each order (a gather's bound)."""
    value, order_id = last
    if _id_orders(state):
        return _up_to_id(state, order_id)
    key = SORT_FIELDS[state.sort_key]
    walked, bound = Tuple(key, Order.id), Tuple(Value(value, converter=False),
                                               order_id)
    return walked >= bound if state.descending else walked <= bound


def _up_to_id(state, order_id):
    return Order.id >= order_id if state.descending else Order.id <= order_id


def _id_orders(state):
    """Whether the id alone orders a site's list: it has one key on every
    row (its rank among the sites, or the status filtered on)."""
    return state.sort_key == "site" or (state.sort_key == "status"
                                        and state.status)


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
    ordering = [SQL(f"1 {direction}"), SQL(f"2 {direction}")]
    query = arms[0]
    if len(arms) > 1:
        # Each site's first orders from its own index, merged: PostgreSQL
        # would sort the sites' whole UNION ALL instead.
        firsts = [Order.select(SQL("*")).from_(
            arm.order_by(*ordering).limit(limit + offset).alias(f"site{n}"))
            for n, arm in enumerate(arms)]
        query = firsts[0]
        for first in firsts[1:]:
            query = query + first
    return list(query.order_by(*ordering).limit(limit)
                .offset(offset or None).tuples())


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


def _gather(at_sites, condition, state, limit, ranks):
    """[(key, id)] of the first `limit` of the sites' orders (`at_sites`,
    their ranks `ranks`) meeting `condition`: read through the condition's
    index first (a materialized CTE, so that neither planner walks the
    sort index instead), then sorted."""
    matches = _in_filter(Order.select(gather_key(state, ranks).alias("key"),
                                      Order.id)
                         .where(at_sites & condition), state) \
        .cte("matches", materialized=True)
    return [_key_value(state, row) for row in db.execute(
        _first_rows(matches, state, limit).with_cte(matches))]


def gather_key(state, ranks):
    """The sort key of a gather of the sites ranked `ranks`."""
    return Case(Order.dealer, list(ranks.items())) \
        if state.sort_key == "site" else _key_column(state)


def _first_rows(matches, state, limit, condition=None):
    """(key, id) of the first `limit` rows of `matches` (a CTE with key
    and id) meeting `condition`, in sort order."""
    terms = [matches.c.key, matches.c.id]
    query = Select([matches], terms)
    if condition is not None:
        query = query.where(condition)
    return query.order_by(*in_order(state, *terms)).limit(limit)


def in_order(state, key, order_id):
    """ORDER BY terms of (key, id) in the list's direction."""
    if state.descending:
        return [key.desc(), order_id.desc()]
    return [key.asc(), order_id.asc()]


def _in_filter(query, state):
    """`query` limited to the state's status filter."""
    return query.where(Order.status == state.status) if state.status \
        else query


def _key_column(state, rank=0):
    """The sort key as selected: the site's rank among the user's sites
    when sorting by site, else the sort column."""
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
        query = query.where(contains(OrderCustomerCount.customer_name, q))
    return query.tuples()


def _status_counts(site_ids, status):
    """(StatusCounts of the sites, {site: orders in the status filter})."""
    # Compiled once per number of sites (models/prepared.py): every list
    # request reads them (BENCHMARKS.md).
    return _counted(prepared.rows(_status_counts_of, list(site_ids)), status)


def _status_counts_of(site_ids):
    return (OrderStatusCount.select(OrderStatusCount.dealer,
                                    OrderStatusCount.status, OrderStatusCount.n)
            .where(OrderStatusCount.dealer.in_(site_ids)))


def _counted(rows, status):
    """(StatusCounts, {site: orders in the status filter}) from rows of
    (site, status, orders)."""
    counts = StatusCounts.fromkeys(ORDER_STATUSES, 0)
    sizes = {}
    for site, row_status, n in rows:
        counts[row_status] += n
        if not status or row_status == status:
            sizes[site] = sizes.get(site, 0) + n
    return counts, sizes
