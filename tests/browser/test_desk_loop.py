"""The whole loop, clicked as people would: a dealer sends a request, an agent
takes and applies (or rejects) it, and the dealer sees the outcome: status,
notice, e-mail in the outbox, and the new user under Trade accounts."""
import re

import pytest
from playwright.sync_api import expect

from models import AccountRequest, User, db
from tests.browser.conftest import log_in, serious_axe_violations
from tests.desk_factories import make_request, outbox_texts

pytestmark = pytest.mark.browser

ACCOUNT = "Pajalan Autokorjaamo Oy"
EMAIL = "pekka.pajala@pajala.example"


def log_out(page):
    page.get_by_role("button", name=re.compile("Log out|Kirjaudu ulos")).click()
    page.wait_for_load_state()


def send_request(page, account=ACCOUNT, email=EMAIL):
    """As `demo`, through the dealer's request form; returns the reference."""
    page.goto(f"{page.base_url}/settings/trade-accounts?lang=en")
    page.get_by_label("Account name", exact=True).fill(account)
    page.get_by_label("Address", exact=True).fill("Pajakatu 1, Helsinki")
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("First name").fill("Pekka")
    page.get_by_label("Last name").fill("Pajala")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text(re.compile(r"R-\d{4}-\d{6}")).first).to_be_visible()
    with db.connection_context():
        req = (AccountRequest.select()
               .where(AccountRequest.account_name == account)
               .order_by(AccountRequest.id.desc()).first())
    assert req is not None, "the form stored no request"
    return req.reference


def open_in_queue(page, reference, lang="en"):
    """The agent finds the request with the live search and opens it."""
    page.goto(f"{page.base_url}/desk?lang={lang}")
    search = {"en": "Search", "fi": "Hae"}[lang]
    page.get_by_label(search, exact=True).press_sequentially(reference, delay=20)
    expect(page).to_have_url(re.compile("q=" + reference))
    expect(page.locator("#results tbody tr")).to_have_count(1)
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)


def test_dealer_sends_agent_applies_dealer_sees_it(page, live_server):
    log_in(page, "demo")
    reference = send_request(page)
    log_out(page)

    log_in(page, "agent")
    open_in_queue(page, reference)
    assert serious_axe_violations(page) == []
    page.get_by_role("button", name="Take", exact=True).click()
    expect(page.get_by_text("You took the request.")).to_be_visible()
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("The request was applied and completed.")).to_be_visible()
    expect(page.locator(".order-header")).to_contain_text("Completed")
    page.screenshot(path="/tmp/desk_shots/loop-agent-applied.png", full_page=True)
    log_out(page)

    log_in(page, "demo")
    notices = page.locator("#header-notices")
    expect(notices).to_contain_text("2 new notices")
    notices.click()
    newest = page.locator(".notice-list li").first
    expect(newest).to_contain_text(f"Your request {reference}")
    expect(newest).to_contain_text("is completed")
    assert serious_axe_violations(page) == []
    expect(page.locator("#header-notices")).to_contain_text("No new notices")
    newest.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    mails = outbox_texts(live_server.app)
    assert len(mails) == 2 and all(reference in m for m in mails)
    assert all("demo@example.com" in m for m in mails)

    page.goto(f"{page.base_url}/accounts?lang=en")
    page.get_by_role("link", name=ACCOUNT).click()
    expect(page.get_by_text(EMAIL).first).to_be_visible()
    history = page.locator(".account-history")
    if history.count():
        expect(history).to_contain_text(reference)
    page.screenshot(path="/tmp/desk_shots/loop-dealer-account.png", full_page=True)


def test_rejection_reaches_the_dealer_with_its_reason(page, live_server):
    reason = "Tällä korjaamolla on jo tili toisella nimellä."
    log_in(page, "demo")
    reference = send_request(page, "Hylättävä Korjaamo Oy",
                             "hylatty@korjaamo.example")
    log_out(page)

    # The agent works in Finnish.
    log_in(page, "agent", lang="fi")
    open_in_queue(page, reference, lang="fi")
    page.get_by_role("button", name="Ota käsittelyyn", exact=True).click()
    expect(page.get_by_text("Otit pyynnön käsittelyyn.")).to_be_visible()
    page.get_by_text("Hylkää", exact=True).click()
    page.get_by_role("button", name="Hylkää pyyntö").click()
    # An empty reason is refused with the error on the field.
    expect(page.get_by_label("Syy jälleenmyyjälle")).to_have_attribute(
        "aria-invalid", "true")
    page.get_by_label("Syy jälleenmyyjälle").fill(reason)
    page.get_by_role("button", name="Hylkää pyyntö").click()
    expect(page.get_by_text("Pyyntö hylättiin.")).to_be_visible()
    assert serious_axe_violations(page) == []
    log_out(page)

    log_in(page, "demo")
    expect(page.locator("#header-notices")).to_contain_text("2 new notices")
    page.goto(f"{page.base_url}/requests/{reference}?lang=en")
    expect(page.locator("main")).to_contain_text("Rejected")
    expect(page.locator("main")).to_contain_text(reason)
    mails = outbox_texts(live_server.app)
    assert len(mails) == 2 and reason in mails[-1]
    assert "hylättiin" in mails[-1]  # demo has no language saved: Finnish


