"""Every form of the project, field by field: NUL and control characters in text, non-finite and huge
numbers are a field error with a message, never an exception (inputs.forms.BoundedInputsMixin).

The forms are found by importing every module of the project's apps, so a new form is walked too;
one that needs arguments to be built gets a line in BUILDERS (the test says so).
"""

import importlib
import inspect
import pkgutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from django import forms
from django.apps import apps
from django.conf import settings

from inputs.forms import BoundedInputsMixin

SKIPPED_PACKAGES = {"tests", "migrations", "management"}

HOSTILE_TEXT = ["a\x00b", "a\x07b", "a\x1bb", "a\u202eb"]
HOSTILE_NUMBERS = ["1e400", "1E+400", "NaN", "sNaN", "Infinity", "-inf", "9" * 30, "-" + "9" * 25]


def _project_apps():
    base = Path(settings.BASE_DIR).resolve()
    return [a for a in apps.get_app_configs() if Path(a.path).resolve().parent == base and a.name != "vetquality"]


def _import_project_modules():
    for app in _project_apps():
        package = importlib.import_module(app.name)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{app.name}."):
            if SKIPPED_PACKAGES & set(info.name.split(".")[1:]):
                continue
            importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def project_forms():
    _import_project_modules()
    roots = {a.name for a in _project_apps()}
    found = {c for c in _subclasses(forms.BaseForm) if c.__module__.split(".")[0] in roots}
    concrete = [c for c in found if not (issubclass(c, forms.BaseModelForm) and c._meta.model is None)]
    return sorted(concrete, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _name(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


@pytest.fixture
def world(db, centre_a, adam):
    """Real objects for the forms that are built around one (a report, a centre, questions)."""
    from frameworks.models import Framework
    from reports.models import Report
    from surveys.models import Question, QuestionType

    framework = Framework.objects.for_report("CPO", 2025)
    report = Report.objects.create(centre=centre_a, year=2025, framework=framework)
    questions = [
        Question(code="t", text="Какво?", type=QuestionType.TEXT, required=False),
        Question(code="l", text="Колко?", type=QuestionType.LIKERT, required=False),
    ]
    return SimpleNamespace(centre=centre_a, report=report, framework=framework, questions=questions, user=adam)


def _session():
    """The few attributes of an assessment session that its forms read (no session is needed to parse)."""
    from assessment.models import AssessmentBody, OutcomeUnit, SessionAssessor

    return SimpleNamespace(
        body=AssessmentBody.objects.create(name="Съвет", kind="sector_council"),
        assignments=SessionAssessor.objects.none(),
        outcome_set=SimpleNamespace(units=OutcomeUnit.objects.none(), scale_choices=lambda: []),
    )


BUILDERS = {
    "assessment.forms.SessionForm": lambda data, w: _form("assessment.forms.SessionForm")(
        data,
        body=SimpleNamespace(professions=_none("activity.Profession"), fields=_none("assessment.ProfessionalField")),
    ),
    "assessment.forms.AssignForm": lambda data, w: _form("assessment.forms.AssignForm")(
        data, session=_session(), centres=[w.centre]
    ),
    "assessment.forms.MarksForm": lambda data, w: _form("assessment.forms.MarksForm")(data, session=_session()),
    "reports.forms.ReportForm": lambda data, w: _form("reports.forms.ReportForm")(
        data,
        report=w.report,
        sections=list(w.framework.sections.all()),
        criteria=list(w.framework.criteria.prefetch_related("levels")),
    ),
    "surveys.forms.AnswerForm": lambda data, w: _form("surveys.forms.AnswerForm")(w.questions, data),
    "surveys.forms.CampaignForm": lambda data, w: _form("surveys.forms.CampaignForm")(data, centre=w.centre),
    "surveys.forms.GraduatesFromCourseForm": lambda data, w: _form("surveys.forms.GraduatesFromCourseForm")(
        data, centre=w.centre
    ),
    "accounts.forms.AgencyUserChangeForm": lambda data, w: _form("accounts.forms.AgencyUserChangeForm")(
        data, instance=w.user
    ),
}


def _form(path):
    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def _none(model):
    return apps.get_model(model).objects.none()


def build(cls, data, world):
    builder = BUILDERS.get(_name(cls))
    if builder is not None:
        return builder(data, world)
    required = [
        p.name
        for p in list(inspect.signature(cls.__init__).parameters.values())[1:]
        if p.kind is p.KEYWORD_ONLY and p.default is p.empty
    ]
    assert not required, f"{_name(cls)} needs {required}: add a line to BUILDERS"
    return cls(data, {})


def _fields(form, kind):
    if kind == "text":
        return [n for n, f in form.fields.items() if isinstance(f, forms.CharField)]
    return [n for n, f in form.fields.items() if isinstance(f, forms.IntegerField | forms.DecimalField)]


FORMS = project_forms()


def test_the_walk_finds_the_forms_of_every_app():
    modules = {c.__module__.split(".")[0] for c in FORMS}
    assert {"accounts", "activity", "analysis", "assessment", "control", "reports", "surveys"} <= modules
    assert len(FORMS) > 50


@pytest.mark.parametrize("cls", FORMS, ids=_name)
def test_every_form_has_the_input_rules(cls):
    assert issubclass(cls, BoundedInputsMixin), f"{_name(cls)}: mix in inputs.forms.BoundedInputsMixin"


@pytest.mark.parametrize("cls", FORMS, ids=_name)
def test_hostile_values_are_a_field_error_in_every_form(cls, world):
    blank = build(cls, None, world)
    checked = 0
    for kind, values in (("text", HOSTILE_TEXT), ("number", HOSTILE_NUMBERS)):
        for name in _fields(blank, kind):
            for value in values:
                form = build(cls, {blank.add_prefix(name): value}, world)
                assert not form.is_valid(), (name, value)
                assert form.errors.get(name), f"{_name(cls)}.{name} accepted {value!r}"
                assert all(str(message).strip() for message in form.errors[name])
                checked += 1
    if not _fields(blank, "text") and not _fields(blank, "number"):
        pytest.skip("no text or number field")
    assert checked
