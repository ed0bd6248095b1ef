"""The deferred database handle and the base model every table shares."""
import datetime

from peewee import DatabaseProxy, Model, SqliteDatabase
from playhouse.db_url import connect

from models import search_grams

db = DatabaseProxy()

# WAL lets readers run beside the single writer; a busy timeout makes a
# writer wait for the lock instead of failing with "database is locked".
# synchronous=NORMAL in WAL mode never loses a committed transaction when
# the process dies (SIGKILL, crash): the WAL is in the OS page cache. Only a
# power cut can drop the last commits, which the hosting's storage covers.
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": "normal",
    "cache_size": -32000,
}


def utcnow():
    """Naive UTC: every timestamp in the database is UTC."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def open_database(url):
    """Open the database named by a DATABASE_URL and bind it to the models."""
    if url.startswith("sqlite"):
        database = connect(url, pragmas=SQLITE_PRAGMAS)
        # The order table's search triggers call it (before any connection).
        search_grams.register(database)
    else:
        database = connect(url)
    db.initialize(database)
    return database


def is_sqlite():
    return isinstance(db.obj, SqliteDatabase)


def write_transaction():
    """A transaction for read-then-write work.

    On SQLite it starts IMMEDIATE, taking the write lock up front, so two
    writers never both read and then fail to upgrade to a write lock.
    """
    if is_sqlite():
        return db.atomic(lock_type="IMMEDIATE")
    return db.atomic()


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False
