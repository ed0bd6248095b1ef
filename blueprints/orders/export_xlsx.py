"""The order list as an Excel workbook: real numbers and real dates.

openpyxl's write-only mode writes rows to a temporary file as they come,
so a large export does not build the sheet in memory.
"""
import datetime
import tempfile
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.numbers import get_currency_symbol
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from blueprints.orders.export import safe_cell

# Excel's last row, less the header: beyond it a sheet cannot go.
MAX_ROWS = 1_048_575
# Characters per column: code, site, PO number, customer, date, status,
# total, currency.
WIDTHS = (20, 26, 22, 30, 18, 14, 14, 10)
DATE_FORMAT = "yyyy-mm-dd hh:mm"
# Locales that write the currency after the amount (1 143,23 €).
SYMBOL_AFTER = ("fi", "sv")


def money_format(currency, locale):
    symbol = get_currency_symbol(currency, locale=locale).replace('"', "")
    if locale in SYMBOL_AFTER:
        return f'#,##0.00 "{symbol}"'
    return f'"{symbol}"#,##0.00'


def xlsx_file(orders, header, status_names, locale, time_zone, title):
    """A temporary file holding the workbook, positioned at its start."""
    zone = ZoneInfo(time_zone)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    bold = Font(bold=True)
    sheet.append([_cell(sheet, label, font=bold) for label in header])
    formats = {}
    for row, order in enumerate(orders.iterator()):
        if row >= MAX_ROWS:
            break
        if order.currency not in formats:
            formats[order.currency] = money_format(order.currency, locale)
        sheet.append([
            safe_cell(order.code), safe_cell(order.dealer.label),
            safe_cell(order.po_number), safe_cell(order.customer_name),
            _cell(sheet, _local(order.created_at, zone),
                  number_format=DATE_FORMAT),
            status_names[order.status],
            _cell(sheet, Decimal(order.total_cents) / 100,
                  number_format=formats[order.currency]),
            safe_cell(order.currency)])
    output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    book.save(output)
    output.seek(0)
    return output


def _cell(sheet, value, font=None, number_format=None):
    cell = WriteOnlyCell(sheet, value=value)
    if font:
        cell.font = font
    if number_format:
        cell.number_format = number_format
    return cell


def _local(instant, zone):
    """A stored UTC instant as the viewer's wall-clock time (Excel has no
    time zones)."""
    return (instant.replace(tzinfo=datetime.timezone.utc).astimezone(zone)
            .replace(tzinfo=None))