def test_queue_filters_follow_the_url_without_reload(page, live_server):
    with db.connection_context():
        make_request()
    log_in(page, "agent")
    page.goto(f"{page.base_url}/desk?lang=en")
    assert serious_axe_violations(page) == []
    page.evaluate("window.__marker = 'same page'")
    page.get_by_label("Overdue only").check()
    expect(page).to_have_url(re.compile("overdue=1"))
    expect(page.locator("#queue-summary")).to_contain_text("0 requests found")
    assert page.evaluate("window.__marker") == "same page"
    page.reload()
    expect(page.get_by_label("Overdue only")).to_be_checked()
    page.goto(f"{page.base_url}/desk/dashboard?lang=en")
    expect(page.get_by_role("img", name="Processed on time, last 8 weeks")).to_be_visible()
    assert serious_axe_violations(page) == []


def _agent_pages(browser, live_server, usernames):
    pages = []
    for username in usernames:
        context = browser.new_context(locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(10000)
        page.base_url = live_server.url
        log_in(page, username)
        pages.append(page)
    return pages


def test_two_agents_take_at_once_only_one_gets_it(browser, live_server):
    with db.connection_context():
        reference = make_request().reference
        second_agent = User(username="agent2", display_name="Toinen Agentti",
                            role="agent", email="agent2@example.com")
        second_agent.set_password("agent2")
        second_agent.save()
    first, second = _agent_pages(browser, live_server, ["agent", "agent2"])
    for page in (first, second):
        page.goto(f"{live_server.url}/desk/{reference}?lang=en")
    first.get_by_role("button", name="Take", exact=True).click()
    expect(first.get_by_text("You took the request.")).to_be_visible()
    second.get_by_role("button", name="Take", exact=True).click()
    expect(second.get_by_role("alert")).to_contain_text(
        "Someone else acted on this request meanwhile")
    # The refreshed panel names the handler and offers a takeover instead.
    expect(second.locator(".order-header")).to_contain_text("Asiakaspalvelu Agent")
    expect(second.get_by_role("button", name="Take over")).to_be_visible()
    for page in (first, second):
        page.context.close()


def test_two_tabs_apply_at_once_only_one_applies(browser, live_server):
    """The same request open twice: the second Apply is refused."""
    with db.connection_context():
        reference = make_request().reference
    first, second = _agent_pages(browser, live_server, ["agent", "agent"])
    pages = [first, second]
    first.goto(f"{live_server.url}/desk/{reference}?lang=en")
    first.get_by_role("button", name="Take", exact=True).click()
    expect(first.get_by_text("You took the request.")).to_be_visible()
    second.goto(f"{live_server.url}/desk/{reference}?lang=en")
    # The same agent's second tab has Apply too: both click it.
    second.get_by_role("button", name="Apply").wait_for()
    first.get_by_role("button", name="Apply").click()
    expect(first.get_by_text("The request was applied and completed.")).to_be_visible()
    second.get_by_role("button", name="Apply").click()
    expect(second.get_by_role("alert")).to_contain_text(
        "Someone else acted on this request meanwhile")
    with db.connection_context():
        assert AccountRequest.get(AccountRequest.reference == reference).status == "completed"
    for page in pages:
        page.context.close()


def test_the_desk_works_without_javascript(browser, live_server):
    with db.connection_context():
        reference = make_request().reference
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10000)
    page.base_url = live_server.url
    log_in(page, "agent")
    page.goto(f"{live_server.url}/desk?lang=en")
    page.get_by_label("Search", exact=True).fill(reference)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile("q=" + reference))
    page.get_by_role("link", name=reference).click()
    page.get_by_role("button", name="Take", exact=True).click()
    expect(page.get_by_text("You took the request.")).to_be_visible()
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("The request was applied and completed.")).to_be_visible()
    context.close()
