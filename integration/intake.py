"""Taking in an order from the marketplace: code, lines, totals, event,
and the notice that tells the site's users."""
import datetime
from decimal import Decimal

from peewee import IntegrityError

from domain.order_codes import code_for
from integration.outbox import ORDER_CREATED, record_order_event
from models import (STATUS_NEW, VIA_API, Order, OrderEvent, OrderLine,
                    TradeAccount, utcnow, write_transaction)
from models.site_notices import KIND_NEW_ORDER, notify_site

# Codes are the instant of acceptance to the millisecond; orders accepted in
# the same millisecond take the next free one (a few at most in a burst).
MAX_CODE_TRIES = 1000


class AccountNotUsable(Exception):
    """The account is not one of the site's active trade accounts."""


def cents(amount):
    """A Decimal with at most two decimals as integer cents."""
    return int((Decimal(amount) * 100).to_integral_exact())


def usable_account(dealer_id, account_id):
    account = TradeAccount.get_or_none((TradeAccount.id == account_id)
                                       & (TradeAccount.dealer == dealer_id))
    if account is None or not account.active:
        raise AccountNotUsable()
    return account


def create_order(dealer_id, fields):
    """Store an order the marketplace sent; call inside a transaction.

    `fields` is the validated request: account_id, po_number, lines (each
    part_number, description, quantity, unit_price as Decimal), currency,
    note, contact_email.
    """
    account = usable_account(dealer_id, fields["account_id"])
    lines = [(line["part_number"], line["description"], line["quantity"],
              cents(line["unit_price"])) for line in fields["lines"]]
    instant = _to_millisecond(utcnow())
    order = None
    for _try in range(MAX_CODE_TRIES):
        try:
            with write_transaction():
                order = Order.create(
                    dealer=dealer_id, account=account,
                    customer_name=account.name, code=code_for(instant),
                    po_number=fields["po_number"], created_at=instant,
                    updated_at=instant, status=STATUS_NEW,
                    total_cents=sum(q * price for _p, _d, q, price in lines),
                    currency=fields["currency"], note=fields["note"],
                    contact_email=fields["contact_email"])
            break
        except IntegrityError:
            if not Order.select().where(Order.code == code_for(instant)).exists():
                raise
            instant += datetime.timedelta(milliseconds=1)
    if order is None:
        raise RuntimeError("no free order code")
    rows = [OrderLine(order=order, line_no=number, part_number=part,
                      description=description, quantity=quantity,
                      unit_price_cents=price)
            for number, (part, description, quantity, price)
            in enumerate(lines, start=1)]
    OrderLine.bulk_create(rows)
    event = OrderEvent.create(order=order, user=None, at=instant,
                              from_status="", to_status=STATUS_NEW,
                              via=VIA_API)
    record_order_event(order, ORDER_CREATED, lines=rows, events=[event])
    # Everyone at the site hears of it: one row, however many users.
    notify_site(dealer_id, KIND_NEW_ORDER, order.code, summary=account.name,
                at=instant)
    return order, rows, [event]


def _to_millisecond(instant):
    return instant.replace(microsecond=instant.microsecond // 1000 * 1000)
