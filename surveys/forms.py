"""Forms: the public answer form built from a questionnaire version, and the centre's and agency's forms."""

import csv
import datetime as dt
import io
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from inputs.dates import check_date
from inputs.errors import InputRefused
from inputs.forms import BoundedInputsMixin, apply_input_rules
from inputs.text import clean_email, clean_text
from surveys.models import CampaignMode, Questionnaire, QuestionType
from surveys.results import LIKERT_LABELS

MAX_TEXT = 1000
MAX_EMAILS = 5000
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_LINKS = 500


# ------------------------------------------------------------------ answering
def answer_fields(questions):
    """{name: field} for the questions, one field per question named q_<code>."""
    messages = {
        "required": _("Please answer this question."),
        "invalid_choice": _("Choose one of the options offered."),
    }
    fields = {}
    for q in questions:
        if q.type == QuestionType.LIKERT:
            field = forms.TypedChoiceField(
                choices=[(str(n), label) for n, label in LIKERT_LABELS.items()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages=messages,
            )
        elif q.type == QuestionType.SINGLE:
            field = forms.ChoiceField(
                choices=[(str(o["value"]), o["label"]) for o in q.options],
                widget=forms.RadioSelect,
                error_messages=messages,
            )
        elif q.type == QuestionType.MULTIPLE:
            field = forms.MultipleChoiceField(
                choices=[(str(o["value"]), o["label"]) for o in q.options],
                widget=forms.CheckboxSelectMultiple,
                error_messages={**messages, "invalid_choice": _("Choose only among the options offered.")},
            )
        else:
            field = forms.CharField(
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    **messages,
                    "max_length": _("Please write at most %(limit_value)d characters."),
                },
            )
        field.required = q.required
        field.label = q.text
        field.question = q
        # Bounded here, once: these fields may be shared by every form of a frozen version (AnswerForm).
        fields[f"q_{q.code}"] = apply_input_rules(field)
    return fields


class AnswerForm(BoundedInputsMixin, forms.Form):
    """One field per question, named q_<code>. Posted names that are not questions of this version
    are simply never read, so forged question ids cannot store anything."""

    def __init__(self, questions, *args, fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        # `fields` from `answer_fields(questions)` may be shared by every form of a frozen version:
        # nothing here changes a field after it is built (the public page renders its own HTML), and
        # building or deep-copying them costs more than the rest of validating an answer.
        self.fields = fields if fields is not None else answer_fields(self.questions)


# ------------------------------------------------------------------ campaigns
class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CampaignForm(BoundedInputsMixin, forms.Form):
    questionnaire = forms.ModelChoiceField(Questionnaire.objects.all(), label=_("Questionnaire"))
    label = forms.CharField(label=_("Name"), max_length=200, help_text=_("E.g. the course and the month."))
    year = forms.IntegerField(label=_("Year the results count for"), min_value=2015, max_value=2100)
    course = forms.ModelChoiceField(None, label=_("Course (optional)"), required=False)
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput())
    mode = forms.ChoiceField(label=_("How people are invited"), choices=CampaignMode.choices, widget=forms.RadioSelect)
    followup_months = forms.TypedChoiceField(
        label=_("Graduate follow-up: months after completion"),
        choices=[("", _("not a follow-up")), ("6", "6"), ("12", "12")],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        from activity.models import Course

        self.fields["course"].queryset = Course.objects.filter(activity__centre=centre).select_related(
            "profession", "activity"
        )
        self.fields["course"].label_from_instance = lambda c: f"{c.activity.year} · {c}"

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("The closing date must not be before the opening date."))
        return data


def _read_upload(upload):
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    raw = upload.read()
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is not a text or CSV file."))


class InvitationForm(BoundedInputsMixin, forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line, or separated by commas."),
    )
    file = forms.FileField(label=_("…or a CSV or text file with addresses"), required=False)

    def clean(self):
        data = super().clean()
        # Every entry typed is an address or is refused by name: nothing is dropped without a word.
        candidates = [t for t in (_entry(t) for t in re.split(r"[\s,;]+", data.get("emails") or "")) if t]
        refused = []
        if data.get("file"):
            file_addresses, refused = _addresses_in_file(_read_upload(data["file"]))
            candidates += file_addresses
        if not candidates and not refused:
            raise ValidationError(_("Give at least one e-mail address."))
        if len(candidates) > MAX_EMAILS:
            raise ValidationError(_("At most %(n)d addresses at a time.") % {"n": MAX_EMAILS})
        for email in candidates:
            try:
                validate_email(email)
            except ValidationError:
                refused.append(email)
        if refused:
            shown = ", ".join(refused[:30]) + (" …" if len(refused) > 30 else "")
            raise ValidationError(
                _(
                    "Refused (%(n)d), not e-mail addresses: %(list)s. Nothing was added: correct or remove "
                    "them and send the list again."
                )
                % {"n": len(refused), "list": shown}
            )
        data["addresses"] = candidates
        return data


def _entry(text):
    return text.strip().strip("\"'<>")


def _addresses_in_file(text):
    """(addresses, refused lines) of a CSV or text file: cells with an "@" are addresses (other cells of
    the same line, such as names, are not); a line with no "@" at all is refused, except a header line."""
    addresses, refused = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = [c for c in (_entry(c) for c in re.split(r"[\s,;]+", line)) if c]
        if not cells:
            continue
        found = [c for c in cells if "@" in c]
        if found:
            addresses += found
        elif number > 1:
            refused.append(line.strip())
    return addresses, refused


class LinksForm(BoundedInputsMixin, forms.Form):
    count = forms.IntegerField(label=_("Number of printable links"), min_value=1, max_value=MAX_LINKS)


