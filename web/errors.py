"""Error pages: translated, in the layout, and small partials for htmx."""
from flask import render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from web.rendering import wants_partial
from web.security import audit

MESSAGES = {
    400: lambda: _("The request could not be understood."),
    403: lambda: _("You do not have access to this page."),
    404: lambda: _("The page was not found."),
    405: lambda: _("That action is not allowed here."),
    429: lambda: _("Too many attempts. Wait a moment and try again."),
    500: lambda: _("Something went wrong on our side. Please try again."),
}


def _render(code, message):
    template = "errors/_error.html" if wants_partial() else "errors/error.html"
    return render_template(template, code=code, message=message), code


def register(app):
    for code, message in MESSAGES.items():
        app.register_error_handler(
            code, lambda error, code=code, message=message: _render(code, message()))

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        audit("access_refused", reason="csrf", detail=error.description)
        return _render(400, _("The form has expired or was not sent from this "
                              "site. Reload the page and try again."))
