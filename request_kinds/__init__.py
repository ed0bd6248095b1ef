"""The kinds of trade account request, one registry.

Each kind is one module here holding all that is its own: its code and
label, how it treats the account and the user (which decides the form's
sections, required fields and checks: request_kinds/kind.py), what a
valid form asks for, and how Apply carries it out. The request form, the
dealer's lists, the desk and its Apply all look kinds up here.

A new kind is a module beside these and a line in KINDS below; only a kind
whose form needs a section the form does not have yet also touches
templates/settings/_request_fields.html. Its label is translated like any
string (`make translations`).
"""
from request_kinds import (add_user, create_account_and_user,
                           edit_account_and_user)

# In the order the form's type list and the desk's kind filter show them.
KINDS = (create_account_and_user.KIND, add_user.KIND,
         edit_account_and_user.KIND)
BY_CODE = {kind.code: kind for kind in KINDS}
CODES = tuple(BY_CODE)
LABELS = {kind.code: kind.label for kind in KINDS}
OFFERED = tuple(kind for kind in KINDS if kind.offered)


def get(code):
    """The kind stored as `code`, or None for a code no kind has."""
    return BY_CODE.get(code)


def chosen(type_code, existing_account):
    """The kind the form's type list and "Existing trade account" switch
    choose; an unknown type is the first offered one."""
    kind = next((k for k in OFFERED if k.code == type_code), OFFERED[0])
    if existing_account and kind.with_existing_account:
        return BY_CODE[kind.with_existing_account]
    return kind


def codes_where(test):
    """Codes of the kinds for which test(kind) is true."""
    return tuple(kind.code for kind in KINDS if test(kind))
