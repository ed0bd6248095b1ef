"""E-mail to the dealer who sent a request, in the sender's language
(their saved one, else Finnish), from the marketplace's name.

Flask-Mail sends through the SMTP server in the configuration. Without
one (development, tests) sending is suppressed and every message is also
written to MAIL_OUTBOX_DIR as an .eml file, so people and tests can read it.
A failing mail server never undoes or breaks the agent's action: the
notice in the app is the record, the e-mail a courtesy.
"""
import logging
import os
import time
from email.headerregistry import Address
from email.utils import parseaddr

from flask import current_app, render_template, url_for
from flask_babel import force_locale, gettext as _
from flask_mail import Message
from werkzeug.routing import BuildError

from blueprints.desk.labels import EVENT_SUMMARIES
from blueprints.trade_requests.notices import update_sentence
from extensions import mail
from web.i18n import LOCALES

log = logging.getLogger(__name__)


def notify_by_mail(req, event):
    """Tell the sender about `event` (a status change or message)."""
    sender = req.submitted_by
    if not sender.email:
        return None
    locale = sender.locale if sender.locale in LOCALES else "fi"
    with force_locale(locale):
        subject = _("Your request %(reference)s: %(what)s",
                    reference=req.reference, what=_event_summary(event.kind))
        link = _request_link(req)
        body = render_template(
            "desk/mail/request_update.txt", req=req, event=event, link=link,
            sender=sender, sentence=update_sentence(
                event.kind, req.reference, req.account_name))
    message = Message(subject=subject, recipients=[sender.email], body=body,
                      sender=from_marketplace(current_app.config),
                      date=time.time())
    try:
        mail.send(message)
    except Exception:  # noqa: BLE001 - any SMTP failure is logged, not shown
        log.exception("Mail about %s to the sender failed", req.reference)
    _write_outbox(message, req)
    return message


def from_marketplace(config):
    """The marketplace's name with the configured sender's address: the
    dealer hears from "Microcat Market", not from an app they never named."""
    default = config["MAIL_DEFAULT_SENDER"]
    if isinstance(default, (tuple, list)):
        address = default[1]
    else:
        address = parseaddr(default)[1] or default
    # Quoted when the name needs it ("Parts, Inc."); Flask-Mail encodes it.
    return str(Address(display_name=config["MARKETPLACE_NAME"],
                       addr_spec=address))


def _event_summary(kind):
    return str(EVENT_SUMMARIES.get(kind, kind))


def _request_link(req):
    endpoint = "requests.request_detail"
    if endpoint in current_app.view_functions:
        try:
            return url_for(endpoint, reference=req.reference, _external=True)
        except BuildError:
            pass
    if "requests.request_list" in current_app.view_functions:
        return url_for("requests.request_list", _external=True)
    return url_for("index", _external=True)


def _write_outbox(message, req):
    folder = current_app.config.get("MAIL_OUTBOX_DIR")
    if not folder:
        return
    os.makedirs(folder, exist_ok=True)
    # Nanoseconds first: the folder lists the mails in the order sent.
    name = f"{time.time_ns()}-{req.reference}-{os.urandom(3).hex()}.eml"
    with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
        handle.write(message.as_string())
