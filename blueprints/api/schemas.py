"""The API's schemas: they validate requests, shape answers and make the
OpenAPI document (blueprints/api/openapi.py), so there is no second copy.

Amounts are decimal strings ("12.50"), never JSON numbers, so no float
ever touches money.
"""
from typing import Annotated, Literal

from babel.numbers import list_currencies
from email_validator import EmailNotValidError, validate_email
from pydantic import (AfterValidator, BaseModel, ConfigDict, Field,
                      field_validator)

from domain.safe_text import describe, unsafe_character
from models import ORDER_STATUSES

MAX_LINES = 100
MAX_ORDER_TOTAL_CENTS = 999_999_999  # 9 999 999.99: fits every database's integer
CURRENCIES = frozenset(list_currencies())


def _clean(multiline):
    def check(text):
        bad = unsafe_character(text, multiline=multiline)
        if bad is not None:
            raise ValueError(f"must not contain {describe(bad)}")
        return text
    return AfterValidator(check)


def _text(max_length, min_length=1, multiline=False):
    return Annotated[str, Field(min_length=min_length, max_length=max_length),
                     _clean(multiline)]


def _email(value):
    if value == "":
        return value
    try:
        return validate_email(value, check_deliverability=False,
                              allow_smtputf8=False).normalized
    except EmailNotValidError as error:
        raise ValueError(str(error))


def _currency(value):
    if value not in CURRENCIES:
        raise ValueError("is not an ISO 4217 currency code")
    return value


DecimalAmount = Annotated[str, Field(
    pattern=r"^(0|[1-9][0-9]{0,5})(\.[0-9]{1,2})?$",
    description="A decimal string with at most two decimals, "
                "0 to 999999.99.", examples=["12.50"])]
Money = Annotated[str, Field(pattern=r"^-?[0-9]+\.[0-9]{2}$",
                             examples=["1143.23"])]
Status = Literal[ORDER_STATUSES]
Instant = Annotated[str, Field(
    description="UTC, ISO 8601 to the millisecond.",
    examples=["2026-12-04T08:15:30.123Z"])]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class NewOrderLine(Strict):
    part_number: _text(40)
    description: _text(200)
    quantity: int = Field(ge=1, le=9999)
    unit_price: DecimalAmount


class NewOrder(Strict):
    """An order placed on the marketplace for one of the site's accounts."""
    account_id: int = Field(ge=1, le=2**31 - 1, description=(
        "One of the site's active trade accounts (GET /trade-accounts)."))
    po_number: _text(40)
    lines: list[NewOrderLine] = Field(min_length=1, max_length=MAX_LINES)
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$"),
                        AfterValidator(_currency)] = "EUR"
    note: _text(2000, min_length=0, multiline=True) = ""
    contact_email: Annotated[str, Field(max_length=254),
                             AfterValidator(_email)] = ""

    @field_validator("lines")
    @classmethod
    def total_within_limit(cls, lines):
        total = sum(line.quantity * _cents(line.unit_price) for line in lines)
        if total > MAX_ORDER_TOTAL_CENTS:
            raise ValueError("make an order total over 9999999.99")
        return lines


def _cents(amount):
    whole, _dot, fraction = amount.partition(".")
    return int(whole) * 100 + int((fraction + "00")[:2])


class CancelOrder(Strict):
    """The customer's cancellation; nothing else needs to be sent."""


class Account(Strict):
    id: int
    name: str


class OrderLine(Strict):
    line_no: int
    part_number: str
    description: str
    quantity: int
    unit_price: Money
    line_total: Money


class OrderEvent(Strict):
    at: Instant
    type: Literal["received", "status_changed"]
    from_: Status | None = Field(alias="from")
    to: Status
    by: Literal["marketplace", "dealer"]


class Order(Strict):
    code: str = Field(description="The UTC instant of acceptance, "
                      "YYMMDD-HHMMSSmmm.", examples=["261204-081530123"])
    status: Status
    created_at: Instant
    updated_at: Instant
    account: Account
    po_number: str
    currency: str
    note: str
    contact_email: str
    lines: list[OrderLine]
    total: Money = Field(description="0.00 once the order is cancelled.")
    lines_total: Money
    events: list[OrderEvent]


class OrderList(Strict):
    data: list[Order]
    next_cursor: str | None


class TradeAccount(Strict):
    id: int
    name: str
    active: bool


class TradeAccountList(Strict):
    data: list[TradeAccount]
    next_cursor: str | None


class FieldError(Strict):
    pointer: str | None = Field(None, description="JSON pointer into the body.")
    parameter: str | None = Field(None, description="A query or header "
                                  "parameter's name.")
    detail: str


class Problem(BaseModel):
    """RFC 9457 problem details."""
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None
