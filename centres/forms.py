import copy

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from centres.models import Centre
from centres.services import EDITABLE
from inputs.dates import check_date
from inputs.errors import InputRefused
from inputs.forms import BoundedInputsMixin
from inputs.text import clean_licence

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class CentreImportForm(BoundedInputsMixin, forms.Form):
    file = forms.FileField(
        label=_("Register file"),
        help_text=_(
            "CSV (UTF-8, separated by commas or semicolons) or XLSX with the columns licence_number, kind, name, "
            "region, municipality, licensed_on, licence_revoked_on; optionally address, email, website, iso_9001."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


# ------------------------------------------------------------------ one centre's details (agency admin)
BASE_SALT = "centres.edit.base"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


def _model_fields():
    def formfield(field, **kwargs):
        # A website typed without a scheme ("www.centre.bg") means https, as browsers read it.
        return (
            field.formfield(assume_scheme="https", **kwargs) if field.name == "website" else field.formfield(**kwargs)
        )

    fields = forms.fields_for_model(
        Centre,
        fields=EDITABLE,
        widgets={"licensed_on": DateInput(), "licence_revoked_on": DateInput()},
        formfield_callback=formfield,
    )
    fields["licence_number"].help_text = _("6 to 12 digits, as in the licence (e.g. 200812001).")
    fields["licence_revoked_on"].help_text = _("Empty while the licence is valid.")
    return fields


class CentreForm(BoundedInputsMixin, forms.Form):
    """A centre's details as the agency admin types them; centres.services saves them.

    `base` carries the values the form was opened with (signed), so that a save based on an old
    page does not overwrite what somebody else saved meanwhile (centres.services.update_centre).
    """

    base = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in _model_fields().items():
            self.fields[name] = copy.deepcopy(field)  # bounded by BoundedInputsMixin before cleaning

    @staticmethod
    def sign_base(values):
        return signing.dumps(values, salt=BASE_SALT, compress=True)

    def clean_base(self):
        token = self.cleaned_data["base"]
        if not token:
            return None
        try:
            return signing.loads(token, salt=BASE_SALT)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The form is out of date or was altered; open the centre again."), code="base"
            ) from None

    def clean_licence_number(self):
        try:
            return clean_licence(self.cleaned_data["licence_number"])
        except InputRefused as exc:
            raise forms.ValidationError(exc.message, code="licence") from None

    def _clean_day(self, name):
        value = self.cleaned_data.get(name)
        if value is None:
            return value
        try:
            return check_date(value)
        except InputRefused as exc:
            raise forms.ValidationError(exc.message, code="date") from None

    def clean_licensed_on(self):
        return self._clean_day("licensed_on")

    def clean_licence_revoked_on(self):
        return self._clean_day("licence_revoked_on")

    def values(self):
        """The centre's fields from the form (call after is_valid)."""
        return {name: self.cleaned_data[name] for name in EDITABLE}
