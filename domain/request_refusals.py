"""Why a desk action on a request changed nothing.

Every action (take, apply, reject) can find that someone else acted on
the request first: RequestMoved. Only Apply can meet data that forbids
it: ApplyRefused. The desk turns each reason into a translated message.
"""

REFUSED_STATUS = "status"          # someone else acted on the request first
REFUSED_STALE = "stale"            # the data changed since sending
REFUSED_NAME_TAKEN = "name_taken"  # the dealer has an account of that name
REFUSED_EMAIL_TAKEN = "email_taken"  # an active user has that email
REFUSED_MISSING = "missing"        # the account or user no longer exists
REFUSED_INCOMPLETE = "incomplete"  # a new account or user lacks a value
REFUSED_INVALID = "invalid"        # a value the database cannot store


class ActionRefused(Exception):
    """Nothing was changed; `reason` is one of the REFUSED_* codes."""

    def __init__(self, reason, fields=()):
        super().__init__(reason)
        self.reason = reason
        self.fields = tuple(fields)


class RequestMoved(ActionRefused):
    """The request's status or handler is no longer what the agent's page
    showed: another agent took, applied or rejected it meanwhile."""

    def __init__(self):
        super().__init__(REFUSED_STATUS)


class ApplyRefused(ActionRefused):
    """Apply met data that forbids it; `fields` names the ones at fault."""
