"""Forms of the agency admin's reporting-year pages: a year's deadline, and one centre's extension."""

from django import forms
from django.utils.translation import gettext_lazy as _

from centres.models import Centre
from inputs.forms import BoundedInputsMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class DeadlineForm(BoundedInputsMixin, forms.Form):
    last_day = forms.DateField(
        label=_("Last day to submit on time"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Empty: 31 January of the next year. Submissions until the end of this day (Sofia time) are on time."
        ),
    )


class ExtensionForm(BoundedInputsMixin, forms.Form):
    licence_number = forms.CharField(label=_("Centre's licence number"), max_length=20)
    last_day = forms.DateField(label=_("New last day for this centre"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_licence_number(self):
        number = self.cleaned_data["licence_number"].strip()
        centre = Centre.objects.filter(licence_number=number).first()
        if centre is None:
            raise forms.ValidationError(_("There is no centre with licence number %(number)s.") % {"number": number})
        self.centre = centre
        return number


class OpenYearForm(BoundedInputsMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2015, max_value=2100)
