"""A database of an earlier release, for tests of the migration after it."""
from peewee import SqliteDatabase
from playhouse.migrations import Runner

from models import search_grams
from models.schema import MIGRATIONS_DIR


def database_before(path, migration, **pragmas):
    """(SQLite database at `path` migrated up to just before `migration`,
    its Runner), holding one dealer, one user and one submitted request."""
    database = SqliteDatabase(str(path), pragmas=pragmas)
    search_grams.register(database)  # the order table's old triggers use it
    runner = Runner(database, MIGRATIONS_DIR)
    names = [m.name for m in runner.migrations()]
    runner.up(target=names[names.index(migration) - 1])
    database.execute_sql(
        "INSERT INTO dealer (code, name, location, country, time_zone) "
        "VALUES ('1/1', 'D', 'L', 'FI', 'Europe/Helsinki')")
    database.execute_sql(
        "INSERT INTO user (username, password_hash, display_name, email, role, "
        "active, session_version) VALUES ('u', 'x', 'U', '', 'dealer', 1, 1)")
    database.execute_sql(
        "INSERT INTO account_request (reference, dealer_id, submitted_by_id, "
        "kind, account_name, user_email, account_key, email_key, requested, "
        "snapshot, status, submitted_at, due_at, resolution_note, "
        "idempotency_key) VALUES ('R-2026-000001', 1, 1, 'add_user', 'A', '', "
        "'a', '', '{}', '{}', 'submitted', '2026-01-01', '2026-01-03', '', 'k')")
    return database, runner
