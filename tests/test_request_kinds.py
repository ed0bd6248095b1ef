"""The registry of request kinds: every kind whole, chosen as the form says."""
import pytest

import request_kinds
from request_kinds.kind import EDITED, NAMED, NEW


@pytest.mark.parametrize("kind", request_kinds.KINDS, ids=lambda k: k.code)
def test_every_kind_is_whole(kind):
    assert request_kinds.get(kind.code) is kind
    assert str(kind.label) and callable(kind.requested) and callable(kind.apply)
    assert kind.account in (NEW, NAMED, EDITED) and kind.user in (NEW, EDITED)
    assert kind.with_existing_account in (None,) + request_kinds.CODES


@pytest.mark.parametrize("type_code, existing, code", [
    ("create_account_and_user", False, "create_account_and_user"),
    ("create_account_and_user", True, "add_user"),
    # The switch is left in an edit's form, hidden: it changes nothing.
    ("edit_account_and_user", True, "edit_account_and_user"),
    # Only offered kinds can be picked from the list; anything else is the
    # list's first.
    ("add_user", False, "create_account_and_user"),
    ("nonsense", False, "create_account_and_user"),
])
def test_type_list_and_switch_choose_the_kind(type_code, existing, code):
    assert request_kinds.chosen(type_code, existing).code == code


def test_unknown_code_is_no_kind():
    assert request_kinds.get("remove_everything") is None
