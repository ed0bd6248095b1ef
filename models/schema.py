"""Creating and upgrading the schema with peewee's migration runner."""
import os

from playhouse.migrations import Runner

from models import search_grams
from models.base import db, is_sqlite

MIGRATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)),
                              "migrations")


def upgrade():
    """Apply every migration not yet applied; returns their names."""
    if is_sqlite():
        search_grams.register(db.obj)   # migration 0008 calls it
    runner = Runner(db.obj, MIGRATIONS_DIR)
    return runner.up()


def pending():
    runner = Runner(db.obj, MIGRATIONS_DIR)
    applied = runner.applied()
    return [m.name for m in runner.migrations() if m.name not in applied]
