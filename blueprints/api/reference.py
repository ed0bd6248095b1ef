"""The API reference page: the OpenAPI document, readable by a person."""
from flask import render_template
from flask_babel import format_timedelta

from blueprints.api import bp
from blueprints.api.openapi import document
from integration.delivery import RETRY_DELAYS


def _fields(schema, components):
    """(name, type, required, description) rows of an object schema."""
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    required = set(schema.get("required", ()))
    rows = []
    for name, field in schema.get("properties", {}).items():
        rows.append((name, _type_of(field), name in required,
                     field.get("description", "")))
    return rows


def _type_of(field):
    if "$ref" in field:
        return field["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in field:
        return " | ".join(_type_of(option) for option in field["anyOf"])
    if field.get("type") == "array":
        return f"array of {_type_of(field.get('items', {}))}"
    if "enum" in field:
        return " | ".join(f'"{value}"' for value in field["enum"])
    if "const" in field:
        return f'"{field["const"]}"'
    return field.get("type", "")


@bp.get("/reference")
def reference():
    """The reference: operations, their fields, errors and webhooks."""
    spec = document()
    components = spec["components"]["schemas"]
    operations = []
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}) \
                .get("application/json", {}).get("schema")
            operations.append({
                "method": method.upper(), "path": spec["servers"][0]["url"]
                + path, "operation": operation,
                "body": _fields(body, components) if body else []})
    schemas = {name: _fields(schema, components)
               for name, schema in components.items()}
    return render_template("api/reference.html", operations=operations,
                           schemas=schemas,
                           retry_delays=[format_timedelta(delay, threshold=1)
                                         for delay in RETRY_DELAYS])
