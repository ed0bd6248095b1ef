"""The apply rules without a database: stale data, changes, completeness."""
import pytest

from domain.request_apply import (changes_between, cleaned, require_complete,
                                  stale_fields)
from domain.request_refusals import REFUSED_INCOMPLETE, ApplyRefused


@pytest.mark.parametrize("requested, snapshot, current, stale", [
    # Unchanged since sending: nothing stale.
    ({"account": {"name": "B"}}, {"account": {"name": "A"}},
     {"account": {"name": "A"}}, []),
    # Renamed meanwhile: the name is stale.
    ({"account": {"name": "B"}}, {"account": {"name": "A"}},
     {"account": {"name": "C"}}, [("account", "name")]),
    # Case and spacing of names and emails do not count as a change.
    ({"user": {"email": "x@y.fi"}}, {"user": {"email": "Old@Y.fi"}},
     {"user": {"email": " old@y.fi"}}, []),
    # A field the request does not change may change freely.
    ({"account": {"name": "B"}}, {"account": {"name": "A"}},
     {"account": {"name": "A", "address": "elsewhere"}}, []),
    # Access removed meanwhile, while the request removes it too.
    ({"user": {"market_access": False}}, {"user": {"market_access": True}},
     {"user": {"market_access": False}}, [("user", "market_access")]),
    # The user is gone: every snapshot field is stale.
    ({"user": {"role": "owner"}}, {"user": {"role": "technician"}},
     {"user": {}}, [("user", "role")]),
])
def test_stale_fields(requested, snapshot, current, stale):
    assert stale_fields(requested, snapshot, current) == stale


def test_changes_between_lists_before_and_after():
    assert changes_between({"name": "A", "notes": ""},
                           {"name": "B", "notes": ""}) == {"name": ["A", "B"]}
    assert changes_between({}, {"email": "x@y.fi"}) == {
        "email": [None, "x@y.fi"]}


def test_require_complete():
    require_complete({"name": "A", "country": "FI", "language": "fi"},
                     ("name", "address", "country", "language", "notes"))
    with pytest.raises(ApplyRefused) as refused:
        require_complete({"name": " "}, ("name", "country"))
    assert refused.value.reason == REFUSED_INCOMPLETE
    assert refused.value.fields == ("name", "country")


def test_cleaned_keeps_known_fields_trimmed():
    assert cleaned("user", {"email": " a@b.fi ", "first_name": " Ann  Marie ",
                            "market_access": 0, "is_admin": True}) == {
        "email": "a@b.fi", "first_name": "Ann Marie", "market_access": False}
