"""The order list's state (search, filters, sort, page) read from the URL.

Unknown or malformed values fall back to the defaults, never to an error:
every URL a user can type shows a list.
"""
from dataclasses import dataclass, replace

from blueprints.orders.queries import INDEXED_LENGTH
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
                "page": state.page if state.page != 1 else None}
        return {k: v for k, v in args.items() if v not in (None, "")}

    def sort_args(self, key):
        """Arguments for a column header: toggles direction, back to page 1."""
        if self.sort_key == key:
            sort = key if self.descending else f"-{key}"
        else:
            sort = f"-{key}" if key in ("date", "total") else key
        return self.url_args(sort=sort, page=1)


def parse(args, site_ids):
    """A ListState from request args; `site_ids` are the user's sites."""
    q = paging.query_text(args)
    status = args.get("status", "")
    if status not in ORDER_STATUSES:
        status = ""
    site = paging.site_id(args, site_ids)
    sort = args.get("sort", DEFAULT_SORT)
    if sort.lstrip("-") not in SORT_KEYS:
        sort = DEFAULT_SORT
    return ListState(q=q, status=status, site=site, sort=sort,
                     page=paging.page_number(args))

