from django import forms
from django.utils.translation import gettext_lazy as _

from inputs.forms import BoundedInputsMixin

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
