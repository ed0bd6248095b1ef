"""My requests: the sites' trade account requests and each one's timeline."""
from flask import abort, current_app, request
from flask_babel import get_timezone
from flask_login import current_user

from blueprints.trade_requests import bp, queries
from blueprints.trade_requests.display import value_rows
from domain.request_rules import due_state
from models import Notification, User, utcnow
from models.notices import mark_read
from models.requests import REQUEST_STATUSES
from web import paging
from web.access import dealer_required
from web.rendering import render_page


def _due_states(rows):
    now, zone = utcnow(), str(get_timezone())
    return {row.id: due_state(row.status, row.due_at, now, zone)
            for row in rows}


@bp.route("")
@dealer_required
def request_list():
    """Every request of the user's sites, newest first, filtered and searched."""
    site_ids = current_user.dealer_ids()
    state = queries.parse(request.args)
    window = paging.Window(state.page, current_app.config["PAGE_SIZE"])
    counts = queries.status_counts(site_ids, state)
    total = counts[state.status] if state.status else sum(counts.values())
    page = window.page(queries.page_of_requests(site_ids, state, window),
                       total)
    shown = page.rows
    return render_page("requests/list.html", "requests/_results.html",
                       state=state, page=page, requests=shown,
                       unread=queries.with_unread_notices(current_user, shown),
                       counts=counts,
                       statuses=REQUEST_STATUSES,
                       due=_due_states(shown))


@bp.route("/<reference>")
@dealer_required
def request_detail(reference):
    """One request: what was asked, the values when sent, and its timeline."""
    sent = queries.request_for_user(reference[:20], current_user.dealer_ids())
    if sent is None:
        abort(404)
    handler = User.get_or_none(User.id == sent.handled_by_id)
    # Opening the request reads its notices.
    mark_read(current_user.id, Notification.request == sent.id)
    return render_page(
        "requests/detail.html", "requests/_detail.html", sent=sent,
        # The list's state rides along in the URL, for the back link.
        back_args=queries.parse(request.args).url_args(),
        handler=handler, events=queries.public_events(sent),
        rows=value_rows(sent.requested_values, sent.snapshot_values),
        with_before=bool(sent.snapshot_values),
        due=_due_states([sent]).get(sent.id))
