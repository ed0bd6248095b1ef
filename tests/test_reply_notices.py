"""Both sides hear of the thread: the desk sees a dealer's reply, marked and
as a notice; the dealer gets a notice when customer service writes."""
import re

import pytest

from blueprints.desk import workflow
from models import Notification, RequestEvent, User, db
from models.notices import KIND_REPLY, unread_count
from tests.desk_factories import make_request
from tests.reply_support import (agent, asked_request, fresh, post_reply)


@pytest.fixture
def asked(demo):
    return asked_request()


def _notices(user):
    with db.connection_context():
        return list(Notification.select().where(
            Notification.user == agent(user).id).order_by(Notification.id))


def _second_agent():
    with db.connection_context():
        other = User(username="agent2", display_name="Toinen Agentti",
                     role="agent")
        other.set_password("agent2")
        other.save()
    return other


def test_the_desk_sees_the_reply_marked_until_an_agent_opens_it(asked, auth, client):
    auth.login("demo")
    post_reply(client, asked, "Ensimmäinen.")
    post_reply(client, asked, "Numero on 040 123 4567.")
    auth.logout()
    auth.login("agent")
    queue = client.get("/desk?lang=en").get_data(as_text=True)
    row = re.search(rf'<tr[^>]*>\s*<td class="reference"[^>]*>.{{0,200}}{asked.reference}.*?</tr>',
                    queue, re.S).group(0)
    assert "New reply" in row
    detail = client.get(f"/desk/{asked.reference}?lang=en").get_data(as_text=True)
    assert "Demo Dealer: Reply from the dealer" in detail
    # Both replies since an agent last looked are marked new, in the timeline.
    assert detail.count('class="reply new-reply"') == 2
    assert "Numero on 040 123 4567." in detail
    assert fresh(asked).dealer_reply_at is None
    assert "New reply" not in client.get("/desk?lang=en").get_data(as_text=True)
    assert "New reply" not in client.get(
        f"/desk/{asked.reference}?lang=en").get_data(as_text=True)


def test_the_handling_agent_gets_a_notice_linking_to_the_desk(asked, auth, client):
    _second_agent()
    auth.login("demo")
    post_reply(client, asked, "Numero on 040 123 4567.")
    [notice] = _notices("agent")
    assert notice.kind == KIND_REPLY and notice.subject == asked.reference
    assert _notices("agent2") == []          # only the one who handles it
    auth.logout()
    auth.login("agent")
    orders_free_page = client.get("/desk?lang=en").get_data(as_text=True)
    assert "1 new notice" in orders_free_page   # the header tells agents too
    page = client.get("/notices?lang=en").get_data(as_text=True)
    assert (f'<a href="/desk/{asked.reference}">Demo Dealer replied on request '
            f'{asked.reference} (Korjaamo Testi Oy):</a>') in page
    assert "Numero on 040 123 4567." in page


def test_opening_the_request_in_the_desk_reads_the_notice(asked, auth, client):
    auth.login("demo")
    post_reply(client, asked, "Numero on 040 123 4567.")
    auth.logout()
    auth.login("agent")
    client.get(f"/desk/{asked.reference}")
    with db.connection_context():
        assert unread_count(agent().id) == 0


def test_before_anyone_takes_it_the_agent_who_asked_hears(demo, auth, client):
    """A message on a request nobody has taken yet: its writer is told."""
    with db.connection_context():
        req = make_request()
        workflow.add_note(req, agent(), "Kuka on yhteyshenkilö?", to_dealer=True)
    auth.login("demo")
    post_reply(client, req, "Matti.")
    assert [n.subject for n in _notices("agent")] == [req.reference]


def test_nobody_to_tell_leaves_it_to_the_queue(demo, auth, client):
    with db.connection_context():
        req = make_request()
    auth.login("demo")
    post_reply(client, req, "Lisätieto.")
    assert _notices("agent") == [] and fresh(req).dealer_reply_at is not None


def test_in_finnish_and_swedish(asked, auth, client):
    auth.login("demo")
    post_reply(client, asked, "Numero on 040 123 4567.")
    auth.logout()
    auth.login("agent")
    fi = client.get("/notices?lang=fi").get_data(as_text=True)
    assert f"Demo Dealer vastasi pyyntöön {asked.reference}" in fi
    with db.connection_context():
        Notification.update(read=False).execute()
    sv = client.get("/notices?lang=sv").get_data(as_text=True)
    assert f"Demo Dealer svarade på förfrågan {asked.reference}" in sv


def test_the_dealer_hears_when_customer_service_writes(asked, auth, client):
    """The other direction: the agent's message is a notice on the dealer's
    notices page, linking to the request whose thread shows it."""
    auth.login("demo")
    page = client.get("/notices?lang=en").get_data(as_text=True)
    assert "Customer service sent a message about your request" in page
    assert f'href="/requests/{asked.reference}"' in page
    assert "Mikä on käyttäjän puhelinnumero?" in page


def test_an_agent_without_notices_is_told_what_will_come(demo, auth, client):
    auth.login("agent")
    page = client.get("/notices?lang=en").get_data(as_text=True)
    assert "When a dealer replies on a request you handle" in page


def test_a_colleague_who_replied_hears_the_answer_too(asked, auth, client):
    from models import Dealer, Membership
    with db.connection_context():
        colleague = User(username="colleague", display_name="Kollega")
        colleague.set_password("colleague")
        colleague.save()
        Membership.create(user=colleague, dealer=Dealer.get(Dealer.code == "20/90074"))
    auth.login("colleague")
    assert post_reply(client, asked, "Numero on 040 123 4567.").status_code == 303
    with db.connection_context():
        workflow.add_note(fresh(asked), agent(), "Kiitos!", to_dealer=True)
        thanks = RequestEvent.get(RequestEvent.note == "Kiitos!")
        thanked = {n.user.username for n in Notification.select().join(User)
                   .where(Notification.event == thanks)}
    assert thanked == {"demo", "colleague"}
