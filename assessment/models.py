"""Independent assessment of learning outcomes (the 2021 model): assessment bodies and their assessors,
learning outcomes as data, samples of graduates, assessment sessions with marks, and the link between
a profession's outcomes and its employer competence questionnaire.

Pseudonymity is structural: results (marks) refer to a Participant, whose public face is a pseudonym;
the graduate's name and e-mail stay in surveys.Graduate and are used only to send the invitation.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(18)


def new_pseudonym():
    # Nine random characters from an alphabet without look-alikes: nothing in it derives from the person.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(9))


# ------------------------------------------------------------------ bodies and assessors
class ProfessionalField(models.Model):
    """A professional field («професионално направление»): the first three digits of a profession's code."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        ordering = ["code"]
        verbose_name = _("professional field")
        verbose_name_plural = _("professional fields")

    def __str__(self):
        return f"{self.code} {self.name}"


class BodyKind(models.TextChoices):
    SECTOR_COUNCIL = "sector_council", _("Sector qualification council")
    INDEPENDENT_CENTRE = "independent_centre", _("Centre for independent assessment")


class AssessmentBody(models.Model):
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    fields = models.ManyToManyField(ProfessionalField, blank=True, related_name="bodies", verbose_name=_("fields"))
    professions = models.ManyToManyField(
        "activity.Profession", blank=True, related_name="assessment_bodies", verbose_name=_("professions")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("assessment body")
        verbose_name_plural = _("assessment bodies")

    def __str__(self):
        return self.name

    def covers(self, profession):
        """A body covers a profession it lists or any profession of a field it lists."""
        return (
            self.professions.filter(pk=profession.pk).exists() or self.fields.filter(code=profession.code[:3]).exists()
        )


class BodyMembership(models.Model):
    """Which body a user with the assessment-body role works for (one body per user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_membership"
    )
    body = models.ForeignKey(AssessmentBody, on_delete=models.CASCADE, related_name="members")

    class Meta:
        verbose_name = _("assessment body user")
        verbose_name_plural = _("assessment body users")

    def clean(self):
        from django.core.exceptions import ValidationError

        from accounts.models import Role

        if self.user_id and self.user.role != Role.ASSESSMENT_BODY:
            raise ValidationError({"user": _("Only a user with the assessment-body role can work for a body.")})


class Affiliation(models.TextChoices):
    EMPLOYER = "employer", _("Employer or employers' organisation")
    TRADE_UNION = "trade_union", _("Trade union")
    EXPERT = "expert", _("Independent expert")


class Assessor(models.Model):
    body = models.ForeignKey(AssessmentBody, on_delete=models.PROTECT, related_name="assessors")
    name = models.CharField(_("name"), max_length=200)
    qualification = models.CharField(_("qualification"), max_length=300)
    affiliation = models.CharField(_("affiliation"), max_length=16, choices=Affiliation.choices)
    organisation = models.CharField(_("employer or trade union"), max_length=300, blank=True)
    professions = models.ManyToManyField(
        "activity.Profession", related_name="assessors", verbose_name=_("professions they may assess")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["body", "name"]
        verbose_name = _("assessor")
        verbose_name_plural = _("assessors")

    def __str__(self):
        return self.name

    @property
    def is_employer(self):
        return self.affiliation == Affiliation.EMPLOYER


# ------------------------------------------------------------------ learning outcomes (data)
class ScaleKind(models.TextChoices):
    NUMERIC = "numeric", _("Numeric")
    CATEGORICAL = "categorical", _("Categorical")


class OutcomeSet(models.Model):
    """The units of learning outcomes of one profession (or speciality), valid from a year on."""

    profession = models.ForeignKey("activity.Profession", on_delete=models.PROTECT, related_name="outcome_sets")
    specialty = models.ForeignKey(
        "activity.Specialty", null=True, blank=True, on_delete=models.PROTECT, related_name="outcome_sets"
    )
    first_year = models.PositiveSmallIntegerField(_("valid from"))
    # {"kind": "numeric", "min": 0, "max": 4, "pass": 2} or
    # {"kind": "categorical", "levels": [{"value": ..., "label": ..., "pass": bool}, ...]} (in order).
    scale = models.JSONField(_("result scale"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    loaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["profession__code", "-first_year"]
        constraints = [
            models.UniqueConstraint(fields=["profession", "first_year"], name="one_outcome_set_per_profession_year")
        ]
        verbose_name = _("learning outcomes")
        verbose_name_plural = _("learning outcomes")

    def __str__(self):
        return f"{self.profession} ({self.first_year})"

    @property
    def scale_kind(self):
        return self.scale["kind"]

    def scale_values(self):
        if self.scale_kind == ScaleKind.NUMERIC:
            return [str(v) for v in range(self.scale["min"], self.scale["max"] + 1)]
        return [level["value"] for level in self.scale["levels"]]

    def scale_choices(self):
        if self.scale_kind == ScaleKind.NUMERIC:
            return [(v, v) for v in self.scale_values()]
        return [(level["value"], level["label"]) for level in self.scale["levels"]]

    def passes(self, value):
        if self.scale_kind == ScaleKind.NUMERIC:
            return int(value) >= self.scale["pass"]
        return any(level["value"] == value and level["pass"] for level in self.scale["levels"])

    def ordinal(self, value):
        """The position of a value on the scale (0 = lowest): numeric marks are their own number."""
        return self.scale_values().index(str(value)) + (
            self.scale["min"] if self.scale_kind == ScaleKind.NUMERIC else 0
        )


class OutcomeUnit(models.Model):
    outcome_set = models.ForeignKey(OutcomeSet, on_delete=models.CASCADE, related_name="units")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["outcome_set", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["outcome_set", "code"], name="unit_code_unique_in_set")]
        verbose_name = _("unit of learning outcomes")
        verbose_name_plural = _("units of learning outcomes")

    def __str__(self):
        return f"{self.code} {self.title}"


# ------------------------------------------------------------------ samples
class SampleSource(models.TextChoices):
    FOLLOWUP = "followup", _("Graduates registered for follow-up")
    ACTIVITY = "activity", _("Certified graduates in the activity information")


class Sample(models.Model):
    """One recorded draw: its parameters, the seed and the population it was drawn from."""

    year = models.PositiveSmallIntegerField(_("year of completion"))
    source = models.CharField(_("drawn from"), max_length=10, choices=SampleSource.choices)
    seed = models.BigIntegerField(_("seed"))
    size = models.PositiveIntegerField(_("sample size"))
    min_per_centre = models.PositiveIntegerField(_("minimum per centre"))
    parameters = models.JSONField(_("parameters"), default=dict)  # professions, population, strata, excluded
    population = models.PositiveIntegerField(_("eligible population"))
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    drawn_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-drawn_at", "-id"]
        verbose_name = _("sample")
        verbose_name_plural = _("samples")

    def __str__(self):
        return f"{self.year} #{self.pk}"


class SampledGraduate(models.Model):
    """One graduate in a sample. From the follow-up register it points at the graduate; from the
    activity data it is the n-th certified graduate of a course (the centre names the person)."""

    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="members")
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    profession = models.ForeignKey("activity.Profession", on_delete=models.PROTECT, related_name="+")
    graduate = models.ForeignKey("surveys.Graduate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    course = models.ForeignKey("activity.Course", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    unit_key = models.CharField(max_length=40)  # the population unit drawn ("g:12" or "c:7:3")
    pseudonym = models.CharField(_("pseudonym"), max_length=12, unique=True, default=new_pseudonym)

    class Meta:
        ordering = ["sample", "centre", "profession", "id"]
        constraints = [models.UniqueConstraint(fields=["sample", "unit_key"], name="unit_drawn_once_per_sample")]
        verbose_name = _("sampled graduate")
        verbose_name_plural = _("sampled graduates")

    def __str__(self):
        return self.pseudonym


# ------------------------------------------------------------------ sessions
class SessionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    INVITED = "invited", _("Graduates invited")
    FINISHED = "finished", _("Finished")
    PUBLISHED = "published", _("Results published")


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        from centres.access import assessment_sessions_visible_to

        return assessment_sessions_visible_to(self, user)


class Session(models.Model):
    body = models.ForeignKey(AssessmentBody, on_delete=models.PROTECT, related_name="sessions")
    sample = models.ForeignKey(Sample, on_delete=models.PROTECT, related_name="sessions")
    outcome_set = models.ForeignKey(OutcomeSet, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    state = models.CharField(_("state"), max_length=10, choices=SessionState.choices, default=SessionState.PLANNED)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("assessment session")
        verbose_name_plural = _("assessment sessions")

    def __str__(self):
        return f"{self.outcome_set.profession} — {self.held_on:%d.%m.%Y}"

    @property
    def profession(self):
        return self.outcome_set.profession


class SessionAssessor(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="assignments")
    assessor = models.ForeignKey(Assessor, on_delete=models.PROTECT, related_name="assignments")
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "assessor"], name="assessor_once_per_session")]


class ConflictDeclaration(models.Model):
    """An assessor's declaration about one centre, made before an assignment to a session."""

    assessor = models.ForeignKey(Assessor, on_delete=models.PROTECT, related_name="declarations")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="declarations")
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    declared_on = models.DateField(_("declared on"))
    # The last day the assessor worked for (or was paid by) the centre, if ever.
    worked_for_centre_until = models.DateField(_("last worked for the centre on"), null=True, blank=True)
    other_interest = models.BooleanField(_("another conflict of interest"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["session", "assessor", "centre"]
        constraints = [
            models.UniqueConstraint(fields=["assessor", "session", "centre"], name="one_declaration_per_centre")
        ]
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")


class ParticipantStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Agreed to take part")
    DECLINED = "declined", _("Declined")


class Participant(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    member = models.OneToOneField(SampledGraduate, on_delete=models.PROTECT, related_name="participation")
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    status = models.CharField(max_length=10, choices=ParticipantStatus.choices, default=ParticipantStatus.INVITED)
    invited_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "member__pseudonym"]

    def __str__(self):
        return self.member.pseudonym

    @property
    def pseudonym(self):
        return self.member.pseudonym


class Component(models.TextChoices):
    THEORY = "theory", _("Theory")
    PRACTICE = "practice", _("Practice")


class Mark(models.Model):
    """One result for a participant, unit and component: an assessor's independent mark, or (assessor
    empty) the agreed mark."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="marks")
    unit = models.ForeignKey(OutcomeUnit, on_delete=models.PROTECT, related_name="marks")
    component = models.CharField(_("component"), max_length=10, choices=Component.choices)
    assessor = models.ForeignKey(Assessor, null=True, blank=True, on_delete=models.PROTECT, related_name="marks")
    value = models.CharField(_("result"), max_length=40)
    # The value's position on the scale (a numeric mark is its own number): means and agreement use it.
    score = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["participant", "unit", "component", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "unit", "component", "assessor"],
                condition=Q(assessor__isnull=False),
                name="one_independent_mark",
            ),
            models.UniqueConstraint(
                fields=["participant", "unit", "component"], condition=Q(assessor__isnull=True), name="one_agreed_mark"
            ),
        ]

    @property
    def agreed(self):
        return self.assessor_id is None


# ------------------------------------------------------------------ employer competence monitoring
class CompetenceQuestionnaire(models.Model):
    """The employer questionnaire (surveys app) that asks about one profession's units of outcomes."""

    outcome_set = models.OneToOneField(OutcomeSet, on_delete=models.CASCADE, related_name="competence_questionnaire")
    questionnaire = models.OneToOneField(
        "surveys.Questionnaire", on_delete=models.PROTECT, related_name="competence_outcomes"
    )

    class Meta:
        verbose_name = _("competence questionnaire")
        verbose_name_plural = _("competence questionnaires")
