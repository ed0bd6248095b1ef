"""Error pages: translated, in the layout, and small partials for htmx;
problem details (RFC 9457) for the JSON API under /api/."""
from flask import make_response, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from web.rendering import wants_partial
from web.security import audit, retry_after_seconds

MESSAGES = {
    400: lambda: _("The request could not be understood."),
    403: lambda: _("You do not have access to this page."),
    404: lambda: _("The page was not found."),
    405: lambda: _("That action is not allowed here."),
    429: lambda: _("Too many attempts. Wait a moment and try again."),
    500: lambda: _("Something went wrong on our side. Please try again."),
}
# Only API clients meet these; web pages answer them as a bad request.
API_ONLY = (401, 409, 413, 415, 422)


def _is_api():
    return request.path.startswith("/api/")


def _render(code, message):
    if _is_api():
        from blueprints.api.problems import problem
        return problem(code)
    template = "errors/_error.html" if wants_partial() else "errors/error.html"
    return render_template(template, code=code, message=message), code


def _too_many(error):
    response = _render(429, MESSAGES[429]())
    response = response if not isinstance(response, tuple) else \
        make_response(*response)
    response.headers["Retry-After"] = str(retry_after_seconds())
    return response


def register(app):
    for code, message in MESSAGES.items():
        app.register_error_handler(
            code, lambda error, code=code, message=message: _render(code, message()))
    app.register_error_handler(429, _too_many)
    for code in API_ONLY:
        app.register_error_handler(
            code, lambda error, code=code: _render(
                code if _is_api() else 400, MESSAGES[400]()))

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        audit("access_refused", reason="csrf", detail=error.description)
        return _render(400, _("The form has expired or was not sent from this "
                              "site. Reload the page and try again."))
