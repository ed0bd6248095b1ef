"""Case-insensitive text matching (LIKE patterns, instr), written the same
way on both databases."""
from peewee import SQL, NodeList, Value, fn

from models.base import is_sqlite


def like_escaped(text):
    """`text` with LIKE's wildcards escaped (ESCAPE '\\')."""
    return (text.replace("\\", "\\\\").replace("_", "\\_")
            .replace("%", "\\%"))


def like(field, pattern):
    """`field` LIKE `pattern` ignoring case, the pattern passed unchanged.

    PostgreSQL's ILIKE; SQLite's LIKE, which ignores the case of ASCII
    letters only. A pattern with no letter that has a case (digits, say)
    is PostgreSQL's LIKE too: the same matches, tested faster on each
    order a walk reads (BENCHMARKS.md).
    """
    operator = "LIKE" if is_sqlite() or _caseless(pattern) else "ILIKE"
    return NodeList((field, SQL(operator), Value(pattern, converter=False),
                     SQL("ESCAPE"), Value("\\", converter=False)))


def contains(field, text):
    """`field` contains `text`, ignoring case as like() does. Text with no
    letter that has a case (digits, say) is SQLite's instr(): the same
    matches without LIKE's case folding, faster on each order a walk
    tests (BENCHMARKS.md)."""
    if is_sqlite() and _caseless(text):
        return fn.instr(field, text) > 0
    return like(field, "%" + like_escaped(text) + "%")


def _caseless(text):
    return text.lower() == text.upper()


# Short searches match a customer name where one of its words starts.
WORD_SEPARATORS = (" ", "-")


def spellings(q):
    """Every mix of small and capital letters of a short search (at most
    four for two letters: "äk" finds "Äkäslompolo" and "ÅBO-7" is found by
    "åb"), for comparisons that fold no case, such as index ranges."""
    found = [""]
    for char in q:
        found = [s + c for s in found
                 for c in dict.fromkeys((char.lower(), char.upper()))]
    return sorted(set(found))


def case_variants(q):
    """The spellings a LIKE pattern is matched in: on SQLite, whose LIKE
    folds only ASCII letters, every one; PostgreSQL's ILIKE folds them
    all."""
    return spellings(q) if is_sqlite() else [q]


def word_start_patterns(q):
    """LIKE patterns (for like()) of a name with a word starting with `q`."""
    return [before + like_escaped(variant) + "%"
            for variant in case_variants(q)
            for before in ("",) + tuple("%" + s for s in WORD_SEPARATORS)]


def word_start_matcher(q):
    """Python's test of the names word_start_patterns() match."""
    needle = q.lower()
    inside = tuple(separator + needle for separator in WORD_SEPARATORS)

    def matches(name):
        name = name.lower()
        return name.startswith(needle) or any(s in name for s in inside)
    return matches
