"""Order Manager: the application factory."""
import os

from flask import Flask, redirect, url_for
from flask_babel import get_locale
from flask_login import current_user

import cli
import config
from extensions import babel, csrf, login_manager, mail
from models import User, db, open_database, prepared
from models.base import is_sqlite
from web import errors, i18n, navigation, new_orders, notices, security, serving
from web.clean_request import CleanRequest


class OrderManager(Flask):
    """Flask whose views read query values cleaned of control characters."""
    request_class = CleanRequest


def create_app(test_config=None):
    """Build the app: settings, database, extensions, blueprints, commands."""
    app = OrderManager(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.update(config.from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)
    config.check_secret_key(app)

    open_database(app.config["DATABASE_URL"])
    register_extensions(app)
    security.register(app)
    serving.register(app)
    register_blueprints(app)
    errors.register(app)
    i18n.register(app)
    navigation.register(app)
    new_orders.register(app)
    notices.register(app)
    cli.register(app)
    register_database_hooks(app)
    return app


def register_extensions(app):
    babel.init_app(app, locale_selector=i18n.select_locale,
                   timezone_selector=i18n.select_timezone)
    csrf.init_app(app)
    mail.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    login_manager.user_loader(load_user)


def load_user(user_id):
    """The session holds id:version; a bumped version ends old sessions."""
    try:
        pk, version = (int(part) for part in user_id.split(":"))
    except ValueError:
        return None
    # A logged-out session (a copied cookie) finds no user: checked in the
    # same query, one round trip less on every page.
    sid = security.session_id()
    if sid is None:
        return None
    # Compiled once: this query runs on every request.
    text, params = prepared.sql(_live_user_query, pk, version, sid)
    return next(iter(User.raw(text, *params)), None)


def _live_user_query(pk, version, sid):
    return User.select().where(
        (User.id == pk) & (User.session_version == version)
        & (User.active == True)  # noqa: E712
        & security.session_not_ended(sid))


def register_blueprints(app):
    from blueprints import (accounts, api, auth, desk, health, integrations,
                            notices, orders, settings, trade_requests)
    for module in (auth, health, orders, settings, trade_requests, accounts,
                   desk, notices, integrations, api):
        app.register_blueprint(module.bp)
    # API clients authenticate with a key per request, not a session cookie.
    csrf.exempt(api.bp)

    @app.route("/")
    def index():
        """Each role's home: dealers their orders, agents the desk."""
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login"))
        if current_user.is_agent and "desk.queue" in app.view_functions:
            return redirect(url_for("desk.queue"))
        return redirect(url_for("orders.order_list"))


def register_database_hooks(app):
    """A connection per request (per thread, on SQLite when served)."""
    @app.before_request
    def connect_db():
        db.connect(reuse_if_open=True)

    @app.teardown_request
    def close_db(exc):
        # A served SQLite database keeps each thread's connection: opening
        # one runs its pragmas, and closing the last one checkpoints and
        # deletes the WAL file, a good part of a short request's time.
        if db.is_closed() or (app.config.get("DB_KEEP_CONNECTIONS")
                              and is_sqlite()):
            return
        db.close()

    @app.context_processor
    def layout_context():
        return {"marketplace_name": app.config["MARKETPLACE_NAME"],
                "locales": i18n.LOCALE_NAMES,
                "current_locale": str(get_locale())}
