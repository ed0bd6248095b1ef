"""The order list as CSV, streamed, in the spreadsheet style of the locale.

The stream outlives the request (and its database connection), so it gets
everything locale-dependent up front and opens its own connection.
"""
import csv
import io
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from models import db

# A cell starting with one of these would run as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Finnish and Swedish spreadsheets read ";" separated cells and decimal commas.
COMMA_DECIMAL_LOCALES = ("fi", "sv")


def safe_cell(value):
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def amount(cents, decimal_sign):
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}{decimal_sign}{part:02d}"


def csv_stream(orders, header, status_names, locale, time_zone):
    """Yield the CSV text a row at a time (a BOM first, for spreadsheets)."""
    comma = locale in COMMA_DECIMAL_LOCALES
    delimiter, decimal_sign = (";", ",") if comma else (",", ".")
    zone = ZoneInfo(time_zone)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")

    def flush():
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(header)
    yield "\ufeff" + flush()
    with db.connection_context():
        for order in orders.iterator():
            created = format_datetime(order.created_at, "yyyy-MM-dd HH:mm",
                                      tzinfo=zone, locale=locale)
            writer.writerow([safe_cell(order.code),
                             safe_cell(order.dealer.label),
                             safe_cell(order.po_number),
                             safe_cell(order.customer_name), created,
                             status_names[order.status],
                             amount(order.total_cents, decimal_sign),
                             safe_cell(order.currency)])
            yield flush()
