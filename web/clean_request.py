"""The request class: query values come without control characters.

C0 controls but tab and newlines, and DEL: no legitimate query has them,
and PostgreSQL cannot store NUL at all (it would be a 500 there), so every
view gets `request.args` without them and behaves the same on SQLite and
PostgreSQL. Posted form values are left as sent: the forms refuse them
with a message (web/forms.py) rather than store something else than was
typed. A control character in the URL path names nothing: a 404
(web/security.py).
"""
import re

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.utils import cached_property

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(multidict):
    return ImmutableMultiDict(
        [(CONTROL_CHARACTERS.sub("", key), CONTROL_CHARACTERS.sub("", value))
         for key, value in multidict.items(multi=True)])


class CleanRequest(Request):
    @cached_property
    def args(self):
        return _clean(super().args)
