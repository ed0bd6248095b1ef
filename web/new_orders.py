"""The header's "N new orders" notice, kept fresh by light polling.

The session remembers the newest order id the dealer has seen (the list's
full page marks all as seen); orders of the dealer's sites above it are
new. Counting them reads only the rows above that id, however many orders
there are. The poll answers 204 while the count is unchanged, so an open
tab costs a tiny request every few seconds and never holds a worker.
"""
from flask import current_app, session
from flask_login import current_user
from peewee import fn

from models import Order

SESSION_KEY = "orders_seen_id"


def newest_order_id():
    return Order.select(fn.MAX(Order.id)).scalar() or 0


def mark_all_seen():
    session[SESSION_KEY] = newest_order_id()


def seen_marker():
    marker = session.get(SESSION_KEY)
    if not isinstance(marker, int):
        marker = session[SESSION_KEY] = newest_order_id()
    return marker


def new_order_count():
    """Orders of the user's sites that arrived after the marker."""
    return (Order.select()
            .where((Order.id > seen_marker())
                   & Order.dealer.in_(current_user.dealer_ids()))
            .count())


def shows_new_orders():
    return current_user.is_authenticated and not current_user.is_agent


def register(app):
    app.jinja_env.globals.update(
        shows_new_orders=shows_new_orders, new_order_count=new_order_count,
        new_orders_poll_seconds=lambda: current_app.config[
            "NEW_ORDERS_POLL_SECONDS"])
