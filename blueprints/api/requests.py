"""Reading an API request: its JSON body, its Idempotency-Key, its query."""
import base64
import binascii
import json
import re

from flask import request
from pydantic import ValidationError

from blueprints.api.problems import (ApiProblem, parameter_error,
                                     validation_errors)

IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


def json_body(schema, optional=False):
    """(validated model, parsed payload) of a JSON body, or an ApiProblem."""
    raw = request.get_data(cache=True)
    if optional and not raw.strip():
        return schema(), {}
    if request.mimetype != "application/json":
        raise ApiProblem(415)
    try:
        payload = json.loads(raw)
    except (ValueError, RecursionError):
        raise ApiProblem(400, "The body is not valid JSON.",
                         kind="malformed-json")
    try:
        return schema.model_validate(payload), payload
    except ValidationError as error:
        raise ApiProblem(422, errors=validation_errors(error.errors()))
    except RecursionError:
        raise ApiProblem(400, "The body is nested too deeply.",
                         kind="malformed-json")


def idempotency_key():
    key = request.headers.get("Idempotency-Key")
    if key is None:
        raise ApiProblem(400, "Every POST needs an Idempotency-Key header "
                         "(a unique value, e.g. a UUID, reused only to "
                         "retry the same request).",
                         kind="idempotency-key-missing",
                         errors=[{"parameter": "Idempotency-Key",
                                  "detail": "is required"}])
    if not IDEMPOTENCY_KEY.match(key):
        raise parameter_error("Idempotency-Key", "must be 1 to 255 visible "
                              "ASCII characters")
    return key


def limit_arg(default=50, most=100):
    value = request.args.get("limit")
    if value is None:
        return default
    if not value.isdigit() or not 1 <= int(value) <= most:
        raise parameter_error("limit", f"must be a whole number from 1 to "
                              f"{most}")
    return int(value)


def encode_cursor(values):
    text = json.dumps(values, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(shape):
    """The list a cursor holds, checked against `shape` (a list of types)."""
    value = request.args.get("cursor")
    if not value:
        return None
    try:
        padded = value + "=" * (-len(value) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        values = None
    if not (isinstance(values, list) and len(values) == len(shape)
            and all(type(v) is t for v, t in zip(values, shape))):
        raise parameter_error("cursor", "is not a cursor this API gave out")
    return values
