"""Answers: shaped by the schemas, and POST answers kept for replay."""
import json

from flask import Response, g, request

from blueprints.api.problems import ApiProblem
from blueprints.api.requests import idempotency_key
from integration import idempotency
from models import write_transaction


def shaped(schema, data):
    """`data` checked against `schema` and dumped as the API shows it."""
    return schema.model_validate(data).model_dump(mode="json", by_alias=True)


def json_response(schema, data, status=200, headers=None):
    return Response(json.dumps(shaped(schema, data), ensure_ascii=False),
                    status=status, mimetype="application/json",
                    headers=headers)


def idempotent(payload, action):
    """Run `action` once per Idempotency-Key and answer as it first did.

    `action()` runs inside the transaction that stores its answer and
    returns (status, schema, data, location).
    """
    key = idempotency_key()
    fingerprint = idempotency.request_hash(request.method, request.path,
                                           payload)
    try:
        claim = idempotency.claim(g.api_key.id, key, fingerprint)
    except idempotency.KeyInFlight:
        raise ApiProblem(409, "A request with this Idempotency-Key is still "
                         "being processed. Retry it in a moment.",
                         kind="idempotency-key-in-flight",
                         headers={"Retry-After": "1"})
    except idempotency.KeyReusedWithOtherBody:
        raise ApiProblem(422, "This Idempotency-Key was first used for a "
                         "different request. Use a new key for a new "
                         "request.", kind="idempotency-key-reused")
    if isinstance(claim, idempotency.Replay):
        return _stored(claim, replayed=True)
    try:
        with write_transaction():
            status, schema, data, location = action()
            body = json.dumps(shaped(schema, data), ensure_ascii=False)
            idempotency.complete(claim, status, body, location)
    except BaseException:
        idempotency.release(claim)
        raise
    return _stored(idempotency.Replay(status, body, location), replayed=False)


def _stored(answer, replayed):
    response = Response(answer.body, status=answer.status,
                        mimetype="application/json")
    if answer.location:
        response.headers["Location"] = answer.location
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response
