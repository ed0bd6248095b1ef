"""One rule per concept: the request form and the desk's Apply give the same
answer on whether an account name is taken or an e-mail address in use.

Each case sets the data up, sends the request form as the dealer, then
has customer service take and apply a request with the same values; both
refuse, or both go through.
"""
import pytest

from blueprints.desk import workflow
from domain.request_refusals import ApplyRefused
from models import AccountRequest, TradeAccount, TradeUser, User, db
from tests.desk_factories import NEW_ACCOUNT, NEW_USER, make_request
from tests.requests_support import (account, add_user_data, create_data,
                                    edit_data)

FORM = "/settings/trade-accounts?lang=en"
EMAIL_IN_USE = "This email address is already used by an active trade user."
NAME_TAKEN = "A trade account with this name already exists."
TARGET = "Kallion Autohuolto"


def _holder(account_name, **changes):
    """The first user of `account_name`, changed as the case asks."""
    user = (TradeUser.select().join(TradeAccount)
            .where(TradeAccount.name == account_name)
            .order_by(TradeUser.id).first())
    if changes:
        TradeUser.update(**changes).where(TradeUser.id == user.id).execute()
    return user


def _deactivate(account_name):
    TradeAccount.update(active=False).where(
        TradeAccount.name == account_name).execute()


def _shouted(email):
    """The address as a person might type it: other case, outer spaces."""
    return f"  {email.upper()} "


def _other_site_user():
    return _holder("Söders Bilverkstad AB").email


def _same_site_user():
    return _shouted(_holder("Korjaamo Virtanen Oy").email)


def _user_without_access():
    return _holder("Korjaamo Virtanen Oy", market_access=False).email


def _user_of_inactive_account():
    email = _holder("Pirkan Kori Oy").email
    _deactivate("Pirkan Kori Oy")
    return email


EMAIL_CASES = [
    (_same_site_user, True),
    (_other_site_user, True),
    (_user_without_access, False),
    (_user_of_inactive_account, False),
]
NAME_CASES = [
    (lambda: "  KALLION   autohuolto ", True),   # case and spaces
    (lambda: "Bromma Motor", False),            # another dealer's site
    (lambda: "Tammelan Huolto", False),         # the sender's other site
    (lambda: (_deactivate(TARGET), TARGET)[1], True),  # inactive, same site
]


@pytest.fixture
def dealer(demo, client, auth):
    auth.login("demo")
    return client


def _form_refuses(client, data, message):
    response = client.post(FORM, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code in (302, 422), page
    return response.status_code == 422 and message in page


def _desk_refuses(reason, **request):
    """Take and apply a request as customer service; True when refused."""
    with db.connection_context():
        agent = User.get(User.username == "agent")
        req = make_request(**request)
        workflow.take(req, agent, "submitted", None)
        try:
            workflow.apply(AccountRequest.get_by_id(req.id), agent)
        except ApplyRefused as refusal:
            assert refusal.reason == reason
            return True
    return False


@pytest.mark.parametrize("case, in_use", EMAIL_CASES)
def test_new_user_email_same_answer(dealer, case, in_use):
    with db.connection_context():
        email = case()
    form = _form_refuses(dealer, add_user_data(email=email), EMAIL_IN_USE)
    desk = _desk_refuses("email_taken", kind="add_user", account=account(TARGET),
                         requested={"user": dict(NEW_USER, email=email.strip())},
                         snapshot={"account": {"name": TARGET}})
    assert form == desk == in_use


@pytest.mark.parametrize("case, taken", NAME_CASES)
def test_new_account_name_same_answer(dealer, case, taken):
    with db.connection_context():
        name = case()
    form = _form_refuses(dealer, create_data(name=name), NAME_TAKEN)
    desk = _desk_refuses("name_taken", requested={
        "account": dict(NEW_ACCOUNT, name=" ".join(name.split())),
        "user": dict(NEW_USER)})
    assert form == desk == taken


def test_user_without_access_may_take_an_address_in_use(dealer):
    """The form used to refuse this edit that Apply carried out: a user
    without marketplace access holds no address, so both let it through."""
    with db.connection_context():
        email = _holder("Korjaamo Virtanen Oy").email
        edited = _holder(TARGET, market_access=False)
        edited = TradeUser.get_by_id(edited.id)
    form = _form_refuses(dealer, edit_data(trade_user=edited, email=email),
                         EMAIL_IN_USE)
    desk = _desk_refuses(
        "email_taken", kind="edit_account_and_user",
        account=account(TARGET), trade_user=edited,
        requested={"user": {"email": email}},
        snapshot={"user": {"email": edited.email}})
    assert form is desk is False
