"""How a notice to an agent about a dealer's reply reads on the notices page."""
from flask_babel import gettext as _

from blueprints.trade_requests.notices import excerpt
from models.notices import KIND_REPLY
from web.notices import NoticeType, register_type


def describe(notice):
    """(text, note): who replied on which request, and what they wrote."""
    event = notice.event if notice.event_id else None
    req = notice.request if notice.request_id else None
    who = event.actor.display_name if event and event.actor_id else ""
    text = _("%(who)s replied on request %(reference)s (%(account)s):",
             who=who, reference=notice.subject,
             account=req.account_name if req else "")
    return text, excerpt(event.note if event else "")


def register(state):
    register_type(state.app, KIND_REPLY, NoticeType(
        "desk.request_detail", "reference", describe))
