"""The queue's state (search, filters, page) read from the URL.

Unknown or malformed values fall back to the defaults, never to an error.
The queue always runs most urgent first, so there is no sort to choose.
"""
from dataclasses import dataclass, replace

import request_kinds
from models.requests import REQUEST_STATUSES
from web import paging

STATUS_OPEN = "open"
STATUS_ALL = "all"
STATUS_FILTERS = (STATUS_OPEN,) + REQUEST_STATUSES + (STATUS_ALL,)


@dataclass(frozen=True)
class QueueState:
    q: str = ""
    status: str = STATUS_OPEN
    site: int | None = None
    kind: str = ""
    overdue: bool = False
    mine: bool = False
    page: int = 1

    def url_args(self, **changes):
        """Query arguments for this state with `changes`, defaults left out."""
        state = replace(self, **changes)
        args = {"q": state.q,
                "status": state.status if state.status != STATUS_OPEN else None,
                "site": state.site, "kind": state.kind,
                "overdue": "1" if state.overdue else None,
                "mine": "1" if state.mine else None,
                "page": state.page if state.page != 1 else None}
        return {k: v for k, v in args.items() if v not in (None, "")}


def parse(args, site_ids):
    """A QueueState from request args; `site_ids` are every dealer site."""
    q = paging.query_text(args)
    status = args.get("status", STATUS_OPEN)
    if status not in STATUS_FILTERS:
        status = STATUS_OPEN
    site = paging.site_id(args, site_ids)
    kind = args.get("kind", "")
    if kind not in request_kinds.CODES:
        kind = ""
    return QueueState(q=q, status=status, site=site, kind=kind,
                      overdue=args.get("overdue") == "1",
                      mine=args.get("mine") == "1",
                      page=paging.page_number(args))

