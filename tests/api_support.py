"""Helpers for the API tests: a site's key and a small JSON client."""
import json
import urllib.request
import uuid

from integration.api_keys import create_key
from models import Dealer, TradeAccount, db

SITE = "20/90074"


def key_for(code=SITE):
    with db.connection_context():
        _key, secret = create_key(Dealer.get(Dealer.code == code), "tests")
    return secret


def account_id(code=SITE, name="JG IMT 1"):
    with db.connection_context():
        return TradeAccount.get((TradeAccount.name == name)
                                & (TradeAccount.dealer
                                   == Dealer.get(Dealer.code == code))).id


def order_body(account, **changes):
    body = {"account_id": account, "po_number": "PO-77",
            "lines": [{"part_number": "1K0615301", "description": "Brake disc",
                       "quantity": 2, "unit_price": "45.90"},
                      {"part_number": "5Q0698151", "description": "Brake pads",
                       "quantity": 1, "unit_price": "62.00"},
                      {"part_number": "N10722101", "description": "Bolt",
                       "quantity": 4, "unit_price": "0.85"}]}
    body.update(changes)
    return body


class ApiClient:
    def __init__(self, client, secret):
        self.client = client
        self.secret = secret

    def headers(self, key=None, **extra):
        headers = {"Authorization": f"Bearer {self.secret}"}
        if key is not False:
            headers["Idempotency-Key"] = key or uuid.uuid4().hex
        headers.update(extra)
        return headers

    def post(self, path, body, key=None, **kwargs):
        data = body if isinstance(body, (str, bytes)) else json.dumps(body)
        return self.client.post(path, data=data, headers=self.headers(key),
                                content_type=kwargs.pop(
                                    "content_type", "application/json"),
                                **kwargs)

    def get(self, path, **kwargs):
        return self.client.get(path, headers=self.headers(False), **kwargs)


def post_order_over_http(base_url, secret, **changes):
    """Hand an order to a served app as the marketplace does; its code."""
    request = urllib.request.Request(
        f"{base_url}/api/v1/orders", method="POST",
        data=json.dumps(order_body(account_id(), **changes)).encode(),
        headers={"Authorization": f"Bearer {secret}",
                 "Idempotency-Key": uuid.uuid4().hex,
                 "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)["code"]
