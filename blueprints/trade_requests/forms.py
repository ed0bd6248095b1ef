"""The dealer's reply to customer service on a request."""
from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from domain.replies import REPLY_MAX
from web.forms import SafeForm


class ReplyForm(SafeForm):
    # SafeForm refuses control and direction-override characters; blank
    # (only spaces) counts as empty.
    text = TextAreaField(_l("Your reply"), validators=[
        DataRequired(message=_l("Write your reply.")),
        Length(max=REPLY_MAX, message=_l("At most %(max)d characters."))])
