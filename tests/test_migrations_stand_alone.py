"""Migrations stand alone, are never edited once released, and their
numbering has no gap that migrations/README.md does not explain.

A migration runs once per database, on the schema as it was when it was
written, for years after. Importing live code (models/, domain/, the app)
would make an old migration do whatever that code does today, and
`from peewee import *` hides what it uses. So a migration imports only the
standard library, peewee and playhouse, and names what it imports.
"""
import ast
import hashlib
import os
import re
import sys

import pytest

MIGRATIONS = os.path.join(os.path.dirname(os.path.dirname(__file__)),
                          "migrations")
ALLOWED = {"peewee", "playhouse"} | set(sys.stdlib_module_names)

# Released before the rule was checked; a released migration is never
# edited, so these keep breaking it. What they import must keep its name
# and behaviour for as long as they are listed here.
LEGACY = {
    "0001_initial.py": "from peewee import *",
    "0004_order_search_and_counts.py":
        "imports models.count_triggers.postgres_count_trigger",
    "0007_request_match_keys.py":
        "imports domain.request_rules.name_key and email_key",
    "0008_split_order_search.py":
        "imports models.search_grams.rebuild_order_search",
    "0009_order_customer_counts.py":
        "imports models.count_triggers.postgres_count_trigger",
}
# The first 16 hex digits of each released migration's SHA-256. Add a
# migration here once it is merged into main; never change a line.
RELEASED = {
    "0001_initial.py": "98139b7e8434804d",
    "0004_order_search_and_counts.py": "8af103472b4a0ae0",
    "0006_ended_sessions.py": "7dd3838da568ca21",
    "0007_request_match_keys.py": "73a83b28331740fa",
    "0008_split_order_search.py": "5f82dab0217c3e5a",
    "0009_order_customer_counts.py": "52ab594bf765d047",
    "0010_order_account_date_index.py": "a624667a862ad5f8",
    "0011_integrations.py": "b09c1b1dae344b7c",
    "0012_notices_of_any_kind.py": "67e5b458f82687dc",
    "0013_dealer_replies_and_order_notices.py": "59ee11bfc74d308a",
    "0014_order_search_in_plain_sql.py": "0fcb15532e14d9c3",
    "0015_account_order_totals.py": "0b18c73ecc3fd7c0",
    "0016_covering_sort_indexes.py": "38917f6af57fd932",
    "0017_postgres_prefix_indexes.py": "7ed0f873cea9b64e",
    "0018_postgres_search_without_pending_list.py": "e994528adcd97119",
    "0019_date_indexes_hold_every_sort_key.py": "9a9e6624565ca748",
    "0020_order_day_counts.py": "99230d920d6825c1",
    "0021_customer_index_holds_every_sort_key.py": "9ac4b0c83961db8b",
    "0022_open_request_by_account_name.py": "c98c76289533d4bd",
}
# Numbers never used in this repository (migrations/README.md says why).
NEVER_USED = {2, 3, 5}
NAME = re.compile(r"(\d{4})_[a-z0-9_]+\.py")


def migration_files():
    return sorted(name for name in os.listdir(MIGRATIONS)
                  if name.endswith(".py"))


def faults(name):
    """What in migration `name` breaks the rule, as readable lines."""
    with open(os.path.join(MIGRATIONS, name), encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), name)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            if any(alias.name == "*" for alias in node.names):
                found.append(f"from {module} import *")
            if node.level or module.split(".")[0] not in ALLOWED:
                found.append(f"imports {module}")
        elif isinstance(node, ast.Import):
            found += [f"imports {alias.name}" for alias in node.names
                      if alias.name.split(".")[0] not in ALLOWED]
    return found


@pytest.mark.parametrize("name", [n for n in migration_files()
                                  if n not in LEGACY])
def test_migration_stands_alone(name):
    assert faults(name) == [], (
        f"{name} must import only the standard library, peewee and "
        "playhouse, by name: copy what it needs into the migration")


@pytest.mark.parametrize("name", sorted(LEGACY))
def test_legacy_exceptions_are_released_ones(name):
    """The list cannot grow: only released migrations are on it."""
    assert name in RELEASED and faults(name)


@pytest.mark.parametrize("name", sorted(RELEASED))
def test_released_migration_is_unchanged(name):
    with open(os.path.join(MIGRATIONS, name), "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()[:16]
    assert digest == RELEASED[name], (
        f"{name} was released: add a new migration instead of editing it")


def test_numbering_has_no_unexplained_gap():
    names = migration_files()
    assert all(NAME.fullmatch(name) for name in names), names
    numbers = [int(name[:4]) for name in names]
    assert len(numbers) == len(set(numbers)), "two migrations share a number"
    gaps = set(range(1, max(numbers) + 1)) - set(numbers)
    assert gaps == NEVER_USED
