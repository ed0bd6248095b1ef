"""The trade account request form and the "My settings" form.

Which fields are required depends on the request type and the switches, so
the per-field validators only bound lengths and choices; RequestForm.check()
adds the rules of the chosen mode.
"""
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, HiddenField, SelectField, StringField,
                     TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

import request_kinds
from web.forms import SafeForm


def options(pairs):
    """(value, label) pairs as WTForms' select choices."""
    return [SelectChoice(value, label) for value, label in pairs]


# The type list offers some kinds; switches choose the others.
KIND_CHOICES = options((kind.code, kind.label)
                       for kind in request_kinds.OFFERED)
KINDS = tuple(kind.code for kind in request_kinds.OFFERED)

REQUIRED = _l("This field is required.")
# WTForms looks its own messages up in the app's catalogue: name them here
# so they are extracted and translated.
NOT_A_CHOICE = _l("Not a valid choice.")


def most(limit):
    return Length(max=limit, message=_l("At most %(max)d characters."))

INVALID_EMAIL = _l("Enter a valid email address, e.g. name@example.com.")
ASCII_EMAIL = _l("Before the @ sign an email address can only have letters "
                 "a–z without accents, digits and . _ - + characters.")

ACCOUNT_INPUTS = ("name", "address", "language", "notes")
USER_INPUTS = ("email", "first_name", "last_name", "role", "user_language",
               "time_zone")


def _strip(value):
    return " ".join(value.split()) if isinstance(value, str) else value


def _trim(value):
    """Outer whitespace off, line ends as LF (browsers send CRLF)."""
    if not isinstance(value, str):
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


class RequestForm(SafeForm):
    site = SelectField(_l("Dealer code and location"), coerce=int,
                       validate_choice=False)
    kind = SelectField(_l("Request type"), choices=KIND_CHOICES,
                       default=KINDS[0])
    existing = BooleanField(_l("Existing trade account"))
    current_name = StringField(_l("Current account name"),
                               filters=[_strip], validators=[most(120)])
    name = StringField(_l("Account name"), filters=[_strip],
                       validators=[most(120)])
    address = StringField(_l("Address"), filters=[_strip],
                          validators=[most(300)])
    country = StringField(_l("Country"))
    language = SelectField(_l("Language"))
    notes = TextAreaField(_l("Notes"), filters=[_trim],
                          validators=[most(2000)])
    edit_user = BooleanField(_l("Edit user details"))
    current_email = SelectField(_l("Current email address"),
                                validate_choice=False)
    email = StringField(_l("Email address"), filters=[_trim],
                        validators=[most(254)])
    first_name = StringField(_l("First name"), filters=[_strip],
                             validators=[most(80)])
    last_name = StringField(_l("Last name"), filters=[_strip],
                            validators=[most(80)])
    role = SelectField(_l("Role"))
    user_language = SelectField(_l("Language"))
    time_zone = SelectField(_l("Time zone"))
    remove_access = BooleanField(_l("Remove marketplace access"))
    # Which account / user the shown values were filled in from.
    filled_account = HiddenField()
    filled_user = HiddenField()
    idempotency_key = HiddenField()

    @property
    def request_kind(self):
        """The kind the type list and the "Existing trade account" switch
        choose: its sections decide what the form shows and requires."""
        return request_kinds.chosen(self.kind.data, bool(self.existing.data))

    @property
    def offers_existing_account(self):
        """The chosen type has an "Existing trade account" switch."""
        return bool(request_kinds.chosen(self.kind.data, False)
                    .with_existing_account)

    @property
    def has_user(self):
        """The form shows the user's section (an edit: when switched on)."""
        return self.request_kind.user.new or bool(self.edit_user.data)

    def label_for_mode(self):
        """The guide's labels differ between creating and editing."""
        kind = self.request_kind
        self.current_name.label.text = (_l("Current account name")
                                        if kind.account.edited
                                        else _l("Account name"))
        self.name.label.text = (_l("New account name") if kind.account.edited
                                else _l("Account name"))
        self.email.label.text = (_l("New email address") if kind.user.edited
                                 else _l("Email address"))

    def check(self):
        """WTForms' validation plus the required fields of the mode."""
        valid = self.validate()
        kind = self.request_kind
        required = []
        if kind.account.named:
            required.append(self.current_name)
        if kind.account.edited:
            required.append(self.name)
        elif kind.account.new:
            required += [self.name, self.address]
        if self.has_user:
            required += [self.email, self.first_name, self.last_name]
            if kind.user.edited:
                required.append(self.current_email)
        for field in required:
            if not field.data and not field.errors:
                field.errors = list(field.errors) + [str(REQUIRED)]
                valid = False
        if self.has_user and self.email.data and not self.email.errors:
            local_part = self.email.data.rpartition("@")[0]
            try:
                validate_email(self.email.data, check_deliverability=False,
                               allow_smtputf8=False)
            except EmailNotValidError:
                # Mail servers need not accept a non-ASCII local part (an
                # emoji, an accented letter): refused with its own reason.
                self.email.errors = [str(ASCII_EMAIL if not local_part.isascii()
                                         else INVALID_EMAIL)]
                valid = False
        return valid

    def add_error(self, field, message):
        field.errors = list(field.errors) + [str(message)]


class MySettingsForm(SafeForm):
    locale = SelectField(_l("Language"))
    time_zone = SelectField(_l("Time zone"))
