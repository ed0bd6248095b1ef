"""Parts orders placed by trade customers, their lines and status history."""
from peewee import (BigIntegerField, CharField, CompositeKey, DateField,
                    DateTimeField, ForeignKeyField, IntegerField, TextField)

from models.accounts import TradeAccount
from models.base import BaseModel, utcnow
from models.people import Dealer, User

STATUS_NEW = "new"
STATUS_IN_PROGRESS = "in_progress"
STATUS_COMPLETE = "complete"
STATUS_CANCELLED = "cancelled"
VIA_API = "api"
ORDER_STATUSES = (STATUS_NEW, STATUS_IN_PROGRESS, STATUS_COMPLETE,
                  STATUS_CANCELLED)


class Order(BaseModel):
    dealer = ForeignKeyField(Dealer, backref="orders")
    account = ForeignKeyField(TradeAccount, backref="orders")
    # The customer's name as it was when the order was placed.
    customer_name = CharField(max_length=120)
    # Text, not a number: codes are matched as typed (one seed code is short).
    code = CharField(unique=True, max_length=24)
    po_number = CharField(max_length=40)
    created_at = DateTimeField(index=True)
    status = CharField(max_length=16, default=STATUS_NEW)
    # Integer cents; a cancelled order's total is 0 while its lines remain.
    total_cents = IntegerField(default=0)
    currency = CharField(max_length=3, default="EUR")
    updated_at = DateTimeField(default=utcnow)
    # What the marketplace sends with an order (empty for other orders).
    note = TextField(default="")
    contact_email = CharField(max_length=254, default="")

    class Meta:
        # Every sort column, with and without the status filter, is read in
        # order from an index that also holds the id (ties) and what a
        # search's walk tests; the code and PO number indexes, whose ranges
        # a short search gathers, hold every sort key, and on SQLite so do
        # the date indexes, which a date range reads (migrations 0016 and
        # 0019, which name them order_sort_[status_]KEY).
        indexes = (
            (("dealer", "code", "id", "po_number", "customer_name",
              "created_at", "total_cents", "status"), False),
            (("dealer", "status", "code", "id", "po_number", "customer_name",
              "created_at", "total_cents"), False),
            (("dealer", "po_number", "id", "code", "customer_name",
              "created_at", "total_cents", "status"), False),
            (("dealer", "status", "po_number", "id", "code", "customer_name",
              "created_at", "total_cents"), False),
            (("dealer", "created_at", "id", "code", "po_number",
              "customer_name", "total_cents", "status"), False),
            (("dealer", "status", "created_at", "id", "code", "po_number",
              "customer_name", "total_cents"), False),
        ) + tuple(
            (("dealer",) + status + (key, "id", "code", "po_number"), False)
            for key in ("customer_name", "total_cents")
            for status in ((), ("status",))) + (
            (("dealer", "id", "code", "po_number"), False),
            (("dealer", "status", "id", "code", "po_number"), False),
            # One customer's orders by date, with every column the list
            # sorts and searches by (migrations 0010 and 0021).
            (("account", "created_at", "id", "dealer", "status", "code",
              "po_number", "customer_name", "total_cents"), False),
            # The API's change feed (migration 0011).
            (("dealer", "updated_at", "id"), False),
        )


class OrderStatusCount(BaseModel):
    """Orders per site and status, kept by database triggers (0004).

    The list's status counts read a few of these rows instead of counting
    every order of the sites on each request.
    """
    dealer = ForeignKeyField(Dealer, on_delete="CASCADE")
    status = CharField(max_length=16)
    n = IntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("dealer", "status")


class OrderCustomerCount(BaseModel):
    """Orders per site, customer name and status, kept by triggers (0009).

    A broad search finds its customer names among these rows and sums
    their counts instead of reading every matching order.
    """
    dealer = ForeignKeyField(Dealer, on_delete="CASCADE")
    customer_name = CharField(max_length=120)
    status = CharField(max_length=16)
    n = IntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("dealer", "customer_name", "status")


class OrderDayCount(BaseModel):
    """Orders per site, status and UTC day of creation, kept by triggers
    (migration 0020).

    A date range's whole days are summed from these rows instead of
    counting every order in range.
    """
    dealer = ForeignKeyField(Dealer, on_delete="CASCADE")
    status = CharField(max_length=16)
    day = DateField()
    n = IntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("dealer", "status", "day")


class OrderLine(BaseModel):
    order = ForeignKeyField(Order, backref="lines", on_delete="CASCADE")
    line_no = IntegerField()
    part_number = CharField(max_length=40)
    description = CharField(max_length=200)
    quantity = IntegerField()
    unit_price_cents = IntegerField()

    @property
    def total_cents(self):
        return self.quantity * self.unit_price_cents


class OrderEvent(BaseModel):
    order = ForeignKeyField(Order, backref="events", on_delete="CASCADE")
    user = ForeignKeyField(User, null=True)
    at = DateTimeField(default=utcnow)
    # "" when the order was received (it had no status before).
    from_status = CharField(max_length=16)
    to_status = CharField(max_length=16)
    # VIA_API when the marketplace made the change, "" for the app's users.
    via = CharField(max_length=16, default="")


class OrderAccountTotal(BaseModel):
    """A trade account's orders and their total per currency, kept by
    triggers (migration 0015)."""
    account = ForeignKeyField(TradeAccount, on_delete="CASCADE")
    currency = CharField(max_length=3)
    n = IntegerField(default=0)
    total_cents = BigIntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("account", "currency")
