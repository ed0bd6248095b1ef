"""The request form's values as a request stores them.

`state` is the form's state (blueprints/settings/request_form.py): the
form, the dealer site, and the chosen account and user.
"""


def new_user(form):
    return {"email": form.email.data, "first_name": form.first_name.data,
            "last_name": form.last_name.data, "role": form.role.data,
            "language": form.user_language.data,
            "time_zone": form.time_zone.data}


def access_after(state):
    """Whether the request's user has marketplace access once applied: a
    new user has; an edited one keeps theirs unless the form removes it."""
    if not state.form.request_kind.user.edited or state.trade_user is None:
        return True
    return state.trade_user.market_access \
        and not state.form.remove_access.data
