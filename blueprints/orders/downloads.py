"""The order list's downloads: CSV (streamed) and Excel, same columns and
filter, named after the site and the day."""
import datetime
import re
from zoneinfo import ZoneInfo

from flask import Response
from flask_babel import get_locale, get_timezone, lazy_gettext as _l
from flask_login import current_user

from blueprints.orders import ORDER_COLUMNS, bp, queries
from blueprints.orders.export import csv_stream
from blueprints.orders.export_xlsx import xlsx_file
from blueprints.orders.labels import STATUS_LABELS
from blueprints.orders.views import list_state
from web.access import dealer_required
from web.i18n import user_sites

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CURRENCY = _l("Currency")


def _export():
    """(orders, header, status names, file name without extension)."""
    site_ids = current_user.dealer_ids()
    state, _customer = list_state(site_ids)
    header = [str(label) for label, _key in ORDER_COLUMNS] + [str(CURRENCY)]
    status_names = {key: str(label) for key, label in STATUS_LABELS.items()}
    orders = queries.orders_for_export(site_ids, state)
    return orders, header, status_names, _file_name(state)


def _file_name(state):
    """orders-20-90074-2026-12-03: the site (or all sites) and today in the
    viewer's zone."""
    site = "all-sites"
    if state.site:
        code = next(s.code for s in user_sites() if s.id == state.site)
        site = re.sub(r"[^A-Za-z0-9]+", "-", code).strip("-") or "site"
    today = datetime.datetime.now(ZoneInfo(str(get_timezone()))).date()
    return f"orders-{site}-{today.isoformat()}"


@bp.route("/export.csv")
@dealer_required
def export_csv():
    """Exactly the current filter and search, streamed as CSV."""
    orders, header, status_names, name = _export()
    rows = csv_stream(orders, header, status_names, str(get_locale()),
                      str(get_timezone()))
    return Response(rows, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{name}.csv"'})


@bp.route("/export.xlsx")
@dealer_required
def export_xlsx():
    """The same as the CSV, as an Excel workbook with numbers and dates."""
    orders, header, status_names, name = _export()
    workbook = xlsx_file(orders, header, status_names, str(get_locale()),
                         str(get_timezone()), str(_l("Orders")))
    return Response(_chunks(workbook), mimetype=XLSX, headers={
        "Content-Disposition": f'attachment; filename="{name}.xlsx"'})


def _chunks(file, size=64 * 1024):
    """The file's bytes, closing (and so deleting) it at the end."""
    with file:
        while chunk := file.read(size):
            yield chunk
