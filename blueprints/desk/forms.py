"""The desk's forms: each action names the state the agent's page showed."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, TextAreaField
from wtforms.validators import (AnyOf, DataRequired, InputRequired, Length,
                                Optional)

from models.requests import REQUEST_STATUSES
from web.forms import SafeForm

NOTE_MAX = 2000


class DeskForm(SafeForm):
    # CSRFProtect checks every POST's csrf_token before the view runs; the
    # forms' own (prefixed) CSRF field would only duplicate it.
    class Meta:
        csrf = False


class ActionForm(DeskForm):
    """Take / Apply: the status and handler the page showed."""
    expected_status = HiddenField(validators=[
        InputRequired(), AnyOf(list(REQUEST_STATUSES))])
    expected_handler = HiddenField(validators=[Optional()])

    def handler_id(self):
        """The expected handler's id, None for "nobody"; ValueError if bad."""
        value = (self.expected_handler.data or "").strip()
        return int(value) if value else None


class RejectForm(ActionForm):
    reason = TextAreaField(_l("Reason for the dealer"), validators=[
        DataRequired(message=_l("Write the reason the dealer will see.")),
        Length(max=NOTE_MAX)])


class NoteForm(DeskForm):
    text = TextAreaField(_l("Note"), validators=[
        DataRequired(message=_l("Write the note.")), Length(max=NOTE_MAX)])
    to_dealer = BooleanField(_l("Send to the dealer as a message"))
