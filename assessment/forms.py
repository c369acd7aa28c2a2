"""Forms of the assessment pages: they parse and check what people type; the services decide."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activity.models import Profession
from assessment.models import Assessor, Component, OutcomeSet, Sample, SampleSource
from inputs.forms import BoundedInputsMixin


class SampleForm(BoundedInputsMixin, forms.Form):
    year = forms.IntegerField(label=_("Year of completion"), min_value=2000, max_value=2100)
    source = forms.ChoiceField(label=_("Drawn from"), choices=SampleSource.choices)
    size = forms.IntegerField(label=_("Sample size"), min_value=1, max_value=100000)
    min_per_centre = forms.IntegerField(label=_("Minimum per centre"), min_value=0, max_value=1000, initial=3)
    professions = forms.ModelMultipleChoiceField(
        label=_("Professions"),
        queryset=Profession.objects.none(),
        required=False,
        help_text=_("Only professions with learning outcomes; none chosen means all of them."),
        widget=forms.CheckboxSelectMultiple,
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=0,
        max_value=2**53,
        help_text=_("Leave empty for a new draw; give a stored seed to repeat a draw."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professions"].queryset = Profession.objects.filter(
            pk__in=OutcomeSet.objects.values("profession_id")
        ).order_by("code")


class SessionForm(BoundedInputsMixin, forms.Form):
    sample = forms.ModelChoiceField(label=_("Sample"), queryset=Sample.objects.none())
    profession = forms.ModelChoiceField(label=_("Profession"), queryset=Profession.objects.none())
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Place"), max_length=300)

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sample"].queryset = Sample.objects.all()
        covered = Profession.objects.filter(pk__in=OutcomeSet.objects.values("profession_id"))
        condition = Q(pk__in=body.professions.values("pk"))
        for code in body.fields.values_list("code", flat=True):
            condition |= Q(code__startswith=code)
        self.fields["profession"].queryset = covered.filter(condition).order_by("code")


class AssignForm(BoundedInputsMixin, forms.Form):
    """Choose an assessor and record the declaration about each centre whose graduates are in the session."""

    assessor = forms.ModelChoiceField(label=_("Assessor"), queryset=Assessor.objects.none())

    def __init__(self, *args, session, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.centres = list(centres)
        self.fields["assessor"].queryset = Assessor.objects.filter(body=session.body, active=True).exclude(
            pk__in=session.assignments.values("assessor_id")
        )
        for centre in self.centres:
            self.fields[f"worked_{centre.pk}"] = forms.DateField(
                label=_("%(centre)s: last worked for the centre on (if ever)") % {"centre": centre.name},
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            self.fields[f"interest_{centre.pk}"] = forms.BooleanField(
                label=_("%(centre)s: another conflict of interest") % {"centre": centre.name}, required=False
            )

    def declarations(self):
        return [
            (centre, self.cleaned_data.get(f"worked_{centre.pk}"), self.cleaned_data.get(f"interest_{centre.pk}"))
            for centre in self.centres
        ]


AGREED = "agreed"


class MarksForm(BoundedInputsMixin, forms.Form):
    """One participant's results: whose marks (an assessor's, or the agreed ones), then one choice per
    unit and component on the profession's scale."""

    marker = forms.ChoiceField(label=_("Marks of"))

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        assessors = [a.assessor for a in session.assignments.select_related("assessor")]
        self.assessors = {str(a.pk): a for a in assessors}
        self.fields["marker"].choices = [(str(a.pk), a.name) for a in assessors] + [(AGREED, _("Agreed result"))]
        self.units = list(session.outcome_set.units.all())
        choices = [("", "—"), *session.outcome_set.scale_choices()]
        for unit in self.units:
            for component, label in Component.choices:
                self.fields[f"u{unit.pk}_{component}"] = forms.ChoiceField(
                    label=f"{unit.code} {unit.title} — {label}", choices=choices
                )

    def assessor(self):
        return self.assessors.get(self.cleaned_data["marker"])

    def marks(self):
        return {
            (unit, component): self.cleaned_data[f"u{unit.pk}_{component}"]
            for unit in self.units
            for component in Component.values
        }


class ResponseForm(BoundedInputsMixin, forms.Form):
    consent = forms.BooleanField(
        label=_("I agree that my results are processed, under a code, for the independent assessment."),
        required=False,
    )


class MonitoringForm(BoundedInputsMixin, forms.Form):
    year = forms.IntegerField(label=_("Year of completion"), min_value=2000, max_value=2100)
    months = forms.TypedChoiceField(
        label=_("Follow-up wave"), choices=[(6, _("6 months")), (12, _("12 months"))], coerce=int
    )
