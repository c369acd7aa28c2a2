"""Forms of the control pages: they parse what people type; the rules live in control.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from control.models import (
    ESCALATING_CONCLUSIONS,
    Conclusion,
    ControlKind,
    ControlSettings,
    ControlType,
    FindingClass,
)
from inputs.forms import BoundedInputsMixin

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
MAX_INSPECTORS = 3


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label, required=True):
    return forms.DateField(label=label, required=required, input_formats=DATE_FORMATS, widget=DateInput())


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class PlanForm(BoundedInputsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of control"), choices=ControlKind.choices, initial=ControlKind.PERIODIC)
    type = forms.ChoiceField(label=_("Type"), choices=ControlType.choices, initial=ControlType.COMPLEX)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OrderForm(BoundedInputsMixin, forms.Form):
    order_number = forms.CharField(label=_("Order number"), max_length=40, required=False)
    ordered_on = date_field(_("Order date"), required=False)
    check_from = date_field(_("Check from"), required=False)
    check_to = date_field(_("Check to"), required=False)
    desk = forms.BooleanField(label=_("By documents (desk review)"), required=False, initial=True)
    on_site = forms.BooleanField(label=_("On site"), required=False)
    on_site_from = date_field(_("On site from"), required=False)
    on_site_to = date_field(_("On site to"), required=False)
    period_from = date_field(_("Period reviewed from"), required=False)
    period_to = date_field(_("Period reviewed to"), required=False)
    objects = forms.MultipleChoiceField(
        label=_("Objects from the activity data"), required=False, widget=forms.CheckboxSelectMultiple
    )
    other_objects = forms.CharField(
        label=_("Other objects (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Trainers, consultants or anything the activity data does not hold."),
    )

    def __init__(self, *args, object_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Any active user is accepted here, so that the service can say clearly why a centre's
        # user cannot inspect; the lists offer the agency's experts only.
        experts = User.objects.filter(is_active=True, role__in=[Role.EXPERT, Role.ADMIN]).order_by(
            "last_name", "first_name", "username"
        )
        choices = [("", "—")] + [(u.pk, u.get_full_name() or u.username) for u in experts]
        for i in range(1, MAX_INSPECTORS + 1):
            field = forms.ModelChoiceField(
                label=_("Inspector %(n)s") % {"n": i},
                queryset=User.objects.filter(is_active=True),
                required=False,
            )
            field.widget.choices = choices
            self.fields[f"inspector_{i}"] = field
        self.object_choices = dict(object_choices)
        self.fields["objects"].choices = [(key, label) for key, (_kind, _ref, label) in self.object_choices.items()]

    def service_arguments(self):
        data = self.cleaned_data
        inspectors = [data[f"inspector_{i}"] for i in range(1, MAX_INSPECTORS + 1) if data.get(f"inspector_{i}")]
        objects = [
            {"kind": kind, "ref": ref, "label": label}
            for key, (kind, ref, label) in self.object_choices.items()
            if key in data["objects"]
        ]
        objects += [
            {"kind": "other", "ref": "", "label": line.strip()}
            for line in (data["other_objects"] or "").splitlines()
            if line.strip()
        ]
        return {
            "order_number": data["order_number"],
            "ordered_on": data["ordered_on"],
            "inspectors": inspectors,
            "check_from": data["check_from"],
            "check_to": data["check_to"],
            "desk": data["desk"],
            "on_site": data["on_site"],
            "on_site_from": data["on_site_from"],
            "on_site_to": data["on_site_to"],
            "period_from": data["period_from"],
            "period_to": data["period_to"],
            "objects_checked": objects,
        }


class FindingForm(BoundedInputsMixin, forms.Form):
    item = forms.ChoiceField(label=_("Checklist item"), required=False)
    klass = forms.ChoiceField(label=_("Class"), choices=FindingClass.choices)
    text = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    recommendation = forms.CharField(
        label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    deadline = date_field(_("Deadline"), required=False)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", _("— not tied to an item —"))] + [
            (i.code, f"{i.code} {i.text}"[:120]) for i in items
        ]


class ProtocolForm(BoundedInputsMixin, forms.Form):
    protocol_number = forms.CharField(label=_("Protocol number"), max_length=40, required=False)
    check_ended_on = date_field(_("The check ended on"), required=False)
    protocol_on = date_field(_("Protocol date"), required=False)
    remedy_deadline = date_field(_("Deadline to remedy (1 to 3 months)"), required=False)


class DeliveryForm(BoundedInputsMixin, forms.Form):
    delivered_on = date_field(_("The centre received the protocol on"), required=False)


class CancelForm(BoundedInputsMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CloseForm(BoundedInputsMixin, forms.Form):
    report_text = forms.CharField(
        label=_("Inspectors' report"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    good_practices = forms.CharField(
        label=_("Good practices found"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class EscalateForm(CloseForm):
    conclusion = forms.ChoiceField(
        label=_("Proposal"), choices=[(c, Conclusion(c).label) for c in ESCALATING_CONCLUSIONS], required=False
    )


class ObjectionForm(BoundedInputsMixin, forms.Form):
    text = forms.CharField(label=_("Opinion or objection"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    files = MultipleFileField(label=_("Files (PDF, DOCX, XLSX, PNG, JPEG; up to 10 MB each)"))


class SettingsForm(BoundedInputsMixin, forms.ModelForm):
    class Meta:
        model = ControlSettings
        fields = ["agency_name", "agency_address", "signer_name", "signer_title"]
