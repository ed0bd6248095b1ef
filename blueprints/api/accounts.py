"""The site's trade accounts: the ids an order names in account_id."""
from flask import g

from blueprints.api import bp, schemas
from blueprints.api.openapi import operation
from blueprints.api.requests import decode_cursor, encode_cursor, limit_arg
from blueprints.api.responses import json_response
from models import TradeAccount


@bp.get("/trade-accounts")
@operation("listTradeAccounts", "The site's trade accounts",
           answer=(200, schemas.TradeAccountList), parameters=[
               {"name": "limit", "in": "query", "schema": {
                   "type": "integer", "minimum": 1, "maximum": 100,
                   "default": 50}},
               {"name": "cursor", "in": "query", "schema": {
                   "type": "string"}}])
def list_trade_accounts():
    query = TradeAccount.select().where(
        TradeAccount.dealer == g.api_key.dealer_id)
    after = decode_cursor([int])
    if after is not None:
        query = query.where(TradeAccount.id > after[0])
    limit = limit_arg()
    accounts = list(query.order_by(TradeAccount.id).limit(limit + 1))
    more = len(accounts) > limit
    accounts = accounts[:limit]
    return json_response(schemas.TradeAccountList, {
        "data": [{"id": a.id, "name": a.name, "active": a.active}
                 for a in accounts],
        "next_cursor": encode_cursor([accounts[-1].id]) if more else None})
