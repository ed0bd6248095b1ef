"""Order queries, always scoped to the dealer sites a user belongs to."""
from peewee import JOIN, fn

from models import ORDER_STATUSES, Dealer, Order, OrderEvent, OrderLine, User

SORT_FIELDS = {
    "code": Order.code,
    "site": Dealer.code,
    "po": Order.po_number,
    "customer": Order.customer_name,
    "date": Order.created_at,
    "status": Order.status,
    "total": Order.total_cents,
}


def _matching(site_ids, state):
    """Orders of the user's sites matching the search and site filter."""
    query = Order.select().where(Order.dealer.in_(
        [state.site] if state.site else site_ids))
    if state.q:
        query = query.where(Order.code.contains(state.q)
                            | Order.po_number.contains(state.q)
                            | Order.customer_name.contains(state.q))
    return query


def status_counts(site_ids, state):
    """{status: count} for the search and site filter (any status)."""
    query = (_matching(site_ids, state)
             .select(Order.status, fn.COUNT(Order.id))
             .group_by(Order.status).tuples())
    counts = {status: 0 for status in ORDER_STATUSES}
    counts.update(dict(query))
    return counts


def page_of_orders(site_ids, state, page_size):
    """One page of orders (with their dealer) for the list state."""
    query = _matching(site_ids, state)
    if state.status:
        query = query.where(Order.status == state.status)
    field = SORT_FIELDS[state.sort_key]
    order = field.desc() if state.descending else field.asc()
    tie = Order.id.desc() if state.descending else Order.id.asc()
    return (query.select(Order, Dealer).join(Dealer)
            .order_by(order, tie)
            .paginate(state.page, page_size))


def orders_for_export(site_ids, state):
    """Every order of the list state, in its order (iterate it lazily)."""
    query = _matching(site_ids, state)
    if state.status:
        query = query.where(Order.status == state.status)
    field = SORT_FIELDS[state.sort_key]
    order = field.desc() if state.descending else field.asc()
    return (query.select(Order, Dealer).join(Dealer)
            .order_by(order, Order.id))


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
