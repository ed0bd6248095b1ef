"""Shared pieces of the reply tests: a request customer service asked about."""
from blueprints.desk import workflow
from models import AccountRequest, RequestEvent, User, db
from tests.desk_factories import make_request

QUESTION = "Mikä on käyttäjän puhelinnumero?"


def agent(username="agent"):
    return User.get(User.username == username)


def asked_request():
    """A request customer service took and asked the dealer a question on."""
    with db.connection_context():
        req = make_request()
        workflow.take(req, agent(), "submitted", None)
        workflow.add_note(req, agent(), QUESTION, to_dealer=True)
    return req


def post_reply(client, req, text, headers=None, lang="en"):
    return client.post(f"/requests/{req.reference}/reply?lang={lang}",
                       data={"text": text}, headers=headers or {})


def replies_of(req):
    with db.connection_context():
        return list(RequestEvent.select().where(
            (RequestEvent.request == req.id) & (RequestEvent.kind == "reply"))
            .order_by(RequestEvent.id))


def fresh(req):
    with db.connection_context():
        return AccountRequest.get_by_id(req.id)
