"""Trade accounts: the list and each account with its users."""
from flask import abort, current_app, request
from flask_login import current_user

from blueprints.accounts import bp, queries
from blueprints.accounts.history import account_history
from blueprints.orders import queries as order_queries
from blueprints.trade_requests import choices
from blueprints.trade_requests.queries import RequestListState
from models import AccountRequest
from models.requests import OPEN_REQUEST_STATUSES
from request_kinds import edit_account_and_user
from web import paging
from web.access import dealer_required
from web.rendering import render_page


def _list_state():
    """The list's search and page from the URL (the detail's back link)."""
    return RequestListState(q=paging.query_text(request.args),
                            page=paging.page_number(request.args))


@bp.route("")
@dealer_required
def account_list():
    """The sites' trade accounts, searchable by account, user or email."""
    state = _list_state()
    window = paging.Window(state.page, current_app.config["PAGE_SIZE"])
    matching = queries.matching_accounts(current_user.dealer_ids(), state.q)
    page = window.page(window.fetch(matching), total=matching.count())
    return render_page("accounts/list.html", "accounts/_results.html",
                       state=state, page=page, accounts=page.rows,
                       users=queries.users_by_account(page.rows),
                       choices=choices)


@bp.route("/<int:account_id>")
@dealer_required
def account_detail(account_id):
    """One account, its users, its open requests; changes go through requests."""
    account = queries.account_for_user(account_id, current_user.dealer_ids())
    if account is None:
        abort(404)
    open_requests = list(AccountRequest.select().where(
        (AccountRequest.account == account)
        & AccountRequest.status.in_(OPEN_REQUEST_STATUSES))
        .order_by(AccountRequest.submitted_at.desc()))
    return render_page("accounts/detail.html", "accounts/_detail.html",
                       account=account, users=queries.users_of(account),
                       open_requests=open_requests,
                       edit_kind=edit_account_and_user.CODE,
                       history=account_history(account),
                       back_args=_list_state().url_args(),
                       customer_summary=order_queries.customer_summary(account),
                       choices=choices)
