"""The "My settings" tab, and the customer service contact page."""
from flask import current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from blueprints.settings import bp
from blueprints.settings.forms import MySettingsForm, options
from blueprints.trade_requests import choices
from web.i18n import LOCALE_NAMES, LOCALES, select_locale, select_timezone


@bp.route("")
@login_required
def index():
    """Settings opens on the tab the user's role has."""
    if current_user.is_agent:
        return redirect(url_for("settings.my_settings"))
    return redirect(url_for("settings.trade_account_settings"))


@bp.route("/me", methods=["GET", "POST"])
@login_required
def my_settings():
    """The user's own language and time zone, applied as soon as saved."""
    form = MySettingsForm()
    form.locale.choices = options((code, LOCALE_NAMES[code]) for code in LOCALES)
    user = current_user._get_current_object()
    form.time_zone.choices = choices.time_zone_choices(
        suggested=[site.time_zone for site in user.dealers()],
        keep=user.time_zone or select_timezone())
    if form.validate_on_submit():
        user.locale = form.locale.data
        user.time_zone = form.time_zone.data
        user.save(only=[type(user).locale, type(user).time_zone])
        # The saved choice wins over an earlier ?lang= of this session.
        session["lang"] = form.locale.data
        flash(_("Your settings were saved."), "success")
        return redirect(url_for("settings.my_settings"))
    if not form.is_submitted():
        form.locale.data = str(select_locale())
        form.time_zone.data = select_timezone()
    status = 422 if form.errors else 200
    return render_template("settings/my_settings.html", form=form), status


@bp.route("/contact")
@login_required
def contact():
    """How to reach the marketplace's customer service."""
    config = current_app.config
    return render_template("settings/contact.html",
                           email=config["SUPPORT_EMAIL"],
                           phone=config["SUPPORT_PHONE"])
