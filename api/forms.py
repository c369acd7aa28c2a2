from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import PERSONAL_SCOPES, SERVICE_SCOPES
from inputs.forms import BoundedInputsMixin

PERSONAL_CHOICES = [("read", _("Read")), ("write", _("Read and write"))]


class PersonalTokenForm(BoundedInputsMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “Training software”.")
    )
    scope = forms.ChoiceField(label=_("Rights"), choices=PERSONAL_CHOICES, widget=forms.RadioSelect, initial="read")
    expires_on = forms.DateField(label=_("Expires on"), required=False, help_text=_("Optional, e.g. 31.12.2027."))

    def scopes(self):
        scope = self.cleaned_data["scope"]
        assert scope in PERSONAL_SCOPES
        return [scope]


class ServiceTokenForm(BoundedInputsMixin, forms.Form):
    name = forms.CharField(
        label=_("System"), max_length=100, help_text=_("The system that will use it, e.g. “Licence register”.")
    )
    scopes = forms.MultipleChoiceField(
        label=_("Domains it may read"),
        choices=[(s, s.split(":")[0]) for s in SERVICE_SCOPES],
        widget=forms.CheckboxSelectMultiple,
    )
    expires_on = forms.DateField(label=_("Expires on"), required=False)
