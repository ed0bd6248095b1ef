"""Which status changes an order allows, by the action a user takes."""

ACTIONS = {
    # action: (statuses it may start from, status it leads to)
    "start": (("new",), "in_progress"),
    "complete": (("in_progress",), "complete"),
    "cancel": (("new", "in_progress"), "cancelled"),
}


class TransitionRefused(Exception):
    """The action does not apply to the order as it is now."""


def target_status(action, current):
    """The status `action` leads to from `current`, or TransitionRefused."""
    if action not in ACTIONS:
        raise TransitionRefused(action)
    sources, target = ACTIONS[action]
    if current not in sources:
        raise TransitionRefused(action)
    return target


def actions_from(current):
    """The actions offered for an order in status `current`, in order."""
    return [action for action, (sources, _t) in ACTIONS.items()
            if current in sources]
