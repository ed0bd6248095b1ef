"""What every form shares: no field may hold characters text cannot.

`SafeForm` is the base of the app's forms. Its validation checks every
field's value as the browser sent it (before filters trim or collapse
whitespace, which would hide a control character) with
domain/safe_text.py's rule, so a field added later is covered without
anyone remembering to. Text areas may hold newlines and tabs; single-line
fields may not. Passwords are left alone: they are never shown or stored.
"""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, TextAreaField
from wtforms.validators import StopValidation

from domain.safe_text import describe, unsafe_character

UNSAFE_TEXT = _l("This text holds a character that cannot be stored "
                 "(%(char)s), often hidden or pasted by accident. Retype the "
                 "text without it.")


class SafeText:
    """A WTForms validator: the raw value holds no unsafe character."""

    def __init__(self, multiline=False):
        self.multiline = multiline

    def __call__(self, form, field):
        for value in field.raw_data or ():
            if not isinstance(value, str):
                continue
            char = unsafe_character(value, multiline=self.multiline)
            if char is not None:
                field.errors[:] = []
                raise StopValidation(str(UNSAFE_TEXT) % {"char": describe(char)})


def safe_text_validator(field):
    """The SafeText check `field` gets, or None for a password."""
    if isinstance(field, PasswordField):
        return None
    return SafeText(multiline=isinstance(field, TextAreaField))


class SafeForm(FlaskForm):
    """A FlaskForm whose every field refuses unsafe characters first."""

    def validate(self, extra_validators=None):
        extra = {name: list(validators)
                 for name, validators in (extra_validators or {}).items()}
        for name, field in self._fields.items():
            check = safe_text_validator(field)
            if check is not None:
                extra.setdefault(name, []).insert(0, check)
        return super().validate(extra_validators=extra)
