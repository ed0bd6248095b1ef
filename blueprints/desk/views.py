"""Desk views: the queue and one request with its actions (agents only)."""
from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user

from blueprints.accounts.history import account_history
from blueprints.desk import bp, listing, queries, workflow
from blueprints.desk.forms import ActionForm, NoteForm, RejectForm
from blueprints.desk.labels import ACTION_DONE, REFUSALS
from blueprints.desk.mailer import notify_by_mail
from blueprints.desk.review import review_rows
from domain.request_refusals import ActionRefused
from models import Notification
from models.notices import mark_read
from models.requests import OPEN_REQUEST_STATUSES
from request_kinds.carrying_out import conflicts
from web import paging
from web.access import agent_required
from web.rendering import render_page, wants_partial


@bp.route("")
@agent_required
def queue():
    """Every dealer's requests, most urgent first, filtered and searched."""
    sites = queries.all_sites()
    state = listing.parse(request.args, [site.id for site in sites])
    clock = queries.current_clock()
    window = paging.Window(state.page, current_app.config["PAGE_SIZE"])
    counts = queries.counts(state, current_user, clock)
    page = window.page(queries.page_of_requests(state, current_user, clock,
                                                window), counts["found"])
    return render_page("desk/queue.html", "desk/_results.html",
                       state=state, sites=sites, clock=clock, page=page,
                       requests=page.rows, counts=counts)


def _back_args():
    """The queue's state from the URL: the detail's back link keeps it."""
    sites = queries.all_sites()
    return listing.parse(request.args, [site.id for site in sites]).url_args()


def _request_or_404(reference):
    req = queries.request_by_reference(reference)
    if req is None:
        abort(404)
    return req


def _warnings(req, error):
    """What Apply would refuse, for an open request (not twice the error)."""
    if req.status not in OPEN_REQUEST_STATUSES:
        return []
    messages = [str(REFUSALS[refusal.reason]) for refusal in conflicts(req)]
    return [m for m in dict.fromkeys(messages) if m != error]


def _render_detail(req, status=200, message=None, error=None,
                   reject_form=None, note_form=None, new_reply_since=None):
    return render_page(
        "desk/detail.html", "desk/_panel.html", status=status,
        req=req, rows=review_rows(req), events=queries.events_of(req),
        history=account_history(req.account) if req.account_id else [],
        new_reply_since=new_reply_since,
        clock=queries.current_clock(), message=message, error=error,
        warnings=_warnings(req, error),
        can_take=workflow.can_take(req, current_user),
        can_resolve=workflow.can_resolve(req, current_user),
        back_args=_back_args(),
        reject_form=reject_form or RejectForm(prefix="reject"),
        note_form=note_form or NoteForm(prefix="note"))


@bp.route("/<reference>")
@agent_required
def request_detail(reference):
    """One request: before → after, who sent it, its timeline, actions.
    Opening it reads the dealer's new replies (marked this once) and the
    agent's notices about it."""
    req = _request_or_404(reference)
    mark_read(current_user.id, Notification.request == req.id)
    return _render_detail(req, new_reply_since=workflow.read_dealer_reply(req))


def _done(req, action, done=None, error=None, status=200):
    """After an action: the panel for htmx, else a redirect with a flash."""
    req = _request_or_404(req.reference)  # as the action left it
    if done is not None and done.tells_sender:
        notify_by_mail(req, done.event)
    if not wants_partial():
        flash(error or str(ACTION_DONE[action]), "error" if error else "success")
        return redirect(url_for("desk.request_detail", reference=req.reference,
                                **_back_args()), 303)
    return _render_detail(req, status=status, error=error,
                          message=None if error else str(ACTION_DONE[action]))


def _act(req, action, step):
    """Run one workflow step; a refusal (409) says why nothing changed."""
    try:
        done = step()
    except ActionRefused as refusal:
        return _done(req, action, error=str(REFUSALS[refusal.reason]),
                     status=409)
    return _done(req, action, done)


@bp.route("/<reference>/take", methods=["POST"])
@agent_required
def take(reference):
    """Take the request (or take it over from another agent)."""
    req = _request_or_404(reference)
    form = ActionForm()
    try:
        if not form.validate():
            raise ValueError
        handler = form.handler_id()
    except ValueError:
        abort(400)
    return _act(req, "take", lambda: workflow.take(
        req, current_user, form.expected_status.data, handler))


@bp.route("/<reference>/apply", methods=["POST"])
@agent_required
def apply(reference):
    """Carry the request out in one transaction, or refuse with the reason."""
    req = _request_or_404(reference)
    return _act(req, "apply", lambda: workflow.apply(req, current_user))


@bp.route("/<reference>/reject", methods=["POST"])
@agent_required
def reject(reference):
    """Reject with a reason; an empty reason re-shows the form (422)."""
    req = _request_or_404(reference)
    form = RejectForm(prefix="reject")
    if not form.validate():
        return _render_detail(req, status=422, reject_form=form)
    return _act(req, "reject", lambda: workflow.reject(
        req, current_user, form.reason.data.strip()))


@bp.route("/<reference>/note", methods=["POST"])
@agent_required
def note(reference):
    """An internal note, or a message to the dealer."""
    req = _request_or_404(reference)
    form = NoteForm(prefix="note")
    if not form.validate():
        return _render_detail(req, status=422, note_form=form)
    to_dealer = form.to_dealer.data
    return _act(req, "message" if to_dealer else "note", lambda: workflow.add_note(
        req, current_user, form.text.data.strip(), to_dealer))
