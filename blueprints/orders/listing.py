"""The order list's state (search, filters, sort, page) read from the URL.

Unknown or malformed values fall back to the defaults, never to an error:
every URL a user can type shows a list.
"""
import datetime
import re
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from blueprints.orders.order_list import INDEXED_LENGTH
from models import ORDER_STATUSES
from web import paging

SORT_KEYS = ("code", "site", "po", "customer", "date", "status", "total")
DEFAULT_SORT = "-date"


@dataclass(frozen=True)
class ListState:
    q: str = ""
    status: str = ""
    site: int | None = None
    sort: str = DEFAULT_SORT
    page: int = 1
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    customer: int | None = None
    # The date range as naive UTC instants [since, until), in the viewer's
    # zone; and what was wrong with the dates asked for (DATE_PROBLEMS).
    since: datetime.datetime | None = field(default=None, compare=False)
    until: datetime.datetime | None = field(default=None, compare=False)
    date_problems: tuple = field(default=(), compare=False)

    @property
    def dated(self):
        """Limited to a date range."""
        return bool(self.since or self.until)

    @property
    def narrowed(self):
        """Limited to a customer's orders, or searched within a date range:
        one index narrows the list before it is counted and sorted
        (blueprints/orders/queries.py)."""
        return bool(self.customer or (self.q and self.dated))

    @property
    def short_search(self):
        """A search of one or two characters: it matches the start of a
        code, a PO number or a word of a customer's name."""
        return 0 < len(self.q) < INDEXED_LENGTH

    @property
    def sort_key(self):
        return self.sort.lstrip("-")

    @property
    def descending(self):
        return self.sort.startswith("-")

    def url_args(self, **changes):
        """Query arguments for this state with `changes`, defaults left out."""
        state = replace(self, **changes)
        args = {"q": state.q, "status": state.status, "site": state.site,
                "sort": state.sort if state.sort != DEFAULT_SORT else None,
                "page": state.page if state.page != 1 else None,
                "from": state.date_from and state.date_from.isoformat(),
                "to": state.date_to and state.date_to.isoformat(),
                "customer": state.customer}
        return {k: v for k, v in args.items() if v not in (None, "")}

    def sort_args(self, key):
        """Arguments for a column header: toggles direction, back to page 1."""
        if self.sort_key == key:
            sort = key if self.descending else f"-{key}"
        else:
            sort = f"-{key}" if key in ("date", "total") else key
        return self.url_args(sort=sort, page=1)


def parse(args, site_ids, zone="UTC"):
    """A ListState from request args; `site_ids` are the user's sites,
    `zone` the viewer's time zone (the day a date means)."""
    q = paging.query_text(args)
    status = args.get("status", "")
    if status not in ORDER_STATUSES:
        status = ""
    site = paging.site_id(args, site_ids)
    sort = args.get("sort", DEFAULT_SORT)
    if sort.lstrip("-") not in SORT_KEYS:
        sort = DEFAULT_SORT
    page = paging.page_number(args)
    date_from, date_to, problems = _date_range(args)
    since, until = utc_bounds(date_from, date_to, ZoneInfo(str(zone)))
    return ListState(q=q, status=status, site=site, sort=sort, page=page,
                     date_from=date_from, date_to=date_to,
                     customer=paging.positive_int(args.get("customer")),
                     since=since, until=until, date_problems=problems)


# What can be wrong with a date range; messages in labels.DATE_PROBLEMS.
BAD_FROM, BAD_TO, SWAPPED = "bad_from", "bad_to", "swapped"


def _date_range(args):
    """(from, to, problems): a bad date is left out, a reversed range swapped."""
    problems = []
    dates = []
    for name, problem in (("from", BAD_FROM), ("to", BAD_TO)):
        text = args.get(name, "").strip()
        value = _date(text)
        if text and value is None:
            problems.append(problem)
        dates.append(value)
    date_from, date_to = dates
    if date_from and date_to and date_to < date_from:
        date_from, date_to = date_to, date_from
        problems.append(SWAPPED)
    return date_from, date_to, tuple(problems)


def _date(text):
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        value = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    # Years far out would overflow when moved to UTC; no order is there.
    return value if 1900 <= value.year <= 9000 else None


def utc_bounds(date_from, date_to, zone):
    """Naive UTC [since, until) covering the days from..to in `zone`."""
    def start_of(day):
        local = datetime.datetime.combine(day, datetime.time(), tzinfo=zone)
        return (local.astimezone(datetime.timezone.utc)
                .replace(tzinfo=None))
    since = start_of(date_from) if date_from else None
    until = start_of(date_to + datetime.timedelta(days=1)) if date_to else None
    return since, until

