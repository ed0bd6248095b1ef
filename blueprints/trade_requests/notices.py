"""How a notice about one of the dealer's requests reads on the notices page."""
from flask_babel import gettext as _

from models.notices import KIND_REQUEST
from web.notices import NoticeType, register_type

NOTE_EXCERPT = 300


def update_sentence(kind, reference, account):
    """What happened to the dealer's request, said to the dealer (the
    notices page and the e-mail say it alike)."""
    names = {"reference": reference, "account": account}
    if kind == "taken":
        return _("Customer service has started processing your request "
                 "%(reference)s (%(account)s).", **names)
    if kind == "applied":
        return _("Your request %(reference)s (%(account)s) is completed: "
                 "the changes are made.", **names)
    if kind == "rejected":
        return _("Your request %(reference)s (%(account)s) was rejected.",
                 **names)
    if kind == "message":
        return _("Customer service sent a message about your request "
                 "%(reference)s (%(account)s):", **names)
    return _("Your request %(reference)s (%(account)s) has changed.", **names)


def describe(notice):
    """(text, note): what happened to the request, and the words sent."""
    event = notice.event if notice.event_id else None
    account = notice.request.account_name if notice.request_id else ""
    text = update_sentence(event.kind if event else "", notice.subject, account)
    return text, excerpt(event.note if event else "")


def excerpt(note):
    """The start of a message, as much as a notice quotes."""
    note = note or ""
    if len(note) > NOTE_EXCERPT:
        note = note[:NOTE_EXCERPT - 1].rstrip() + "…"
    return note


def register(state):
    register_type(state.app, KIND_REQUEST, NoticeType(
        "requests.request_detail", "reference", describe))
