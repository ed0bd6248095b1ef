"""RFC 9457 problem details: every error under /api/ is one of these."""
import json

from flask import Response
from werkzeug.http import HTTP_STATUS_CODES

PROBLEM_TYPE = "https://order-manager.example/problems/"
MEDIA_TYPE = "application/problem+json"

# The kinds of problem a client can branch on (the `type` URI's last part).
DETAILS = {
    400: ("bad-request", "The request could not be read."),
    401: ("unauthorized", "A valid API key is needed: "
          "Authorization: Bearer <key>."),
    404: ("not-found", "Nothing was found at this address for this key."),
    405: ("method-not-allowed", "This method is not allowed here."),
    409: ("conflict", "The request conflicts with the resource's state."),
    413: ("too-large", "The request body is too large."),
    415: ("unsupported-media-type",
          "The request body must be application/json."),
    422: ("invalid", "The request has invalid values."),
    429: ("rate-limited", "Too many requests for this key: retry after "
          "the time given in Retry-After."),
    500: ("server-error", "Something went wrong on our side; the request "
          "may be retried with the same Idempotency-Key."),
}


def problem(status, detail=None, kind=None, errors=None, headers=None):
    """A problem+json response."""
    default_kind, default_detail = DETAILS.get(
        status, ("error", HTTP_STATUS_CODES.get(status, "Error")))
    body = {"type": PROBLEM_TYPE + (kind or default_kind),
            "title": HTTP_STATUS_CODES.get(status, "Error"),
            "status": status,
            "detail": detail or default_detail}
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body, ensure_ascii=False), status=status,
                        mimetype=MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def validation_errors(pydantic_errors):
    """Pydantic's errors as {pointer, detail}: /lines/0/unit_price."""
    return [{"pointer": "/" + "/".join(_escape(part) for part in error["loc"])
             if error["loc"] else "",
             "detail": _detail(error)}
            for error in pydantic_errors]


def _escape(part):
    return str(part).replace("~", "~0").replace("/", "~1")


def _detail(error):
    message = error["msg"]
    return message.removeprefix("Value error, ")


class ApiProblem(Exception):
    """Raised by API code to answer with a problem."""

    def __init__(self, status, detail=None, kind=None, errors=None,
                 headers=None):
        super().__init__(detail)
        self.response = problem(status, detail, kind, errors, headers)


def parameter_error(name, detail):
    return ApiProblem(422, "A query or header parameter is invalid.",
                      errors=[{"parameter": name, "detail": detail}])
