"""Recording the SQL statements the app runs (query plans, query counts)."""
from contextlib import contextmanager

from models import db


@contextmanager
def captured_sql():
    """Yields a list that fills with (sql, params) of every statement."""
    statements = []
    database = db.obj
    original = database.execute_sql

    def recording(sql, params=None, *args, **kwargs):
        statements.append((sql, params))
        return original(sql, params, *args, **kwargs)

    database.execute_sql = recording
    try:
        yield statements
    finally:
        del database.execute_sql
