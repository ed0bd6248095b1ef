"""Each trade account's orders and their total per currency, kept by
triggers: an order's page and Trade accounts show "N orders, total …"
for the customer, which counted every order of the account on each view
(80 ms for a customer with 75 000 orders at a million).

Plain SQL on both databases, so every writer keeps the counters right.
"""
from peewee import SqliteDatabase

TABLE = """
CREATE TABLE order_account_total (
    account_id INTEGER NOT NULL REFERENCES trade_account (id) ON DELETE CASCADE,
    currency VARCHAR(3) NOT NULL,
    n INTEGER NOT NULL DEFAULT 0,
    total_cents BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, currency))"""
ADD = ("INSERT INTO order_account_total (account_id, currency, n, "
       "total_cents) VALUES ({row}.account_id, {row}.currency, 1, "
       "{row}.total_cents) ON CONFLICT (account_id, currency) DO UPDATE "
       "SET n = order_account_total.n + 1, total_cents = "
       "order_account_total.total_cents + excluded.total_cents")
REMOVE = ("UPDATE order_account_total SET n = n - 1, total_cents = "
          "total_cents - {row}.total_cents WHERE account_id = "
          "{row}.account_id AND currency = {row}.currency")
COUNT = ("INSERT INTO order_account_total (account_id, currency, n, "
         "total_cents) SELECT account_id, currency, COUNT(*), "
         'SUM(total_cents) FROM "order" GROUP BY account_id, currency')
CHANGED = "account_id, currency, total_cents"


def up(migrator, db):
    db.execute_sql(TABLE)
    add, remove = ADD.format(row="new"), REMOVE.format(row="old")
    if isinstance(db, SqliteDatabase):
        db.execute_sql("CREATE TRIGGER order_account_total_insert AFTER "
                       f'INSERT ON "order" BEGIN {add}; END')
        db.execute_sql("CREATE TRIGGER order_account_total_delete AFTER "
                       f'DELETE ON "order" BEGIN {remove}; END')
        db.execute_sql("CREATE TRIGGER order_account_total_update AFTER "
                       f'UPDATE OF {CHANGED} ON "order" '
                       f"BEGIN {remove}; {add}; END")
    else:
        db.execute_sql(f"""
CREATE FUNCTION order_account_total_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    {REMOVE.format(row="OLD")};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    {ADD.format(row="NEW")};
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""")
        db.execute_sql("CREATE TRIGGER order_account_total_change AFTER "
                       f'INSERT OR DELETE OR UPDATE OF {CHANGED} ON "order" '
                       "FOR EACH ROW EXECUTE FUNCTION order_account_total_sync()")
    db.execute_sql(COUNT)
