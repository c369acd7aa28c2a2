"""The report form: built from the framework, binding only the fields a centre may fill in.

Status, totals, grade and centre are not fields here, so posting them changes nothing.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from frameworks.models import SectionKind
from inputs.forms import BoundedInputsMixin

COMMENT_MAX = 2000


def points_value(points):
    return format(points.normalize(), "f")


class NormalisedText(forms.CharField):
    """Text whose CRLF line breaks count as one character, as the browser's counter shows them."""

    multiline = True  # drawn as a textarea by the template: line breaks are text (inputs.forms)

    def __init__(self, **kwargs):
        super().__init__(strip=False, required=False, **kwargs)

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class ReportForm(BoundedInputsMixin, forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, report, sections, criteria, **kwargs):
        self.report = report
        self.sections = [s for s in sections if s.kind == SectionKind.TEXT]
        self.criteria = criteria
        super().__init__(*args, **kwargs)
        for section in self.sections:
            self.fields[f"text_{section.code}"] = NormalisedText(max_length=section.max_length, label=section.title)
        if report.framework.is_scored:
            self.fields["zero_value"] = forms.BooleanField(required=False)
        for criterion in criteria:
            choices = [(points_value(lv.points), lv.descriptor) for lv in criterion.levels.all()]
            self.fields[f"points_{criterion.code}"] = forms.ChoiceField(
                choices=[("", "—"), *choices], required=False, label=criterion.name
            )
            self.fields[f"comment_{criterion.code}"] = NormalisedText(max_length=COMMENT_MAX, label=_("Comment"))
            self.fields[f"reason_{criterion.code}"] = NormalisedText(
                max_length=COMMENT_MAX, label=_("Why your level differs from your data")
            )

    @classmethod
    def initial_for(cls, report, answers_by_criterion, criteria):
        initial = {"lock_version": report.lock_version, "zero_value": report.zero_value}
        for code, text in report.texts.items():
            initial[f"text_{code}"] = text
        for criterion in criteria:
            answer = answers_by_criterion.get(criterion.pk)
            if answer is None:
                continue
            if answer.points is not None:
                initial[f"points_{criterion.code}"] = points_value(answer.points)
            initial[f"comment_{criterion.code}"] = answer.comment
            initial[f"reason_{criterion.code}"] = answer.disagreement_reason
        return initial

    def anchor_for(self, field_name):
        """The HTML id of the element a field's error links to."""
        kind, _sep, code = field_name.partition("_")
        return {
            "text": f"section-{code}",
            "points": f"criterion-{code}",
            "comment": f"criterion-{code}-comment",
            "reason": f"criterion-{code}-reason",
        }.get(kind, field_name.replace("_", "-"))

    def service_arguments(self):
        data = self.cleaned_data
        texts = {s.code: data[f"text_{s.code}"] for s in self.sections}
        answers = {
            c.code: {
                "points": Decimal(data[f"points_{c.code}"]) if data[f"points_{c.code}"] else None,
                "comment": data[f"comment_{c.code}"],
                "disagreement_reason": data[f"reason_{c.code}"],
            }
            for c in self.criteria
        }
        zero_value = data.get("zero_value") if "zero_value" in self.fields else None
        return {"texts": texts, "answers": answers, "zero_value": zero_value, "lock_version": data["lock_version"]}

    def chosen_points(self):
        """{criterion code: Decimal or None} from the form's current values (bound or initial)."""
        result = {}
        for criterion in self.criteria:
            value = self[f"points_{criterion.code}"].value()
            allowed = {points_value(lv.points) for lv in criterion.levels.all()}
            result[criterion.code] = Decimal(value) if value in allowed else None
        return result

    def zero_value_chosen(self):
        return "zero_value" in self.fields and bool(self["zero_value"].value())


class EvidenceUploadForm(BoundedInputsMixin, forms.Form):
    criterion = forms.CharField(max_length=10)
    file = forms.FileField(label=_("File"))
