"""Searches that match many orders by customer name, newest first.

A name shared by tens of thousands of orders made a search read every one
of them, to count them by status and to sort them: 0.3 s for "Virtanen"
and 0.8 s for "korjaamo" at a million orders. Customers are few next to
their orders, so here

- one summing query over the sites' rows of order_customer_count (site,
  customer, status, number of orders) says whether the customers a search
  matches have many orders; only then are the matching names found among
  those rows, and the status counts summed from them;
- the orders whose code or PO number matches are read as before: few,
  or this path does not apply;
- each site's newest matching orders come from its date index, walked
  newest first and kept when the customer matches, so a name on one
  order in twenty finds a page of 50 within about 1 000 index entries. A
  site where matching orders are too rare for that reads them through
  its (site, customer) index instead, as the general path would.

It serves the list's default order (by date, either way); other sorts take
the general path (queries._searched_page). Results are the general path's,
order for order (tests/test_orders_broad_search.py).
"""
import heapq

from peewee import fn

from blueprints.orders.text_match import like, word_start_matcher
from models import ORDER_STATUSES, Order, prepared
from models.orders import OrderCustomerCount, OrderStatusCount


def name_matcher(q, indexed_length):
    """Whether a customer name matches the search as the indexes match it:
    anywhere, ignoring case, from `indexed_length` characters; below that
    where one of its words starts (text_match.word_start_matcher)."""
    if len(q) >= indexed_length:
        needle = q.lower()
        return lambda name: needle in name.lower()
    return word_start_matcher(q)


def name_search_page(sites, state, matches, like_pattern, code_rows, limit,
                     offset, threshold):
    """(ids of the page, status counts), or None where this path does not
    apply: another sort, or no more than `threshold` orders to read.

    `matches(name)` tests a customer name; `like_pattern` is a LIKE pattern
    for about the same names; `code_rows(limit)` reads the orders whose
    code or PO number matches as (id, status, date text, site, customer),
    at most `limit` of them.
    """
    if state.sort_key != "date":
        return None
    # Most searches match few orders by name: one summing query in the
    # database says so, before the sites' customer rows are read and
    # matched here. (SQLite's LIKE may miss a name whose non-ASCII letters
    # differ in case: such a search then takes the general path.)
    if prepared.rows(_named_orders, sites, like_pattern)[0][0] <= threshold:
        return None
    names, counts, per_site = _matching_names(sites, state, matches)
    if sum(counts.values()) <= threshold:
        return None
    by_code = code_rows(threshold + 1)
    if len(by_code) > threshold:
        return None
    extra = [row for row in by_code
             if row[4] not in names.get(row[3], ())]
    for _id, status, *_rest in extra:
        counts[status] = counts.get(status, 0) + 1
    wanted = offset + limit
    candidates = [(row[2], row[0]) for row in extra
                  if not state.status or row[1] == state.status]
    totals = _site_totals(sites, state)
    for site, found in per_site.items():
        candidates += _site_page(site, names[site], state, wanted,
                                 walk=found * found
                                 > wanted * totals.get(site, 0))
    pick = heapq.nlargest if state.descending else heapq.nsmallest
    return [order_id for _key, order_id in
            pick(wanted, candidates)[offset:]], counts


def _matching_names(sites, state, matches):
    """({site: matching names}, status counts, {site: orders to list})."""
    names, per_site = {}, {}
    counts = dict.fromkeys(ORDER_STATUSES, 0)
    for site, name, status, n in prepared.rows(_customer_counts, sites):
        if not matches(name):
            continue
        names.setdefault(site, set()).add(name)
        counts[status] = counts.get(status, 0) + n
        if not state.status or status == state.status:
            per_site[site] = per_site.get(site, 0) + n
    return names, counts, per_site


def _named_orders(sites, like_pattern):
    return (OrderCustomerCount
            .select(fn.COALESCE(fn.SUM(OrderCustomerCount.n), 0))
            .where(OrderCustomerCount.dealer.in_(sites)
                   & like(OrderCustomerCount.customer_name, like_pattern)))


def _customer_counts(sites):
    return (OrderCustomerCount
            .select(OrderCustomerCount.dealer, OrderCustomerCount.customer_name,
                    OrderCustomerCount.status, OrderCustomerCount.n)
            .where(OrderCustomerCount.dealer.in_(sites)
                   & (OrderCustomerCount.n > 0)))


def _site_totals(sites, state):
    """{site: orders in the status filter}, from the status counters."""
    query = (OrderStatusCount
             .select(OrderStatusCount.dealer, fn.SUM(OrderStatusCount.n))
             .where(OrderStatusCount.dealer.in_(sites))
             .group_by(OrderStatusCount.dealer))
    if state.status:
        query = query.where(OrderStatusCount.status == state.status)
    return {site: int(n or 0) for site, n in query.tuples()}


def _site_page(site, names, state, wanted, walk):
    """[(date text, id)] of the site's first `wanted` orders of `names`.

    walk: read the date index in order and keep the named customers' orders
    (`customer_name || ''` keeps the planner off the name index). Else read
    the named customers' orders through the (site, customer) index and sort
    them (the date as text keeps the planner off the date index).
    """
    key = Order.created_at.cast("TEXT")
    name = Order.customer_name.concat("") if walk else Order.customer_name
    query = Order.select(key, Order.id).where(
        (Order.dealer == site) & name.in_(sorted(names)))
    if state.status:
        query = query.where(Order.status == state.status)
    date = Order.created_at if walk else Order.created_at.concat("")
    ordering = ([date.desc(), Order.id.desc()] if state.descending
                else [date.asc(), Order.id.asc()])
    return list(query.order_by(*ordering).limit(wanted).tuples())
