"""Who is calling: a site's API key, its rate limit, the body size limit."""
import hashlib

from flask import current_app, g, request

from blueprints.api import bp
from blueprints.api.problems import ApiProblem
from integration.api_keys import key_for_secret, note_use
from web.security import audit, limiter

# The OpenAPI document and its reference page are public.
PUBLIC_ENDPOINTS = {"api.openapi_document", "api.reference"}


def rate_limit_key():
    """Each presented key has its own budget (anonymous callers: per IP)."""
    header = request.headers.get("Authorization", "")
    if header:
        return "api:" + hashlib.sha256(header.encode()).hexdigest()[:32]
    return "api-ip:" + (request.remote_addr or "")


limiter.limit(lambda: current_app.config["API_RATE_LIMIT"],
              key_func=rate_limit_key)(bp)


@bp.before_request
def authenticate():
    request.max_content_length = current_app.config["API_MAX_BODY_BYTES"]
    if request.endpoint in PUBLIC_ENDPOINTS:
        return
    scheme, _space, secret = request.headers.get("Authorization", "") \
        .partition(" ")
    key = key_for_secret(secret.strip()) if scheme.lower() == "bearer" \
        else None
    if key is None:
        audit("access_refused", reason="api_key")
        raise ApiProblem(401, headers={
            "WWW-Authenticate": 'Bearer realm="order-manager"'})
    g.api_key = key
    note_use(key)


@bp.errorhandler(ApiProblem)
def answer_problem(problem):
    return problem.response
