from django import forms
from django.utils.translation import gettext_lazy as _

from analysis.models import AnalysisText
from centres.models import CentreKind
from inputs.forms import BoundedInputsMixin

MAX_UPLOAD = 10 * 1024 * 1024


class AnalysisTextForm(BoundedInputsMixin, forms.ModelForm):
    class Meta:
        model = AnalysisText
        fields = ["conclusions", "recommendations_cpo", "recommendations_cipo"]
        help_texts = {
            "conclusions": _("One conclusion per line."),
            "recommendations_cpo": _("One recommendation per line."),
            "recommendations_cipo": _("One recommendation per line."),
        }
        widgets = {f: forms.Textarea(attrs={"rows": 8}) for f in fields}


class ImportForm(BoundedInputsMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Centre kind"), choices=CentreKind.choices)
    file = forms.FileField(label=_("File (CSV in UTF-8 or XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class HistoryImportForm(BoundedInputsMixin, forms.Form):
    file = forms.FileField(label=_("File (CSV in UTF-8 or XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class CountingRuleForm(BoundedInputsMixin, forms.Form):
    include_late = forms.TypedChoiceField(
        label=_("Include late reports in the grade distribution and means"),
        choices=[("1", _("Yes")), ("0", _("No"))],
        coerce=lambda v: v == "1",
    )
