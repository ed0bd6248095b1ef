"""The Integrations tab's forms."""
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Length

from web.forms import SafeForm


class SiteForm(SafeForm):
    """A form that acts for one of the user's sites."""
    site = SelectField(_l("Dealer site"), coerce=int,
                       validators=[InputRequired()])

    def for_sites(self, sites):
        self.site.choices = [(site.id, site.label) for site in sites]
        if not self.is_submitted() and sites:
            self.site.data = sites[0].id
        return self


class ApiKeyForm(SiteForm):
    label = StringField(_l("Name of the key"), validators=[
        InputRequired(_l("Give the key a name, e.g. where it is used.")),
        Length(max=80)])


class EndpointForm(SiteForm):
    url = StringField(_l("Endpoint URL"), validators=[
        InputRequired(_l("Enter the address the events are sent to.")),
        Length(max=500)])


class ActionForm(SafeForm):
    """A button that changes something: only the CSRF token."""
