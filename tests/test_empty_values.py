"""An empty value before or after a change reads "(empty)", never a bare dash."""
import re

from blueprints.desk import workflow
from models import AccountRequest, TradeAccount, User, db
from tests.desk_factories import edit_request, first_account


def _cells(page, label):
    """The cells of the table row headed `label`."""
    row = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', page, re.S)
    return [re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


def _empty_notes_edit():
    with db.connection_context():
        TradeAccount.update(notes="").where(
            TradeAccount.id == first_account().id).execute()
        return edit_request(account_changes={"notes": "Avoinna myös lauantaisin"})


def test_desk_review_says_empty_instead_of_a_dash(demo, auth, client):
    req = _empty_notes_edit()
    auth.login("agent")
    page = client.get(f"/desk/{req.reference}?lang=en").get_data(as_text=True)
    before, after = _cells(page, "Notes")
    assert before == "(empty)" and after == "changes to Avoinna myös lauantaisin"
    page = client.get(f"/desk/{req.reference}?lang=fi").get_data(as_text=True)
    assert _cells(page, "Huomautukset")[0] == "(tyhjä)"


def test_dealers_request_page_says_empty(demo, auth, client):
    req = _empty_notes_edit()
    auth.login("demo")
    page = client.get(f"/requests/{req.reference}?lang=sv").get_data(as_text=True)
    assert _cells(page, "Anteckningar") == ["(tom)", "Avoinna myös lauantaisin"]


def test_account_history_says_empty(demo, auth, client):
    req = _empty_notes_edit()
    with db.connection_context():
        agent = User.get(User.username == "agent")
        workflow.take(req, agent, "submitted", None)
        workflow.apply(AccountRequest.get_by_id(req.id), agent)
    auth.login("demo")
    page = client.get(f"/accounts/{first_account().id}?lang=en").get_data(as_text=True)
    assert _cells(page, "Notes") == ["(empty)", "Avoinna myös lauantaisin"]
