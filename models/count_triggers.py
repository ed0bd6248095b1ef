"""PostgreSQL triggers that keep a counter table of the order table."""


def postgres_count_trigger(db, name, count_up, count_down, changed):
    """Function `{name}_sync` and trigger `{name}_change` on "order".

    `count_down` and `count_up` are statements with a `{row}` slot: the
    old row is counted down on delete and update, the new one up on insert
    and update (of the `changed` columns).
    """
    db.execute_sql(f"""
CREATE OR REPLACE FUNCTION {name}_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    {count_down.format(row="OLD")};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    {count_up.format(row="NEW")};
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""")
    db.execute_sql(
        f"CREATE TRIGGER {name}_change AFTER INSERT OR DELETE "
        f'OR UPDATE OF {changed} ON "order" '
        f"FOR EACH ROW EXECUTE FUNCTION {name}_sync()")
