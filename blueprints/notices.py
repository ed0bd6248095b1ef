"""The notices page: what changed for the user, newest first."""
from flask import Blueprint
from flask_login import current_user, login_required
from peewee import JOIN

from models import AccountRequest, Notification, RequestEvent, User
from models.notices import mark_read
from web.notices import shown
from web.rendering import render_page

bp = Blueprint("notices", __name__, url_prefix="/notices")

NOTICE_LIMIT = 100


def latest(user_id, limit=NOTICE_LIMIT):
    """The user's newest notices, with the request and event they are about
    and who made the event."""
    return list(Notification
                .select(Notification, AccountRequest, RequestEvent, User)
                .join(AccountRequest, JOIN.LEFT_OUTER,
                      on=(Notification.request == AccountRequest.id))
                .switch(Notification)
                .join(RequestEvent, JOIN.LEFT_OUTER,
                      on=(Notification.event == RequestEvent.id))
                .join(User, JOIN.LEFT_OUTER,
                      on=(RequestEvent.actor == User.id))
                .where(Notification.user == user_id)
                .order_by(Notification.at.desc(), Notification.id.desc())
                .limit(limit))


@bp.route("")
@login_required
def notice_list():
    """Each notice links to its item; showing the list reads them."""
    rows = [shown(notice) for notice in latest(current_user.id)]
    unread = [row.notice.id for row in rows if not row.notice.read]
    if unread:
        mark_read(current_user.id, Notification.id.in_(unread))
    return render_page("notices/list.html", "notices/_list.html", rows=rows,
                       limit=NOTICE_LIMIT)
