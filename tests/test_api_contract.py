"""The OpenAPI document, and a property-based run of the API against it:
no 5xx, and every answer conforms to the document (status codes, media
types, headers and bodies)."""
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (content_type_conformance,
                                               response_headers_conformance,
                                               response_schema_conformance,
                                               status_code_conformance)

from tests.api_support import key_for

CHECKS = [not_a_server_error, status_code_conformance,
          content_type_conformance, response_headers_conformance,
          response_schema_conformance]


def test_the_document_is_openapi_3_1_with_every_operation(client, demo):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    operations = {(method, path) for path, methods in spec["paths"].items()
                  for method in methods}
    assert operations == {("post", "/orders"), ("get", "/orders"),
                          ("get", "/orders/{code}"),
                          ("post", "/orders/{code}/cancel"),
                          ("get", "/trade-accounts")}
    new_order = spec["components"]["schemas"]["NewOrder"]
    assert set(new_order["required"]) == {"account_id", "po_number", "lines"}
    assert new_order["additionalProperties"] is False
    line = spec["components"]["schemas"]["NewOrderLine"]
    assert line["properties"]["unit_price"]["type"] == "string"


def test_the_reference_page_is_readable_and_translated(client, demo):
    page = client.get("/api/v1/reference?lang=fi").get_data(as_text=True)
    assert "API-kuvaus" in page and "POST /api/v1/orders" in page
    assert "unit_price" in page and "Idempotency-Key" in page


OPERATIONS = [("POST", "/orders"), ("GET", "/orders"),
              ("GET", "/orders/{code}"), ("POST", "/orders/{code}/cancel"),
              ("GET", "/trade-accounts")]


@pytest.mark.parametrize("mode", list(GenerationMode))
@pytest.mark.parametrize("method, path", OPERATIONS)
def test_the_api_keeps_its_document(demo, method, path, mode):
    """Schemathesis makes valid and invalid requests from the document."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", demo)
    operation = schema[path][method]
    # The in-process transport does not undo compression.
    headers = {"Authorization": f"Bearer {key_for()}",
               "Accept-Encoding": "identity"}

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=60, deadline=None, derandomize=True,
              database=None, suppress_health_check=list(HealthCheck))
    def conforms(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    conforms()