# ------------------------------------------------------------------ graduates
YES = {"1", "да", "yes", "true", "д", "y", "x"}


def _parse_date(text):
    text = (text or "").strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


MAX_GRADUATE_ROWS = 5000


def _graduate_row(line, cells, problems):
    """The row's values, or None for a blank or header row or one with a problem (added to `problems`).

    Every cell goes through the input boundary (inputs.text, inputs.dates): no control characters,
    bounded lengths, a real e-mail address and a completion date in a sane range."""
    if not any(c.strip() for c in cells):
        return None
    if line == 1 and "@" not in cells[0]:
        return None  # a header row
    cells = [c.strip() for c in cells] + [""] * 5
    email, course, completed, consent, name = cells[:5]
    shown = {"row": line}
    try:
        email = clean_email(email, required=True)
    except InputRefused:
        problems.append(_("Row %(row)d: “%(value)s” is not an e-mail address.") % {**shown, "value": _shown(email)})
        return None
    try:
        course, name, consent = (clean_text(v, max_length=200) for v in (course, name, consent))
    except InputRefused as exc:
        problems.append(_("Row %(row)d: %(reason)s") % {**shown, "reason": exc.message})
        return None
    completed_on = _parse_date(completed) if len(completed) <= 20 else None
    try:
        completed_on = completed_on and check_date(completed_on)
    except InputRefused:
        completed_on = None
    if completed_on is None:
        problems.append(_("Row %(row)d: “%(value)s” is not a date.") % {**shown, "value": _shown(completed)})
        return None
    return {
        "email": email,
        "course_label": course,
        "completed_on": completed_on,
        "consent": consent.lower() in YES,
        "name": name,
    }


def _shown(text):
    text = text if text.isprintable() else text.encode("unicode_escape").decode("ascii")
    return text[:60]


class GraduateUploadForm(BoundedInputsMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: e-mail, course, completion date (dd.mm.yyyy), consent (да/не), name (optional)."),
    )

    def clean_file(self):
        text = _read_upload(self.cleaned_data["file"])
        first_line = text.strip().splitlines()[0] if text.strip() else ""
        # Bulgarian Excel writes ";"; others ","; csv.Sniffer gives up on short files, so count instead.
        delimiter = max(";\t,", key=first_line.count)
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        rows, problems = [], []
        try:
            for line, cells in enumerate(reader, start=1):
                if len(rows) >= MAX_GRADUATE_ROWS:
                    raise ValidationError(_("The file has more than %(n)s graduates.") % {"n": MAX_GRADUATE_ROWS})
                row = _graduate_row(line, cells, problems)
                if row is not None:
                    rows.append(row)
        except csv.Error:
            raise ValidationError(_("The file is not a readable CSV file.")) from None
        if problems:
            raise ValidationError(problems[:20])
        if not rows:
            raise ValidationError(_("The file has no graduates."))
        return rows


class GraduatesFromCourseForm(BoundedInputsMixin, forms.Form):
    course = forms.ModelChoiceField(None, label=_("Course"))
    completed_on = forms.DateField(
        label=_("Completion date"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty to use the course's end date."),
    )
    emails = forms.CharField(label=_("Graduates' e-mail addresses"), widget=forms.Textarea(attrs={"rows": 5}))
    consent = forms.BooleanField(
        label=_("These graduates agreed to be contacted for the follow-up."),
        required=False,
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        from activity.models import Course

        self.fields["course"].queryset = Course.objects.filter(activity__centre=centre).select_related(
            "profession", "activity"
        )
        self.fields["course"].label_from_instance = lambda c: f"{c.activity.year} · {c}"

    def clean_emails(self):
        candidates = [c.strip() for c in re.split(r"[\s,;]+", self.cleaned_data["emails"]) if c.strip()]
        invalid = []
        for email in candidates:
            try:
                validate_email(email)
            except ValidationError:
                invalid.append(email)
        if invalid:
            raise ValidationError(
                _("These are not valid e-mail addresses: %(list)s") % {"list": ", ".join(invalid[:10])}
            )
        return candidates


# ------------------------------------------------------------------ questionnaires (agency admin)
def parse_options(text):
    """Lines "value | label" (or just a label) into [{"value", "label"}]."""
    options, seen = [], set()
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        value, _sep, label = line.partition("|")
        value, label = value.strip(), label.strip()
        if not label:
            label, value = value, re.sub(r"[^a-z0-9_]+", "_", value.lower()).strip("_") or f"o{len(options) + 1}"
        if value in seen:
            raise ValidationError(_("The option value “%(value)s” is used twice.") % {"value": value})
        seen.add(value)
        options.append({"value": value, "label": label})
    return options


def options_text(options):
    return "\n".join(f"{o['value']} | {o['label']}" for o in options)


class QuestionForm(BoundedInputsMixin, forms.Form):
    text = forms.CharField(label=_("Question"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    required = forms.BooleanField(label=_("Required"), required=False)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: value | label. Only for single and multiple choice."),
    )

    def __init__(self, *args, question_type=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.question_type = question_type

    def clean_options(self):
        options = parse_options(self.cleaned_data.get("options"))
        kind = self.question_type or self.data.get(self.add_prefix("type"))
        if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE) and len(options) < 2:
            raise ValidationError(_("A choice question needs at least two options."))
        return options


class NewQuestionForm(QuestionForm):
    code = forms.SlugField(
        label=_("Code"), max_length=40, help_text=_("Latin letters, digits and _; compares results across versions.")
    )
    type = forms.ChoiceField(label=_("Type"), choices=QuestionType.choices)

    field_order = ["code", "type", "text", "required", "options"]
