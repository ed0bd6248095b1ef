"""Orders per site, status and day (UTC), kept by triggers.

A list within a date range shows how many orders of each status the
range holds. They were counted from the (site, status, date) index, so
the count followed the range: about 80 ms for a million orders in range
on SQLite, and more on PostgreSQL. A range's whole days are now summed
from these rows (a few thousand at most a site) and only its part-days
at either end, in the viewer's time zone, counted from the index.

Plain SQL on both databases, so every writer keeps the counters right.
"""
from peewee import SqliteDatabase

TABLE = """
CREATE TABLE order_day_count (
    dealer_id INTEGER NOT NULL REFERENCES dealer (id) ON DELETE CASCADE,
    status VARCHAR(16) NOT NULL,
    day DATE NOT NULL,
    n INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dealer_id, status, day))"""
# The UTC day of an order's created_at (stored as naive UTC).
SQLITE_DAY, POSTGRES_DAY = "date({row}.created_at)", "{row}.created_at::date"
ADD = ("INSERT INTO order_day_count (dealer_id, status, day, n) "
       "VALUES ({row}.dealer_id, {row}.status, {day}, 1) "
       "ON CONFLICT (dealer_id, status, day) DO UPDATE "
       "SET n = order_day_count.n + 1")
REMOVE = ("UPDATE order_day_count SET n = n - 1 WHERE dealer_id = "
          "{row}.dealer_id AND status = {row}.status AND day = {day}")
COUNT = ("INSERT INTO order_day_count (dealer_id, status, day, n) "
         "SELECT dealer_id, status, {day}, COUNT(*) "
         'FROM "order" GROUP BY dealer_id, status, {day}')
CHANGED = "dealer_id, status, created_at"


def _statement(template, day, row):
    return template.format(row=row, day=day.format(row=row))


def up(migrator, db):
    db.execute_sql(TABLE)
    if isinstance(db, SqliteDatabase):
        add = _statement(ADD, SQLITE_DAY, "new")
        remove = _statement(REMOVE, SQLITE_DAY, "old")
        db.execute_sql("CREATE TRIGGER order_day_count_insert AFTER "
                       f'INSERT ON "order" BEGIN {add}; END')
        db.execute_sql("CREATE TRIGGER order_day_count_delete AFTER "
                       f'DELETE ON "order" BEGIN {remove}; END')
        db.execute_sql("CREATE TRIGGER order_day_count_update AFTER "
                       f'UPDATE OF {CHANGED} ON "order" '
                       f"BEGIN {remove}; {add}; END")
        db.execute_sql(COUNT.format(day="date(created_at)"))
        return
    db.execute_sql(f"""
CREATE FUNCTION order_day_count_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    {_statement(REMOVE, POSTGRES_DAY, "OLD")};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    {_statement(ADD, POSTGRES_DAY, "NEW")};
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""")
    db.execute_sql("CREATE TRIGGER order_day_count_change AFTER "
                   f'INSERT OR DELETE OR UPDATE OF {CHANGED} ON "order" '
                   "FOR EACH ROW EXECUTE FUNCTION order_day_count_sync()")
    db.execute_sql(COUNT.format(day="created_at::date"))
