"""The benchmark's baselines, served by gunicorn exactly like the app.

- /hello: a bare Flask endpoint returning a short text.
- /search?q=: the order search as one raw SQL query (the code and name
  search indexes, 50 newest rows of the demo user's sites), rows as
  plain text. The FTS queries are written as the app writes them.
"""
import os
import sqlite3

from flask import Flask, request

from blueprints.orders.order_list import trigram_phrase

SEARCH = """
SELECT o.code, o.po_number, o.customer_name, o.created_at, o.status,
       o.total_cents
FROM "order" o
WHERE o.id IN (SELECT rowid FROM order_code_search
               WHERE order_code_search MATCH ? UNION
               SELECT rowid FROM order_name_search
               WHERE order_name_search MATCH ?)
  AND o.dealer_id + 0 IN (SELECT dealer_id FROM membership m
                          JOIN user u ON u.id = m.user_id
                          WHERE u.username = 'demo')
ORDER BY o.created_at DESC, o.id DESC LIMIT 50"""


def create_app():
    app = Flask(__name__)
    database = os.environ["BENCH_DB"]

    @app.route("/hello")
    def hello():
        return "Hello, World!"

    @app.route("/search")
    def search():
        q = request.args.get("q", "")
        connection = sqlite3.connect(database)
        try:
            phrase = trigram_phrase(q)
            rows = connection.execute(SEARCH, (phrase, phrase)).fetchall()
        finally:
            connection.close()
        return "\n".join("\t".join(map(str, row)) for row in rows)

    return app
