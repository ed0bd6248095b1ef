"""Order views: thin glue between the URL, the queries and the templates."""
from flask import (Response, abort, current_app, flash, redirect, request,
                   url_for)
from flask_babel import get_locale, get_timezone, gettext as _
from flask_login import current_user

from blueprints.orders import ORDER_COLUMNS, bp, listing, queries
from blueprints.orders.export import csv_stream
from blueprints.orders.labels import ACTION_DONE, STATUS_LABELS
from blueprints.orders.status import StatusForm, change_status
from domain.order_status import TransitionRefused, actions_from
from web.access import dealer_required
from web import paging
from web.i18n import user_sites
from web.rendering import render_page, wants_partial


def _list_context():
    sites = user_sites()
    site_ids = [site.id for site in sites]
    state = listing.parse(request.args, site_ids)
    window = paging.Window(state.page, current_app.config["PAGE_SIZE"])
    page, counts = queries.list_page(sites, state, window)
    return {
        "state": state,
        "sites": sites,
        "page": page,
        "orders": page.rows,
        "counts": counts,
    }


@bp.route("")
@dealer_required
def order_list():
    """Select order: search, filter, sort and page the sites' orders."""
    return render_page("orders/list.html", "orders/_results.html",
                       **_list_context())


@bp.route("/export.csv")
@dealer_required
def export_csv():
    """Exactly the current filter and search, streamed as CSV."""
    site_ids = current_user.dealer_ids()
    state = listing.parse(request.args, site_ids)
    header = [str(label) for label, _key in ORDER_COLUMNS]
    status_names = {key: str(label) for key, label in STATUS_LABELS.items()}
    rows = csv_stream(queries.orders_for_export(site_ids, state), header,
                      status_names, str(get_locale()), str(get_timezone()))
    return Response(rows, mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="orders.csv"'})


def _detail_context(order, form=None, error=None):
    return {
        "order": order,
        "lines": queries.lines_of(order),
        "events": queries.events_of(order),
        "actions": actions_from(order.status),
        "form": form or StatusForm(),
        "error": error,
    }


def _order_or_404(code):
    order = queries.order_for_user(code, current_user.dealer_ids())
    if order is None:
        abort(404)
    return order


@bp.route("/<code>")
@dealer_required
def order_detail(code):
    """One order: its header, lines and the timeline of status changes."""
    order = _order_or_404(code)
    return render_page("orders/detail.html", "orders/_panel.html",
                       **_detail_context(order))


@bp.route("/<code>/status", methods=["POST"])
@dealer_required
def order_status(code):
    """Start, complete or cancel; a stale or illegal change changes nothing."""
    order = _order_or_404(code)
    form = StatusForm()
    error, status = None, 200
    if not form.validate():
        error, status = _("That action is not possible."), 422
    else:
        try:
            change_status(order, form.action.data, form.expected.data,
                          current_user)
        except TransitionRefused:
            error, status = _("The order's status has changed since you "
                              "opened it, so nothing was done. Check its "
                              "status and try again."), 409
    if not wants_partial():
        flash(error or str(ACTION_DONE[form.action.data]),
              "error" if error else "success")
        return redirect(url_for("orders.order_detail", code=order.code))
    order = _order_or_404(code)
    message = None if error else str(ACTION_DONE[form.action.data])
    context = _detail_context(order, error=error)
    return render_page("orders/detail.html", "orders/_panel.html",
                       status=status, message=message,
                       **context)
