"""Paging for every list with a pager: the page and search read from the URL,
the rows one page fetches, and what the pager says.

A list view does three things:

    number = paging.page_number(request.args)      # 1 … MAX_PAGE, never an error
    q = paging.query_text(request.args)            # spaces collapsed, capped
    window = paging.Window(number, page_size)
    rows = window.fetch(query)                     # a peewee query: LIMIT/OFFSET
    page = window.page(rows, total=count)          # rows cut to the page

and the template shows `page.rows` and `pager(page, state, endpoint, target)`
from macros.html. A query that is not a peewee query (a UNION, a merge of
sites) fetches `window.limit` rows from `window.offset` itself.

One row more than a page is fetched so `has_next` needs no count; `total`
(when the list knows it cheaply, e.g. from counter tables) lets the pager
say "51–100 / 261 524" and link to the last page.
"""
from dataclasses import dataclass
from math import ceil

MAX_QUERY_LENGTH = 100
MAX_PAGE = 100_000


def query_text(args, name="q"):
    """The search text of the URL: whitespace collapsed, at most
    MAX_QUERY_LENGTH characters."""
    return " ".join(args.get(name, "").split())[:MAX_QUERY_LENGTH]


def page_number(args, name="page"):
    """The page number of the URL, 1 … MAX_PAGE; anything else is page 1."""
    try:
        number = int(args.get(name, 1))
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def positive_int(value):
    """`value` as a whole number above zero (an id in the URL), else None."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def site_id(args, site_ids, name="site"):
    """The dealer site filter of the URL if it is one of `site_ids`, else None."""
    site = positive_int(args.get(name))
    return site if site in site_ids else None


@dataclass(frozen=True)
class Window:
    """Which rows page `number` of `size` rows covers."""
    number: int
    size: int

    @property
    def offset(self):
        return (self.number - 1) * self.size

    @property
    def limit(self):
        """A page and one row more: that row tells whether a next page exists."""
        return self.size + 1

    def fetch(self, query):
        """The window's rows (and the one after it) of a peewee query."""
        return list(query.limit(self.limit).offset(self.offset))

    def page(self, rows, total=None):
        """The Page shown from the `rows` fetched for this window."""
        rows = list(rows)
        return Page(rows=rows[:self.size], number=self.number, size=self.size,
                    has_next=len(rows) > self.size, total=total)


@dataclass(frozen=True)
class Page:
    """One page of a list and where it lies: rows `first`–`last` of `total`
    (None when the list does not know its total)."""
    rows: list
    number: int
    size: int
    has_next: bool
    total: int | None = None

    @property
    def first(self):
        return (self.number - 1) * self.size + 1 if self.rows else 0

    @property
    def last(self):
        return (self.number - 1) * self.size + len(self.rows)

    @property
    def last_number(self):
        """The last page's number, if the total is known."""
        if self.total is None:
            return None
        return min(max(ceil(self.total / self.size), 1), MAX_PAGE)

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def previous_number(self):
        """The page before; past the end of the list, the last page."""
        last = self.last_number
        return min(self.number - 1, last) if last else self.number - 1

    @property
    def shown(self):
        """Whether the list needs a pager at all."""
        return self.has_previous or self.has_next
