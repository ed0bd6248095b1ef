"""Who may see what: roles, and the dealer sites a user belongs to."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from web.security import audit


def role_required(role):
    """Only logged-in users of `role`; others get 404, as if nothing was there."""
    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role != role:
                audit("access_refused", reason="role", required=role)
                abort(404)
            return view(*args, **kwargs)
        wrapped.required_role = role
        return wrapped
    return decorate


def dealer_required(view):
    return role_required("dealer")(view)


def agent_required(view):
    return role_required("agent")(view)
