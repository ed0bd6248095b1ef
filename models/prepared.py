"""Peewee queries compiled to SQL once per shape, then run with new values.

Building and compiling a peewee query costs far more than running it on an
index (a tenth of a millisecond and more per query, on every request of a
hot page). A query whose SQL depends only on its shape (which clauses it
has, how many values an IN list holds) is compiled once with placeholder
values; each later call binds its own values to the same placeholders.

    sql, params = prepared.sql(build_user_query, user_id, version)

`build` takes the values (ints, strings, or lists of them) and returns a
peewee query. Values must reach the SQL as given: pass the FTS phrase, not
the raw text it is made from. Anything else `build` puts in the query
(constants, LIMITs) is compiled in and reused as is.
"""
import itertools

from models.base import db

_compiled = {}     # (build, dialect, shape, static) -> (sql, slots)
_counter = itertools.count(1)


class _Placeholder:
    """Stand-ins with a type peewee's fields convert without change."""

    @staticmethod
    def like(value):
        n = next(_counter)
        if isinstance(value, bool):
            raise TypeError("booleans are constants, not prepared values")
        if isinstance(value, int):
            return -(10 ** 15) - n
        if isinstance(value, str):
            return f"\x00prepared-{n}\x00"
        raise TypeError(f"cannot prepare a value of type {type(value)}")


def _shape(values):
    return tuple(len(v) if isinstance(v, (list, tuple)) else type(v)
                 for v in values)


def _flat(values):
    for value in values:
        if isinstance(value, (list, tuple)):
            yield from value
        else:
            yield value


def _compile(build, values, static):
    stand_ins = [[_Placeholder.like(v) for v in value]
                 if isinstance(value, (list, tuple))
                 else _Placeholder.like(value) for value in values]
    position = {stand_in: n for n, stand_in in enumerate(_flat(stand_ins))}
    sql, params = build(*static, *stand_ins).sql()
    # A slot is the index of a value, or a constant wrapped in a tuple.
    slots = [position[p] if _hashable(p) and p in position else (p,)
             for p in params]
    missing = set(position.values()) - {s for s in slots if isinstance(s, int)}
    if missing:
        raise ValueError("a prepared value does not reach the SQL unchanged; "
                         "pass it in its final form")
    return sql, slots


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


def sql(build, *values, static=()):
    """(sql, params) of `build(*static, *values)`, compiled once per shape.

    `static` values (hashable) change the SQL itself, such as a sort order:
    each combination is compiled once.
    """
    key = (build, type(db.obj), _shape(values), static)
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compiled[key] = _compile(build, values, static)
    text, slots = compiled
    flat = list(_flat(values))
    return text, [flat[s] if isinstance(s, int) else s[0] for s in slots]


def rows(build, *values, static=()):
    """The rows of a prepared query as the driver returns them."""
    text, params = sql(build, *values, static=static)
    return db.execute_sql(text, params).fetchall()
