"""Forms of the agency's review: the queue's filters and the expert's decision with notes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from centres.models import CentreKind
from centres.regions import Region
from inputs.forms import BoundedInputsMixin
from reports.models import Status

NOTE_MAX = 2000

GRADES = [
    ("excellent", _("Excellent")),
    ("good", _("Good")),
    ("satisfactory", _("Satisfactory")),
    ("unsatisfactory", _("Unsatisfactory")),
]

SORTS = [
    ("status", _("Status (awaiting review first)")),
    ("centre", _("Centre")),
    ("submitted", _("Submitted at")),
    ("-submitted", _("Submitted at, newest first")),
    ("-total", _("Total, highest first")),
    ("total", _("Total, lowest first")),
    ("grade", _("Grade")),
]


class QueueFilterForm(BoundedInputsMixin, forms.Form):
    """Every field optional: an invalid value is reported and ignored, never a 500."""

    q = forms.CharField(label=_("Name or licence"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All")), (CentreKind.CPO, _("CPO")), (CentreKind.CIPO, _("CIPO"))],
    )
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("All"))] + list(Region.choices))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + list(Status.choices))
    grade = forms.ChoiceField(label=_("Grade"), required=False, choices=[("", _("All"))] + GRADES)
    timeliness = forms.ChoiceField(
        label=_("Submitted"),
        required=False,
        choices=[("", _("All")), ("on_time", _("On time")), ("late", _("Late"))],
    )
    assigned = forms.ChoiceField(
        label=_("Expert"),
        required=False,
        choices=[("", _("All")), ("me", _("Assigned to me")), ("none", _("Not assigned"))],
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All"))] + [(y, y) for y in years]


class ReviewForm(BoundedInputsMixin, forms.Form):
    """The expert's decision: approve, or return with a mandatory comment and optional notes per criterion."""

    APPROVE, RETURN = "approve", "return"

    action = forms.ChoiceField(choices=[(APPROVE, _("Approve")), (RETURN, _("Return for correction"))])
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Approval asks once more before it happens: the first press shows a confirmation with the comment.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment to the centre"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required when the report is returned: what the centre must correct. "
            "Optional on approval: the centre sees it with the approval."
        ),
    )
    note_general = forms.CharField(
        label=_("Note on the report as a whole"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, criteria=(), **kwargs):
        self.criteria = list(criteria)
        super().__init__(*args, **kwargs)
        for criterion in self.criteria:
            self.fields[self.note_name(criterion.code)] = forms.CharField(
                label=_("Note on %(code)s") % {"code": criterion.code},
                required=False,
                max_length=NOTE_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def note_name(code):
        return "note_" + code.replace(".", "_")

    def clean(self):
        data = super().clean()
        if data.get("action") == self.RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Write why the report is returned for correction."))
        return data

    def notes(self):
        """{criterion code or "": text} for reports.services.return_report."""
        notes = {"": self.cleaned_data.get("note_general", "")}
        for criterion in self.criteria:
            notes[criterion.code] = self.cleaned_data.get(self.note_name(criterion.code), "")
        return {code: text for code, text in notes.items() if text.strip()}


class ReopenForm(BoundedInputsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why the approval is undone"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignForm(BoundedInputsMixin, forms.Form):
    """Who reviews the report: an expert takes it (`me`), an agency admin picks anybody (or nobody)."""

    expert = forms.ModelChoiceField(label=_("Expert"), queryset=None, required=False, empty_label=_("Nobody"))

    def __init__(self, *args, **kwargs):
        from accounts.models import AGENCY_ROLES, User

        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = User.objects.filter(is_active=True, role__in=AGENCY_ROLES).order_by(
            "last_name", "first_name", "username"
        )
        self.fields["expert"].label_from_instance = lambda u: u.get_full_name() or u.username
