"""Broad searches are counted and paged by the database, with the same result.

A search with more than queries.PYTHON_MATCHES matches takes the database
path; with the threshold lowered, every search takes it, and the page and
counts must be those of the one-pass path.
"""
import pytest

from blueprints.orders import queries

STATES = ["q=JG", "q=JG&sort=code", "q=JG&sort=-site", "q=JG&status=new",
          "q=1236&sort=-total", "q=JG+IMT&status=complete&sort=customer",
          "q=JG&page=2", "q=k&sort=po", "q=korjaamo&sort=status"]


def _results(client, state):
    response = client.get(f"/orders?{state}&lang=en", headers={
        "HX-Request": "true", "HX-Request-Type": "partial"})
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("state", STATES)
def test_broad_path_shows_the_same_page_and_counts(demo, client, auth,
                                                  monkeypatch, state):
    auth.login()
    one_pass = _results(client, state)
    monkeypatch.setattr(queries, "PYTHON_MATCHES", 0)
    assert _results(client, state) == one_pass


def test_broad_path_is_taken_above_the_threshold(demo, client, auth,
                                                 monkeypatch):
    auth.login()
    taken = []
    original = queries._broad_searched_page
    monkeypatch.setattr(queries, "_broad_searched_page",
                        lambda *args: taken.append(args) or original(*args))
    _results(client, "q=JG")
    assert taken == []
    monkeypatch.setattr(queries, "PYTHON_MATCHES", 1)
    _results(client, "q=JG")
    assert len(taken) == 1
