"""The deferred database handle and the base model every table shares."""
import contextlib
import datetime
import fcntl

from peewee import DatabaseProxy, Model, SqliteDatabase
from playhouse.db_url import connect


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
    # Reads map the file rather than copy its pages into each connection's
    # cache, where a worker's first search through a large part of the
    # trigram index was slow (BENCHMARKS.md); the workers share the OS's
    # pages. SQLite caps it at its build's maximum (2 GB).
    "mmap_size": 2 ** 31,
}


def utcnow():
    """Naive UTC: every timestamp in the database is UTC."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


# Connections a process keeps open to PostgreSQL, reused request after
# request: opening one costs milliseconds, a password exchange over TCP
# (BENCHMARKS.md). Idle ones are closed after five minutes.
POSTGRES_POOL = {"max_connections": 8, "stale_timeout": 300}


def open_database(url):
    """Open the database named by a DATABASE_URL and bind it to the models."""
    if url.startswith("sqlite"):
        database = connect(url, pragmas=SQLITE_PRAGMAS)
    else:
        scheme, rest = url.split("://", 1)
        database = connect(f"{scheme}+pool://{rest}", **POSTGRES_POOL)
    db.initialize(database)
    return database


def close_pooled_connections():
    """Close the connections a pool keeps (a forked process must not share
    its parent's)."""
    if hasattr(db.obj, "close_all"):
        db.obj.close_all()


def is_sqlite():
    return isinstance(db.obj, SqliteDatabase)


def write_transaction():
    """A transaction for read-then-write work.

    On SQLite it starts IMMEDIATE, taking the write lock up front, so two
    writers never both read and then fail to upgrade to a write lock; and
    writers queue on a file lock, which wakes the next one as soon as the
    lock is free, where SQLite's busy handler would poll with growing
    sleeps (BENCHMARKS.md: the API's p95 under 16 clients).
    """
    if not is_sqlite():
        return db.atomic()
    if db.transaction_depth() > 0 or not db.database or \
            db.database.startswith(":memory:") or db.database.startswith("file:"):
        return db.atomic(lock_type="IMMEDIATE")
    return _queued_write(db.atomic(lock_type="IMMEDIATE"), db.database)


@contextlib.contextmanager
def _queued_write(transaction, path):
    with open(path + "-writer.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            with transaction:
                yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False
