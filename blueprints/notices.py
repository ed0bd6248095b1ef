"""The notices page: what changed for the user, newest first."""
from flask import Blueprint
from flask_login import current_user, login_required
from peewee import JOIN

from models import AccountRequest, Notification, RequestEvent, User
from models import site_notices
from models.notices import mark_read
from web.notices import shown
from web.rendering import render_page

bp = Blueprint("notices", __name__, url_prefix="/notices")

# As many as the header counts among a site's newest notices.
NOTICE_LIMIT = site_notices.NOTICE_WINDOW


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


def _site_notices():
    """Notices to everyone at the user's sites (new orders); agents have none."""
    if current_user.is_agent:
        return []
    return site_notices.newest(current_user.id, current_user.dealer_ids(),
                               NOTICE_LIMIT)


@bp.route("")
@login_required
def notice_list():
    """Each notice links to its item; showing the list reads them."""
    # The newest of each source, all shown: a day of new orders must not
    # push a rejected request off the list.
    own, shared = latest(current_user.id), _site_notices()
    rows = [shown(notice) for notice in
            sorted(own + shared, key=lambda n: n.at, reverse=True)]
    unread = [n.id for n in own if not n.read]
    if unread:
        mark_read(current_user.id, Notification.id.in_(unread))
    site_notices.mark_read(current_user.id, shared)
    cut = NOTICE_LIMIT in (len(own), len(shared))
    return render_page("notices/list.html", "notices/_list.html", rows=rows,
                       cut=cut)
