"""Editing a user: the account's users are chosen by name and e-mail."""
import re

from models import TradeAccount, TradeUser, db
from tests.requests_support import account, site


def test_users_to_edit_show_names_with_emails(demo, auth, client):
    with db.connection_context():
        TradeUser.create(account=TradeAccount.get_by_id(account().id),
                         email="matti@kallio.example", email_key="matti@kallio.example",
                         first_name="Matti", last_name="Meikäläinen",
                         role="workshop_manager")
    auth.login("demo")
    page = client.get("/settings/trade-accounts/form", query_string={
        "lang": "en", "kind": "edit_account_and_user", "site": site().id,
        "current_name": "Kallion Autohuolto", "edit_user": "y"}).get_data(as_text=True)
    select = re.search(r'<select[^>]*id="current_email".*?</select>', page, re.S).group(0)
    assert '<option value="matti@kallio.example">Matti Meikäläinen &lt;matti@kallio.example&gt;</option>' in select
    labels = re.findall(r'<option value="[^"]+">([^<]+)</option>', select)
    assert len(labels) > 1 and all(re.fullmatch(r"\S.* &lt;\S+@\S+&gt;", l) for l in labels), labels
    assert labels == sorted(labels, key=str.casefold)
