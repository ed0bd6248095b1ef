"""Case-insensitive LIKE patterns, written the same way on both databases."""
from peewee import SQL, NodeList, Value

from models.base import is_sqlite


def like_escaped(text):
    """`text` with LIKE's wildcards escaped (ESCAPE '\\')."""
    return (text.replace("\\", "\\\\").replace("_", "\\_")
            .replace("%", "\\%"))


def like(field, pattern):
    """`field` LIKE `pattern` ignoring case, the pattern passed unchanged.

    PostgreSQL's ILIKE; SQLite's LIKE, which ignores the case of ASCII
    letters only.
    """
    operator = "LIKE" if is_sqlite() else "ILIKE"
    return NodeList((field, SQL(operator), Value(pattern, converter=False),
                     SQL("ESCAPE"), Value("\\", converter=False)))
