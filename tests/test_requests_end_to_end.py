"""A dealer's request carried out by customer service, seen by the dealer."""
from models import AccountRequest, TradeAccount, TradeUser, db
from tests.requests_support import create_data, edit_data, first_user

FORM = "/settings/trade-accounts"


def _clients(app):
    dealer, agent = app.test_client(), app.test_client()
    dealer.post("/login", data={"username": "demo", "password": "demo"})
    agent.post("/login", data={"username": "agent", "password": "agent"})
    return dealer, agent


def _take_and_apply(agent, reference):
    agent.post(f"/desk/{reference}/take", data={"expected_status": "submitted"})
    with db.connection_context():
        handler = AccountRequest.get(AccountRequest.reference == reference).handled_by_id
    return agent.post(f"/desk/{reference}/apply", data={
        "expected_status": "in_progress", "expected_handler": handler})


def test_a_new_account_and_a_removed_access_are_applied(demo, app):
    dealer, agent = _clients(app)
    dealer.post(FORM, data=create_data())
    user = first_user()
    dealer.post(FORM, data=edit_data(user, remove_access="y",
                                     idempotency_key="second-form-key-000000"))
    with db.connection_context():
        references = [r.reference for r in AccountRequest.select().order_by(AccountRequest.id)]
    assert len(references) == 2
    for reference in references:
        assert _take_and_apply(agent, reference).status_code in (200, 303)
    with db.connection_context():
        assert {r.status for r in AccountRequest.select()} == {"completed"}
        account = TradeAccount.get(TradeAccount.name == "Uusi Korjaamo Oy")
        assert TradeUser.get(TradeUser.account == account).email == \
            "matti.meikalainen@uusi.example"
        assert TradeUser.get_by_id(user.id).market_access is False
    page = dealer.get(f"/requests/{references[1]}?lang=en").get_data(as_text=True)
    assert "Completed" in page and "Changes made" in page
    assert "Customer service started processing" in page
