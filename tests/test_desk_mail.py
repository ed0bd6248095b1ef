"""The dealer's e-mail: from the marketplace's name, in the reader's language."""
import email
import email.policy
import os

import pytest

from blueprints.desk.mailer import from_marketplace
from extensions import mail
from models import User, db
from tests.desk_factories import make_request, outbox_texts


@pytest.fixture
def agent(demo, auth):
    auth.login("agent")


def _take(client, req):
    return client.post(f"/desk/{req.reference}/take",
                       data={"expected_status": "submitted", "expected_handler": ""})


def test_mail_comes_from_the_marketplace_at_the_configured_address(agent, app, client):
    app.config.update(MARKETPLACE_NAME="Mikrokatti Märket",
                      MAIL_DEFAULT_SENDER="Order Manager <no-reply@market.example>")
    with db.connection_context():
        req = make_request()
    with mail.record_messages() as outbox:
        _take(client, req)
    assert outbox[0].sender == "Mikrokatti Märket <no-reply@market.example>"
    assert len(outbox_texts(app)) == 1
    folder = app.config["MAIL_OUTBOX_DIR"]
    with open(os.path.join(folder, os.listdir(folder)[0]), "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    assert str(message["From"]) == "Mikrokatti Märket <no-reply@market.example>"


@pytest.mark.parametrize("default", ["no-reply@market.example",
                                     "Order Manager <no-reply@market.example>",
                                     ("Old name", "no-reply@market.example")])
def test_a_bare_or_named_default_sender_keeps_its_address(default):
    config = {"MARKETPLACE_NAME": "Microcat Market", "MAIL_DEFAULT_SENDER": default}
    assert from_marketplace(config) == "Microcat Market <no-reply@market.example>"
    config["MARKETPLACE_NAME"] = "Parts, Inc."
    assert from_marketplace(config) == '"Parts, Inc." <no-reply@market.example>'



@pytest.mark.parametrize("saved, words", [
    ("sv", ("kundtjänst behandlar den", "Se förfrågan:")),
    ("en", ("customer service is processing it", "See the request:")),
    (None, ("asiakaspalvelu käsittelee", "Katso pyyntö:"))])
def test_subject_and_body_in_the_readers_language_not_the_agents(
        agent, app, client, saved, words):
    with db.connection_context():
        User.update(locale=saved).where(User.username == "demo").execute()
        req = make_request()
    client.get("/desk?lang=en")  # the agent reads English
    with mail.record_messages() as outbox:
        _take(client, req)
    subject_word, body_word = words
    assert subject_word in outbox[0].subject
    assert body_word in outbox[0].body
