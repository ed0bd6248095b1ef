"""Order views: thin glue between the URL, the queries and the templates."""
from dataclasses import replace

from flask import (abort, current_app, flash, redirect, render_template,
                   request, url_for)
from flask_babel import get_timezone, gettext as _
from flask_login import current_user

from blueprints.orders import bp, listing, queries
from blueprints.orders.labels import (ACTION_DONE, DATE_PROBLEMS,
                                      UNKNOWN_CUSTOMER)
from blueprints.orders.status import StatusForm, change_status
from domain.order_status import TransitionRefused, actions_from
from models import site_notices
from models.site_notices import KIND_NEW_ORDER
from web.access import dealer_required
from web import new_orders
from web import paging
from web.i18n import user_sites
from web.rendering import render_page, wants_partial


def list_state(site_ids):
    """The list's state from the URL; a customer of another site is dropped."""
    state = listing.parse(request.args, site_ids, get_timezone())
    customer = queries.customer_of(state.customer, site_ids)
    if customer is None and state.customer:
        state = replace(state, customer=None)
    return state, customer


def _filter_problems(state, customer):
    """What the list could not use of the filters asked for, translated."""
    problems = [DATE_PROBLEMS[p] for p in state.date_problems]
    if customer is None and request.args.get("customer"):
        problems.append(UNKNOWN_CUSTOMER)
    return problems


def _list_context():
    sites = user_sites()
    site_ids = [site.id for site in sites]
    state, customer = list_state(site_ids)
    window = paging.Window(state.page, current_app.config["PAGE_SIZE"])
    page, counts = queries.list_page(sites, state, window)
    return {
        "state": state,
        "sites": sites,
        "page": page,
        "orders": page.rows,
        "counts": counts,
        "customer": customer,
        "filter_problems": _filter_problems(state, customer),
    }


@bp.route("")
@dealer_required
def order_list():
    """Select order: search, filter, sort and page the sites' orders."""
    if not wants_partial():
        new_orders.mark_all_seen()
    return render_page("orders/list.html", "orders/_results.html",
                       **_list_context())


@bp.route("/new-orders")
def new_orders_poll():
    """The header's count of new orders: 204 while it is what the page shows."""
    if not new_orders.shows_new_orders():
        # Logged out meanwhile: an element that no longer polls.
        return '<span id="new-orders" hidden></span>'
    count = new_orders.new_order_count()
    if request.args.get("known", type=int) == count:
        return "", 204
    return render_template("_new_orders.html", count=count, is_poll=True,
                           on_list=request.args.get("list") == "1")


def _detail_context(order, form=None, error=None):
    back, _customer = list_state(current_user.dealer_ids())
    return {
        "order": order,
        "back_args": back.url_args(),
        "customer_summary": queries.customer_summary(order.account_id),
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
    # Seeing the order reads its new-order notice.
    site_notices.mark_item_read(current_user.id, order.dealer_id,
                                KIND_NEW_ORDER, order.code)
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
        back, _customer = list_state(current_user.dealer_ids())
        return redirect(url_for("orders.order_detail", code=order.code,
                                **back.url_args()))
    order = _order_or_404(code)
    message = None if error else str(ACTION_DONE[form.action.data])
    context = _detail_context(order, error=error)
    return render_page("orders/detail.html", "orders/_panel.html",
                       status=status, message=message,
                       **context)
