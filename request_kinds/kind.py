"""What a kind of trade account request is: the shape every kind fills in.

A kind says how it treats the trade account and the user. From that the
request form knows which sections and fields to show and require and which
checks to run (blueprints/settings/), and its own module says what a valid
form asks for and how Apply carries it out.
"""
from dataclasses import dataclass
from typing import Callable

NEW = "new"        # the form asks for every value; Apply creates it
NAMED = "named"    # the form names an existing one; Apply checks it is there
EDITED = "edited"  # the form names an existing one and the values to change;
#                    Apply changes only those, if nobody changed them first


@dataclass(frozen=True)
class RequestKind:
    code: str           # stored in AccountRequest.kind
    label: object       # lazy: lists, the desk, e-mails, the form's type list
    account: str        # NEW, NAMED or EDITED
    user: str           # NEW, or EDITED behind the form's "Edit user details"
    requested: Callable  # the form's state -> submit_request() arguments
    apply: Callable     # (request, agent) -> (account, user), in a transaction
    offered: bool = True  # in the form's "Request type" list
    # The kind the form's "Existing trade account" switch turns this one into.
    with_existing_account: str | None = None

    @property
    def names_account(self):
        return self.account in (NAMED, EDITED)

    @property
    def new_account(self):
        return self.account == NEW

    @property
    def edits_account(self):
        return self.account == EDITED

    @property
    def asks_account_values(self):
        return self.account in (NEW, EDITED)

    @property
    def new_user(self):
        return self.user == NEW

    @property
    def edits_user(self):
        return self.user == EDITED

    @property
    def edits(self):
        """Changes existing values: the request keeps what they were."""
        return EDITED in (self.account, self.user)
