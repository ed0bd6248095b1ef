"""Notices for the dealer who sent a request: the header's unread count.

A notice (Notification row) is made for each status change and each
message customer service sends. It is read when its sender opens the
request: the dealer side calls mark_read(user, request) in its detail
view, and as a fallback a before_app_request hook does the same for the
"requests.request_detail" endpoint, whatever its URL parameter is called.
"""
from flask import current_app, request, url_for
from flask_login import current_user

from models import AccountRequest, Notification, db

DETAIL_ENDPOINT = "requests.request_detail"


def unread_count(user):
    """Unread notices of `user` (0 for agents and anonymous visitors)."""
    if not user.is_authenticated or user.is_agent:
        return 0
    return (Notification.select()
            .where((Notification.user == user.id)
                   & (Notification.read == False))  # noqa: E712
            .count())


def mark_read(user, account_request):
    """Mark the user's notices about one request as read."""
    return (Notification.update(read=True)
            .where((Notification.user == user.id)
                   & (Notification.request == account_request.id)
                   & (Notification.read == False))  # noqa: E712
            .execute())


def mark_read_on_detail():
    """Opening the request's own page reads its notices."""
    if request.endpoint != DETAIL_ENDPOINT or request.method != "GET":
        return
    if not current_user.is_authenticated or current_user.is_agent:
        return
    # May run before the app's own connect hook: open (or reuse) it here.
    db.connect(reuse_if_open=True)
    for value in (request.view_args or {}).values():
        found = (AccountRequest.select(AccountRequest.id)
                 .where((AccountRequest.reference == str(value)[:20])
                        & (AccountRequest.submitted_by == current_user.id))
                 .first())
        if found:
            mark_read(current_user, found)
            return


def header_notices():
    """(unread count, link to the dealer's requests) for the header."""
    count = unread_count(current_user)
    endpoint = "requests.request_list"
    link = url_for(endpoint) if endpoint in current_app.view_functions else None
    return count, link


def register(state):
    state.app.jinja_env.globals["header_notices"] = header_notices
