"""Forms of the activity information: a header form and row formsets that work without JavaScript.

Every form takes the input rules of `inputs` (BoundedInputsMixin): counts within their bounds,
decimals typed with a comma ("12,50"), no control characters in text.
"""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from activity import rules
from activity.models import (
    ActivityReport,
    Course,
    FundingRow,
    MaterialBase,
    Profession,
    ServiceRow,
    Specialty,
    TraineeBirthYearRow,
    TraineeCitizenshipRow,
    ValidationRow,
)
from inputs.forms import BoundedInputsMixin


def _add_problems(form, problems):
    for problem in problems:
        field = problem.field if problem.field in form.fields else None
        if field is None or field not in form.errors:
            form.add_error(field, problem.message)


def _blank_means_zero(form):
    """Counts that default to 0 may be left empty: people leave a count blank when there were none."""
    for name, field in form.fields.items():
        model_field = form._meta.model._meta.get_field(name) if name != "DELETE" else None
        if model_field is not None and getattr(model_field, "default", None) == 0 and not model_field.null:
            field.required = False
            form._zero_fields.append(name)


def _fill_zeros(form, cleaned):
    for name in form._zero_fields:
        if cleaned.get(name) is None and name not in form.errors:
            cleaned[name] = 0


class NumberWidgets:
    """Number inputs sized for counts, and dates as the browser's date picker."""

    @staticmethod
    def apply(form):
        for field in form.fields.values():
            widget = field.widget
            if isinstance(widget, forms.NumberInput):
                widget.attrs.setdefault("min", "0")
                widget.attrs.setdefault("inputmode", "numeric")
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"


class CountsRowForm(BoundedInputsMixin, forms.ModelForm):
    """A table row whose counts may be left blank for 0, checked by the activity rules (`problems`)."""

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self._zero_fields = []
        _blank_means_zero(self)
        NumberWidgets.apply(self)

    def problems(self, cleaned):
        return []

    def clean(self):
        cleaned = super().clean()
        _fill_zeros(self, cleaned)
        _add_problems(self, self.problems(cleaned))
        return cleaned


