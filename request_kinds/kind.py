"""What a kind of trade account request is: the shape every kind fills in.

A kind says how it treats the trade account and the user. From that the
request form knows which sections and fields to show and require and which
checks to run (blueprints/settings/), and the kind's own module says what
a valid form asks for and how Apply carries it out.
"""
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Treatment:
    """How a kind treats the account, or the user."""
    named: bool         # the form names an existing one; Apply checks it
    asks_values: bool   # the form asks for values: all of a new one, or
    #                     the changes to a named one

    @property
    def new(self):
        return not self.named

    @property
    def edited(self):
        """Apply changes only the values asked for, if nobody else did."""
        return self.named and self.asks_values


NEW = Treatment(named=False, asks_values=True)
NAMED = Treatment(named=True, asks_values=False)
EDITED = Treatment(named=True, asks_values=True)


@dataclass(frozen=True)
class RequestKind:
    code: str            # stored in AccountRequest.kind
    label: object        # lazy: lists, the desk, e-mails, the form's type list
    account: Treatment   # NEW, NAMED or EDITED
    user: Treatment      # NEW, or EDITED behind "Edit user details"
    requested: Callable  # the form's state -> submit_request() arguments
    apply: Callable      # (request, agent) -> (account, user), in a transaction
    offered: bool = True  # in the form's "Request type" list
    # The kind the form's "Existing trade account" switch turns this one into.
    with_existing_account: str | None = None

    @property
    def edits(self):
        """Changes existing values: the request keeps what they were."""
        return self.account.edited or self.user.edited
