"""The order list's CSV and Excel downloads: columns, names, numbers, dates."""
import csv
import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from models import Dealer, Order, TradeAccount, utcnow

CODE = "190114-204115761"   # 1 143,23 €, 20:41 UTC on 14 Jan 2019


def _today():
    return datetime.datetime.now(ZoneInfo("Europe/Helsinki")).date()


def _workbook(client, query):
    response = client.get("/orders/export.xlsx?" + query)
    assert response.status_code == 200
    assert response.mimetype == ("application/vnd.openxmlformats-"
                                 "officedocument.spreadsheetml.sheet")
    return response, load_workbook(io.BytesIO(response.data)).active


def test_csv_has_a_currency_column_and_a_dated_name(demo, client, auth):
    auth.login()
    response = client.get(f"/orders/export.csv?lang=en&q={CODE}")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="orders-all-sites-{_today()}.csv"')
    rows = list(csv.reader(io.StringIO(
        response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][-1] == "Currency"
    assert rows[1][6:] == ["1143.23", "EUR"]


def test_file_name_names_the_selected_site(demo, client, auth):
    helsinki = Dealer.get(Dealer.code == "20/90074")
    auth.login()
    for extension in ("csv", "xlsx"):
        response = client.get(f"/orders/export.{extension}?site={helsinki.id}")
        assert (f'filename="orders-20-90074-{_today()}.{extension}"'
                in response.headers["Content-Disposition"])
        response.close()


def test_xlsx_has_numbers_dates_and_a_frozen_header(demo, client, auth):
    auth.login()
    response, sheet = _workbook(client, f"lang=fi&q={CODE}")
    assert response.headers["Content-Disposition"].endswith(
        f'orders-all-sites-{_today()}.xlsx"')
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == [
        "Tilauksen koodi", "Liikkeen koodi ja paikkakunta",
        "Hankintatilauksen numero", "Asiakas", "Päivämäärä", "Tila", "Summa",
        "Valuutta"]
    assert rows[0][0].font.bold
    code, site, _po, customer, when, status, total, currency = rows[1]
    assert code.value == CODE and site.value == "20/90074 – Helsinki"
    assert customer.value == "JG IMT 1" and status.value == "Uusi"
    # 20:41 UTC is 22:41 in Helsinki: a real date cell, in the viewer's zone.
    assert isinstance(when.value, datetime.datetime)
    assert when.value.replace(microsecond=0) == datetime.datetime(
        2019, 1, 14, 22, 41, 15)
    assert when.number_format == "yyyy-mm-dd hh:mm"
    assert Decimal(str(total.value)) == Decimal("1143.23")
    assert total.number_format == '#,##0.00 "€"'
    assert currency.value == "EUR"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width == 30


def test_xlsx_follows_the_filter(demo, client, auth):
    auth.login()
    _response, sheet = _workbook(
        client, "lang=en&q=JG+IMT+1&status=cancelled&from=2019-01-01")
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) > 1
    assert all(row[5] == "Cancelled" and row[6] == 0 for row in rows[1:])
    assert rows[0][6] == "Total"


def test_xlsx_in_english_puts_the_symbol_first(demo, client, auth):
    auth.login()
    _response, sheet = _workbook(client, f"lang=en&q={CODE}")
    assert sheet["G2"].number_format == '"€"#,##0.00'


def test_xlsx_neutralises_formulas(demo, client, auth):
    dealer = Dealer.get(Dealer.code == "20/90074")
    account = TradeAccount.select().where(
        TradeAccount.dealer == dealer).first()
    Order.create(dealer=dealer, account=account, code="HOSTILE-1",
                 customer_name='=HYPERLINK("http://evil.example","x")',
                 po_number="+SUM(A1)", created_at=utcnow(), total_cents=-100)
    auth.login()
    response, sheet = _workbook(client, "q=HOSTILE")
    row = [cell.value for cell in list(sheet.iter_rows())[1]]
    assert row[3] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    assert row[2] == "'+SUM(A1)"
    assert row[6] == -1
    assert b"<f>" not in _sheet_xml(response.data)


def _sheet_xml(data):
    import zipfile
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def test_list_links_to_both_downloads(demo, client, auth):
    auth.login()
    html = client.get("/orders?lang=fi&status=new&from=2019-01-01"
                      ).get_data(as_text=True)
    assert ('id="export-xlsx-link" href="/orders/export.xlsx?status=new'
            '&amp;from=2019-01-01"') in html
    assert "Vie Excel-tiedostoon" in html
