"""Search at scale: trigram substrings from 3 characters, prefixes below."""
import re

import pytest

SEED_CODE = "190114-204115761"


@pytest.mark.parametrize("query", ["JG", "jg", "Jg", "19", "1236", "IMT",
                                   "imt 1", "04115"])
def test_searches_find_the_seed_order(demo, client, auth, query):
    auth.login()
    html = client.get(f"/orders?q={query}&sort=code&lang=en").get_data(
        as_text=True)
    assert SEED_CODE in html
    assert f'href="/orders/{SEED_CODE}"' in html


@pytest.mark.parametrize("query", ["MT", "x", "zz"])
def test_short_searches_match_only_at_the_start(demo, client, auth, query):
    auth.login()
    html = client.get(f"/orders?q={query}&lang=en").get_data(as_text=True)
    assert SEED_CODE not in html


def _counts(html):
    return {key: int(value) for key, value in re.findall(
        r'id="count-([a-z_]+)"[^>]*>(\d+)<', html)}


@pytest.mark.parametrize("query", ["JG IMT 1", "JG", "1236"])
def test_search_counts_match_the_rows(demo, client, auth, query):
    auth.login()
    counts = _counts(client.get(f"/orders?q={query}&lang=en").get_data(
        as_text=True))
    assert counts["all"] == sum(v for k, v in counts.items() if k != "all")
    for status in ("new", "cancelled"):
        html = client.get(f"/orders?q={query}&status={status}&lang=en"
                          ).get_data(as_text=True)
        assert html.count("<tr>") - 1 == min(counts[status], 50) or (
            counts[status] == 0 and "No orders match" in html)