class CpoHeaderForm(BoundedInputsMixin, forms.ModelForm):
    class Meta:
        model = ActivityReport
        fields = (*rules.TRAINER_FIELDS, *rules.FOLLOW_UP_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        NumberWidgets.apply(self)

    def clean(self):
        cleaned = super().clean()
        _add_problems(self, rules.cpo_header_problems(cleaned))
        return cleaned


class CipoHeaderForm(BoundedInputsMixin, forms.ModelForm):
    class Meta:
        model = ActivityReport
        fields = (*rules.CLIENT_FIELDS, "clients_average_age")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        NumberWidgets.apply(self)

    def clean(self):
        cleaned = super().clean()
        _add_problems(self, rules.cipo_header_problems(cleaned))
        return cleaned


class ProfessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


class CourseForm(CountsRowForm):
    profession = ProfessionChoiceField(label=_("Profession"), queryset=Profession.objects.all())
    specialty = ProfessionChoiceField(label=_("Specialty"), queryset=Specialty.objects.all(), required=False)

    class Meta:
        model = Course
        fields = (
            "profession",
            "specialty",
            "kind",
            "degree",
            "region",
            "start_date",
            "end_date",
            "hours",
            "price",
            "funding",
            *rules.COURSE_COUNTS,
        )

    def problems(self, cleaned):
        profession, specialty = cleaned.get("profession"), cleaned.get("specialty")
        if profession and specialty and specialty.profession_id != profession.pk:
            self.add_error("specialty", _("The specialty does not belong to the chosen profession."))
        return rules.course_problems(cleaned, self.year)


class ValidationForm(BoundedInputsMixin, forms.ModelForm):
    profession = ProfessionChoiceField(label=_("Profession"), queryset=Profession.objects.all())

    class Meta:
        model = ValidationRow
        fields = ("profession", "procedures", "persons", "documents_issued")

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        NumberWidgets.apply(self)

    def clean(self):
        cleaned = super().clean()
        _add_problems(self, rules.validation_problems(cleaned))
        return cleaned


class MaterialBaseForm(BoundedInputsMixin, forms.ModelForm):
    profession = ProfessionChoiceField(label=_("Profession"), queryset=Profession.objects.all())
    specialty = ProfessionChoiceField(label=_("Specialty"), queryset=Specialty.objects.all(), required=False)

    class Meta:
        model = MaterialBase
        fields = ("profession", "specialty", "ownership", "compliant")

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        profession, specialty = cleaned.get("profession"), cleaned.get("specialty")
        if profession and specialty and specialty.profession_id != profession.pk:
            self.add_error("specialty", _("The specialty does not belong to the chosen profession."))
        return cleaned


class ServiceForm(CountsRowForm):
    class Meta:
        model = ServiceRow
        fields = ("service", "clients", "sessions")


class FundingForm(BoundedInputsMixin, forms.ModelForm):
    class Meta:
        model = FundingRow
        fields = ("source", "amount")

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        NumberWidgets.apply(self)


class TraineeBirthYearForm(CountsRowForm):
    class Meta:
        model = TraineeBirthYearRow
        fields = ("birth_year", "sex", "degree", "enrolled", "certified")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_year"].widget.attrs["min"] = "1900"

    def problems(self, cleaned):
        return rules.trainee_birth_year_problems(cleaned, self.year) if self.year else []


class TraineeCitizenshipForm(CountsRowForm):
    class Meta:
        model = TraineeCitizenshipRow
        fields = ("citizenship", "enrolled", "certified")

    def problems(self, cleaned):
        return rules.trainee_count_problems(cleaned)


class UniqueChoiceFormSet(forms.BaseInlineFormSet):
    """Refuse two rows for the same choice (one row per service, one per funding source, …)."""

    # The fields that together identify a row; the error goes on the first. (Not "unique_fields":
    # inline formsets use that name for their foreign key.)
    row_key = ()

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or not hasattr(form, "cleaned_data"):
                continue
            value = tuple(form.cleaned_data.get(f) for f in self.row_key)
            if value in seen:
                form.add_error(self.row_key[0], _("This is already in another row."))
            seen.add(value)


class ServiceFormSet(UniqueChoiceFormSet):
    row_key = rules.ROW_KEYS["services"]


class FundingFormSet(UniqueChoiceFormSet):
    row_key = rules.ROW_KEYS["funding_rows"]


class TraineeBirthYearFormSet(UniqueChoiceFormSet):
    row_key = rules.ROW_KEYS["trainees_by_birth_year"]


class TraineeCitizenshipFormSet(UniqueChoiceFormSet):
    row_key = rules.ROW_KEYS["trainees_by_citizenship"]


def _formset(model, form, extra=1, formset=forms.BaseInlineFormSet):
    return inlineformset_factory(
        ActivityReport, model, form=form, formset=formset, extra=extra, can_delete=True, max_num=500, validate_max=True
    )


CPO_FORMSETS = {
    "courses": (_formset(Course, CourseForm), _("Courses")),
    "validations": (_formset(ValidationRow, ValidationForm), _("Validation of knowledge, skills and competences")),
    "material_bases": (_formset(MaterialBase, MaterialBaseForm), _("Material and technical base")),
    "trainees_by_birth_year": (
        _formset(TraineeBirthYearRow, TraineeBirthYearForm, formset=TraineeBirthYearFormSet),
        _("Trainees by year of birth, sex and qualification degree"),
    ),
    "trainees_by_citizenship": (
        _formset(TraineeCitizenshipRow, TraineeCitizenshipForm, formset=TraineeCitizenshipFormSet),
        _("Trainees by citizenship"),
    ),
}
CIPO_FORMSETS = {
    "services": (_formset(ServiceRow, ServiceForm, formset=ServiceFormSet), _("Services provided")),
    "funding_rows": (_formset(FundingRow, FundingForm, formset=FundingFormSet), _("Sources of funding")),
}


class UploadForm(BoundedInputsMixin, forms.Form):
    file = forms.FileField(
        label=_("Filled-in template (XLSX)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
