"""GET /api/v1/openapi.json: OpenAPI 3.1 made from the views and schemas.

Each view declares its operation with @operation (the body schema, the
answer schema, its parameters); the document is built from those and the
pydantic models' JSON Schema, so it cannot drift from what is validated.
"""
from flask import current_app, jsonify
from pydantic.json_schema import models_json_schema

from blueprints.api import bp, schemas

IDEMPOTENCY_HEADER = {
    "name": "Idempotency-Key", "in": "header", "required": True,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255,
               "pattern": "^[\\x21-\\x7e]+$"},
    "description": "A unique value per request (e.g. a UUID). Retrying with "
                   "the same key and body returns the first answer with "
                   "Idempotent-Replayed: true; keys are kept at least 24 "
                   "hours. The same key with another body is refused (422); "
                   "while the first request runs, a retry gets 409."}
ERROR_STATUSES = {
    "400": "Unreadable request", "401": "No valid API key",
    "404": "Not found", "409": "Conflict", "413": "Body too large",
    "415": "Not JSON", "422": "Invalid values", "429": "Rate limited",
}


def operation(operation_id, summary, answer, body=None, parameters=(),
              body_required=True):
    """Declare a view's API operation for the OpenAPI document."""
    def declare(view):
        view.api_operation = {
            "operationId": operation_id, "summary": summary,
            "answer": answer, "body": body, "parameters": list(parameters),
            "body_required": body_required,
            "description": " ".join((view.__doc__ or "").split())}
        return view
    return declare


def _component_schemas():
    models = [schemas.NewOrder, schemas.CancelOrder, schemas.Order,
              schemas.OrderList, schemas.TradeAccountList, schemas.Problem]
    _keys, top = models_json_schema(
        [(model, "validation") for model in models],
        ref_template="#/components/schemas/{model}")
    return top["$defs"]


def _ref(model):
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _problem_response(description):
    return {"description": description,
            "content": {"application/problem+json": {
                "schema": _ref(schemas.Problem)}}}


def _operation(spec):
    status, model = spec["answer"]
    responses = {str(status): {"description": "OK", "content": {
        "application/json": {"schema": _ref(model)}}}}
    if status == 201:
        responses["201"]["headers"] = {"Location": {
            "schema": {"type": "string"}}}
    responses.update({code: _problem_response(text)
                      for code, text in ERROR_STATUSES.items()})
    responses["default"] = _problem_response("Any other error")
    operation = {"operationId": spec["operationId"],
                 "summary": spec["summary"],
                 "parameters": spec["parameters"],
                 "responses": responses}
    if spec["description"]:
        operation["description"] = spec["description"]
    if spec["body"] is not None:
        operation["requestBody"] = {
            "required": spec["body_required"],
            "content": {"application/json": {"schema": _ref(spec["body"])}}}
    return operation


def document():
    """The OpenAPI 3.1 document of every API view."""
    paths = {}
    prefix = bp.url_prefix
    for rule in current_app.url_map.iter_rules():
        view = current_app.view_functions.get(rule.endpoint)
        spec = getattr(view, "api_operation", None)
        if spec is None:
            continue
        path = rule.rule.removeprefix(prefix)
        for name in rule.arguments:
            path = path.replace(f"<{name}>", "{" + name + "}")
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(spec)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Order Manager integration API", "version": "1",
                 "description": (
                     "Orders from the marketplace in, their status out. "
                     "Authenticate with a site's API key "
                     "(Authorization: Bearer …); every error is RFC 9457 "
                     "problem details. Status changes are also sent as "
                     "Standard Webhooks events (order.created, "
                     "order.status_changed).")},
        "servers": [{"url": prefix}],
        "security": [{"apiKey": []}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": _component_schemas(),
            "securitySchemes": {"apiKey": {"type": "http",
                                           "scheme": "bearer"}}},
    }


@bp.get("/openapi.json")
def openapi_document():
    """The document itself (public: it holds no data)."""
    return jsonify(document())
