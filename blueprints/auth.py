"""Logging in and out."""
from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, Length

from models import User
from web import new_orders
from web.forms import SafeForm
from web.security import audit, end_session, start_session, throttle_login

bp = Blueprint("auth", __name__)


class LoginForm(SafeForm):
    username = StringField(_l("Username"), validators=[
        InputRequired(), Length(max=64)],
        render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Password"), validators=[
        InputRequired(), Length(max=256)],
        render_kw={"autocomplete": "current-password"})


def safe_next(target):
    """Only a local path: no scheme, no host, no protocol-relative URL."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") \
            or target.startswith("//") or "\\" in target:
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@throttle_login
def login():
    """Log in; an unknown user and a wrong password get the same answer."""
    if current_user.is_authenticated:
        return redirect(url_for("index"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        user = User.get_or_none(User.username == form.username.data.strip())
        if user and user.check_password(form.password.data) and user.active:
            lang = session.get("lang")
            session.clear()  # a fresh session: nothing carries over
            if lang:
                session["lang"] = lang
            login_user(user)
            start_session()
            # Orders that arrive from now on are the header's "new orders".
            new_orders.mark_all_seen()
            audit("login", user=user.username)
            return redirect(safe_next(request.args.get("next"))
                            or url_for("index"))
        error = _("Wrong username or password, or the account is not active.")
        audit("login_failed", username=form.username.data.strip()[:64])
    status = 422 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form, error=error), status


@bp.route("/logout", methods=["POST"])
def logout():
    """Log out (POST, with CSRF, so no link can log anyone out).

    The cookie is signed, not stored, so a copy of it would outlive a mere
    session.clear(): the session's id is remembered as ended.
    """
    if current_user.is_authenticated:
        audit("logout")
        end_session()
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))

