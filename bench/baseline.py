"""The benchmark's baselines, served by gunicorn exactly like the app.

- /hello: a bare Flask endpoint returning a short text.
- /list: a minimal page of the same 50 rows the order list's first page
  shows (the demo user's sites, newest first) read over the same index by
  one sqlite3 query and rendered by Jinja, with no login, session,
  translation or formatting: what the list partial is compared with.
"""
import os
import sqlite3

from flask import Flask, render_template_string

NEWEST = """
SELECT * FROM (
  SELECT o.created_at, o.id, o.code, o.dealer_id, o.po_number,
         o.customer_name, o.status, o.total_cents, o.currency
  FROM "order" o WHERE o.dealer_id = ?
  UNION ALL
  SELECT o.created_at, o.id, o.code, o.dealer_id, o.po_number,
         o.customer_name, o.status, o.total_cents, o.currency
  FROM "order" o WHERE o.dealer_id = ?
  ORDER BY 1 DESC, 2 DESC LIMIT 50)"""
SITES = """
SELECT d.id FROM dealer d JOIN membership m ON m.dealer_id = d.id
JOIN user u ON u.id = m.user_id WHERE u.username = 'demo' ORDER BY d.code"""
ROWS = """<table><tbody>
{% for row in rows %}<tr><td><a href="/orders/{{ row[2] }}">{{ row[2] }}</a></td>
<td>{{ row[3] }}</td><td>{{ row[4] }}</td><td>{{ row[5] }}</td>
<td><time datetime="{{ row[0] }}">{{ row[0] }}</time></td>
<td>{{ row[6] }}</td><td>{{ row[7] }} {{ row[8] }}</td></tr>
{% endfor %}</tbody></table>"""


def create_app():
    app = Flask(__name__)
    database = os.environ["BENCH_DB"]

    @app.route("/hello")
    def hello():
        return "Hello, World!"

    @app.route("/list")
    def newest_orders():
        connection = sqlite3.connect(database)
        try:
            sites = [row[0] for row in connection.execute(SITES)]
            rows = connection.execute(NEWEST, sites[:2]).fetchall()
        finally:
            connection.close()
        return render_template_string(ROWS, rows=rows)

    return app
