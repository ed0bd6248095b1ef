"""Notices: the header's badge, and how each kind of notice reads and links.

Every page's header shows the user's unread count, linking to the notices
page (blueprints/notices.py). An area registers each kind of notice it
makes with register_type(): the requests area registers "request", the
desk "request_reply", and the orders area "new_order" (a notice to the
whole site, models/site_notices.py) with the order detail endpoint and the
order's code as its URL argument.
"""
from dataclasses import dataclass
from typing import Callable

from flask import current_app, url_for
from flask_login import current_user

from models import notices, site_notices


@dataclass(frozen=True)
class NoticeType:
    endpoint: str                 # the item's page
    url_arg: str                  # its URL argument, the notice's subject
    describe: Callable            # notice -> (text, quoted note or "")


@dataclass(frozen=True)
class ShownNotice:
    notice: object
    text: str
    note: str
    link: str | None


def register_type(app, kind, notice_type):
    app.extensions.setdefault("notice_types", {})[kind] = notice_type


def shown(notice):
    """A notice as the list shows it; unknown kinds read plainly, unlinked."""
    notice_type = current_app.extensions.get("notice_types", {}).get(notice.kind)
    if notice_type is None:
        return ShownNotice(notice, notice.subject, "", None)
    text, note = notice_type.describe(notice)
    link = None
    if notice_type.endpoint in current_app.view_functions and notice.subject:
        link = url_for(notice_type.endpoint,
                       **{notice_type.url_arg: notice.subject})
    return ShownNotice(notice, text, note, link)


def header_notices():
    """(unread count, link to the notices page) for the header."""
    if not current_user.is_authenticated:
        return 0, None
    endpoint = "notices.notice_list"
    link = url_for(endpoint) if endpoint in current_app.view_functions else None
    unread = notices.unread_count(current_user.id)
    if not current_user.is_agent:
        unread += site_notices.unread_count(current_user.id,
                                            current_user.dealer_ids())
    return unread, link


def register(app):
    app.jinja_env.globals["header_notices"] = header_notices
