"""My requests: the sites' trade account requests and each one's timeline."""
from flask import (abort, current_app, flash, redirect, render_template,
                   request, url_for)
from flask_babel import get_timezone, gettext as _
from flask_login import current_user

from blueprints.trade_requests import bp, queries, replies
from blueprints.trade_requests.display import value_rows
from blueprints.trade_requests.forms import ReplyForm
from domain.replies import REPLY_DAYS, REPLY_MAX
from domain.request_rules import due_state
from models import Notification, User, utcnow
from models.notices import mark_read
from models.requests import REQUEST_STATUSES
from web import paging
from web.access import dealer_required
from web.rendering import render_page, wants_partial


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


def _sent_or_404(reference):
    """The request if one of the user's sites sent it; else 404."""
    sent = queries.request_for_user(reference[:20], current_user.dealer_ids())
    if sent is None:
        abort(404)
    return sent


def _thread_context(sent, form=None, message=None, message_is_error=True):
    """What the thread and its reply form show, for the page and for htmx."""
    timeline, thread = replies.split_thread(queries.public_events(sent))
    return dict(sent=sent, events=timeline, thread=thread,
                reply_form=form or ReplyForm(), message=message,
                message_is_error=message_is_error,
                can_reply=replies.can_reply(sent),
                reply_deadline=replies.reply_deadline(sent),
                reply_days=REPLY_DAYS, reply_max=REPLY_MAX)


def _render_detail(sent, status=200, **thread):
    return render_page(
        "requests/detail.html", "requests/_detail.html", status=status,
        # The list's state rides along in the URL, for the back link.
        back_args=queries.parse(request.args).url_args(),
        handler=User.get_or_none(User.id == sent.handled_by_id),
        rows=value_rows(sent.requested_values, sent.snapshot_values),
        with_before=bool(sent.snapshot_values),
        due=_due_states([sent]).get(sent.id),
        **_thread_context(sent, **thread))


@bp.route("/<reference>")
@dealer_required
def request_detail(reference):
    """One request: what was asked, the values when sent, its timeline and
    the conversation with customer service."""
    sent = _sent_or_404(reference)
    # Opening the request reads its notices.
    mark_read(current_user.id, Notification.request == sent.id)
    return _render_detail(sent)


@bp.route("/<reference>/reply", methods=["POST"])
@dealer_required
def reply(reference):
    """Answer customer service: the thread again for htmx, else the page.
    Bad input or a request closed too long ago stores nothing."""
    sent = _sent_or_404(reference)
    form = ReplyForm()
    if not replies.can_reply(sent):
        return _reply_result(sent, form, 409, _(
            "This request was closed more than %(days)d days ago, so it "
            "takes no more replies. Send a new request or contact customer "
            "service.", days=REPLY_DAYS))
    if not form.validate():
        return _reply_result(sent, form, 422)
    # Browsers send CRLF line ends; store LF, as the desk's notes do.
    text = form.text.data.replace("\r\n", "\n").replace("\r", "\n").strip()
    replies.add_reply(sent, current_user._get_current_object(), text)
    done = _("Your reply was sent to customer service.")
    if not wants_partial():
        flash(done, "success")
        return redirect(url_for("requests.request_detail",
                                reference=sent.reference,
                                _anchor="request-thread"), 303)
    return _reply_result(sent, ReplyForm(formdata=None), 200, done,
                         message_is_error=False)


def _reply_result(sent, form, status, message=None, message_is_error=True):
    """The thread (htmx) or the whole page, with the form as it stands."""
    thread = dict(form=form, message=message, message_is_error=message_is_error)
    if not wants_partial():
        return _render_detail(sent, status=status, **thread)
    return render_template("requests/_thread.html", is_partial=True,
                           **_thread_context(sent, **thread)), status
