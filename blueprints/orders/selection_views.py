"""What the order list does with the orders ticked on it: move them to
another status, or print them as one pick list."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_timezone, gettext as _, ngettext
from flask_login import current_user

from blueprints.orders import bp, bulk, listing, queries
from blueprints.orders.labels import BULK_REFUSED, status_label
from domain.order_status import ACTIONS
from web.access import dealer_required


def _back_to_list():
    """The list the form was posted from (its state rides in the form)."""
    state = listing.parse(request.form, current_user.dealer_ids(),
                          get_timezone())
    return redirect(url_for("orders.order_list", **state.url_args()))


@bp.route("/bulk-status", methods=["POST"])
@dealer_required
def bulk_status():
    """Start, complete or cancel every ticked order that still allows it."""
    form = bulk.BulkStatusForm()
    if form.is_submitted() and request.form.get("print"):
        return _to_pick_list()
    selection = bulk.selected(request.form.getlist("code"))
    if not form.validate():
        flash(_("That action is not possible."), "error")
    elif not selection:
        flash(_("Select at least one order first."), "error")
    elif len(selection) > bulk.MAX_BULK:
        flash(_("Select at most %(max)s orders at a time; nothing was "
                "changed.", max=bulk.MAX_BULK), "error")
    else:
        _report(bulk.move_orders(selection, form.action.data,
                                 current_user.dealer_ids(), current_user),
                form.action.data)
    return _back_to_list()


def _report(result, action):
    target = status_label(ACTIONS[action][1])
    if result.moved:
        flash(ngettext("%(num)s order moved to %(status)s.",
                       "%(num)s orders moved to %(status)s.",
                       len(result.moved), status=target), "success")
    else:
        flash(_("No order was moved."), "error")
    for code, reason, shown in result.refused:
        flash(str(BULK_REFUSED[reason]) % {
            "code": code, "status": status_label(shown or "")}, "error")


def _to_pick_list():
    codes = [code for code, _status in bulk.selected(
        request.form.getlist("code"))][:bulk.MAX_BULK]
    if not codes:
        flash(_("Select at least one order first."), "error")
        return _back_to_list()
    return redirect(url_for("orders.pick_list", code=codes), code=303)


@bp.route("/pick-list")
@dealer_required
def pick_list():
    """The given orders' lines, one order a printed page, to pick parts by."""
    codes = list(dict.fromkeys(request.args.getlist("code")))[:bulk.MAX_BULK]
    orders = queries.orders_with_lines(codes, current_user.dealer_ids())
    if not orders:
        abort(404)
    return render_template("orders/pick_list.html", orders=orders)
