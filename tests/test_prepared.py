"""Queries compiled once per shape bind each call's own values."""
import pytest

from models import Order, User, prepared


def _orders_of(sites, statuses, limit):
    query = Order.select(Order.code).where(Order.dealer.in_(sites))
    if statuses:
        query = query.where(Order.status.in_(statuses))
    return query.order_by(Order.code).limit(limit)


def _codes(query):
    return [row[0] for row in query.tuples()]


def test_each_call_binds_its_own_values(demo):
    sites = [site.id for site in User.get(User.username == "demo").dealers()]
    for site_set, statuses, limit in [
            (sites, [], 5), (sites[:1], [], 3), (sites, ["new"], 4),
            (sites[1:], ["complete"], 2), (sites, [], 7)]:
        rows = prepared.rows(_orders_of, site_set, statuses, limit)
        assert [row[0] for row in rows] == _codes(
            _orders_of(site_set, statuses, limit))
        assert len(rows) == min(limit, _orders_of(site_set, statuses, limit)
                                .count())


def test_the_sql_is_compiled_once_per_shape(demo):
    first = prepared.sql(_orders_of, [1, 2], ["new"], 10)
    second = prepared.sql(_orders_of, [3, 4], ["complete"], 20)
    assert first[0] is second[0]          # the same compiled text
    assert first[1] == [1, 2, "new", 10]
    assert second[1] == [3, 4, "complete", 20]
    other_shape = prepared.sql(_orders_of, [1, 2, 3], [], 10)
    assert other_shape[0] != first[0] and other_shape[1] == [1, 2, 3, 10]


def _startswith(prefix):
    return Order.select(Order.code).where(Order.code.startswith(prefix))


def test_a_value_changed_on_its_way_into_the_sql_is_refused(demo):
    # startswith() adds a "%": binding the raw value would be wrong.
    with pytest.raises(ValueError):
        prepared.sql(_startswith, "1901")


def test_booleans_are_constants(demo):
    with pytest.raises(TypeError):
        prepared.sql(lambda flag: User.select().where(User.active == flag),
                     True)
