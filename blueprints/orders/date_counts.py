"""How many orders of each site and status a date range holds.

The range's whole UTC days are summed from order_day_count (kept by
triggers, migration 0020): a few thousand rows a site at most, however
many orders the range holds. The part-days at its ends (a range starts
and ends at midnight in the viewer's zone) are counted on the (site,
status, date) index, every status named, so that the index is read
range by range and no order is looked up.
"""
import datetime
import functools
import operator

from peewee import SQL, fn

from models import ORDER_STATUSES, Order
from models.orders import OrderDayCount


def range_counts(site_ids, since, until):
    """[(site, status, orders)] in [since, until) (naive UTC instants,
    either None for an open end); a site and status may come more than
    once, to be summed."""
    first_day = _day_from(since) if since else None
    end_day = until.date() if until else None
    if first_day and end_day and first_day >= end_day:
        return _counted_in_index(site_ids, since, until)
    rows = _summed_days(site_ids, first_day, end_day)
    if since and since < _midnight(first_day):
        rows += _counted_in_index(site_ids, since, _midnight(first_day))
    if until and _midnight(end_day) < until:
        rows += _counted_in_index(site_ids, _midnight(end_day), until)
    return rows


def _day_from(since):
    """The first whole day from `since` on."""
    day = since.date()
    return day if since == _midnight(day) else day + datetime.timedelta(1)


def _midnight(day):
    return datetime.datetime.combine(day, datetime.time())


def _summed_days(site_ids, first_day, end_day):
    bounds = [OrderDayCount.dealer.in_(list(site_ids)),
              OrderDayCount.status.in_(ORDER_STATUSES)]
    if first_day:
        bounds.append(OrderDayCount.day >= first_day)
    if end_day:
        bounds.append(OrderDayCount.day < end_day)
    return list(OrderDayCount
                .select(OrderDayCount.dealer, OrderDayCount.status,
                        fn.SUM(OrderDayCount.n))
                .where(functools.reduce(operator.and_, bounds))
                .group_by(OrderDayCount.dealer, OrderDayCount.status)
                .tuples())


def _counted_in_index(site_ids, since, until):
    return list(Order.select(Order.dealer, Order.status, fn.COUNT(SQL("*")))
                .where(Order.dealer.in_(list(site_ids))
                       & Order.status.in_(ORDER_STATUSES)
                       & (Order.created_at >= since)
                       & (Order.created_at < until))
                .group_by(Order.dealer, Order.status).tuples())
