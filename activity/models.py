"""Annual activity information of a centre (framework.md §5): the numbers behind the report.

One ActivityReport per centre and year; it has no workflow of its own — it is editable while
the year's self-assessment report is (draft or returned, or before the report exists) and is
submitted, returned and approved together with it. Summary counts are aggregated from the rows
(see activity.summary), never typed a second time.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from centres.regions import Region
from inputs.bounds import bounded
from inputs.numbers import YEAR_MAX, YEAR_MIN

MONEY = {"max_digits": 10, "decimal_places": 2}
# Every count below is bounded (inputs.bounds.bounded: 0…COUNT_MAX unless a field says otherwise),
# by validators and by database constraints: an absurd count once stored breaks every sum and page.


class Profession(models.Model):
    """A profession from the list of professions for vocational education and training (СППОО)."""

    code = models.CharField(_("code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=300)
    priority = models.BooleanField(_("priority profession"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("profession")
        verbose_name_plural = _("professions")

    def __str__(self):
        return f"{self.code} {self.name}"


class Specialty(models.Model):
    profession = models.ForeignKey(Profession, on_delete=models.CASCADE, related_name="specialties")
    code = models.CharField(_("code"), max_length=7, unique=True)
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        ordering = ["code"]
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")

    def __str__(self):
        return f"{self.code} {self.name}"


class ActivityReportQuerySet(models.QuerySet):
    def for_year(self, year):
        return self.filter(year=year)

    def visible_to(self, user):
        from centres.access import scope

        return scope(self, user)


@bounded(year=(YEAR_MIN, YEAR_MAX))
class ActivityReport(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="activity_reports")
    year = models.PositiveSmallIntegerField(_("year"))

    # CPO: trainers' qualification (EQAVET 2)
    trainers_total = models.PositiveIntegerField(_("trainers in total"), null=True, blank=True)
    trainers_trained_internal = models.PositiveIntegerField(_("trainers trained internally"), null=True, blank=True)
    trainers_trained_external = models.PositiveIntegerField(_("trainers trained externally"), null=True, blank=True)
    trainer_training_hours = models.PositiveIntegerField(_("hours of trainers' training"), null=True, blank=True)

    # CPO: graduates followed up (criterion 3.1, EQAVET 5 and 6)
    graduates_followed_up = models.PositiveIntegerField(_("graduates followed up"), null=True, blank=True)
    graduates_employed = models.PositiveIntegerField(_("employed within 12 months"), null=True, blank=True)
    graduates_employed_in_occupation = models.PositiveIntegerField(
        _("of them in the occupation they trained for"), null=True, blank=True
    )
    graduates_placed_6m = models.PositiveIntegerField(
        _("employed or in further learning within 6 months"), null=True, blank=True
    )
    graduates_in_learning = models.PositiveIntegerField(
        _("in further learning within 12 months"), null=True, blank=True
    )
    graduates_unknown = models.PositiveIntegerField(_("status unknown"), null=True, blank=True)

    # CIPO: clients
    clients_total = models.PositiveIntegerField(_("clients in total"), null=True, blank=True)
    clients_bulgaria = models.PositiveIntegerField(_("Bulgarian citizens"), null=True, blank=True)
    clients_other_eu = models.PositiveIntegerField(_("citizens of other EU countries"), null=True, blank=True)
    clients_third_country = models.PositiveIntegerField(_("third-country nationals"), null=True, blank=True)
    clients_learners = models.PositiveIntegerField(_("learners"), null=True, blank=True)
    clients_non_learners = models.PositiveIntegerField(_("not in learning"), null=True, blank=True)
    clients_employed = models.PositiveIntegerField(_("employed"), null=True, blank=True)
    clients_unemployed = models.PositiveIntegerField(_("unemployed"), null=True, blank=True)
    clients_registered = models.PositiveIntegerField(_("registered at the labour office"), null=True, blank=True)
    clients_not_registered = models.PositiveIntegerField(
        _("not registered at the labour office"), null=True, blank=True
    )
    clients_average_age = models.DecimalField(
        _("average age"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(120)],
    )
    referred_self = models.PositiveIntegerField(_("came on their own"), null=True, blank=True)
    referred_labour_office = models.PositiveIntegerField(_("referred by the labour office"), null=True, blank=True)
    referred_school = models.PositiveIntegerField(_("referred by a school or university"), null=True, blank=True)
    referred_employer = models.PositiveIntegerField(_("referred by an employer"), null=True, blank=True)
    referred_other = models.PositiveIntegerField(_("referred by others"), null=True, blank=True)

    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ActivityReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "centre__name"]
        verbose_name = _("activity information")
        verbose_name_plural = _("activity information")
        constraints = [models.UniqueConstraint(fields=["centre", "year"], name="one_activity_report_per_centre_year")]

    def __str__(self):
        return f"{self.centre} — {self.year}"


class CourseKind(models.TextChoices):
    DEGREE = "degree", _("Qualification degree")
    PART = "part", _("Part of a profession")
    LEGAL = "legal", _("Legal capacity")
    OTHER = "other", _("Other training")


class Funding(models.TextChoices):
    OWN = "own", _("Trainees' own funds")
    EMPLOYER = "employer", _("Employer")
    LABOUR_OFFICE = "labour_office", _("Employment Agency")
    EU = "eu", _("EU programmes and projects")
    STATE = "state", _("State or municipal budget")
    OTHER = "other", _("Other")


@bounded()
class Course(models.Model):
    """One training course run in the year (a row of the activity information)."""

    activity = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="courses")
    profession = models.ForeignKey(Profession, on_delete=models.PROTECT, related_name="courses")
    specialty = models.ForeignKey(Specialty, on_delete=models.PROTECT, null=True, blank=True, related_name="courses")
    kind = models.CharField(_("type"), max_length=10, choices=CourseKind.choices)
    degree = models.PositiveSmallIntegerField(
        _("qualification degree"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    hours = models.PositiveIntegerField(_("hours"))
    price = models.DecimalField(_("price (BGN)"), **MONEY)
    funding = models.CharField(_("main funding source"), max_length=16, choices=Funding.choices)

    enrolled = models.PositiveIntegerField(_("enrolled"))
    enrolled_women = models.PositiveIntegerField(_("enrolled women"), null=True, blank=True)
    enrolled_men = models.PositiveIntegerField(_("enrolled men"), null=True, blank=True)
    certified = models.PositiveIntegerField(_("certified"), default=0)
    certified_women = models.PositiveIntegerField(_("certified women"), null=True, blank=True)
    certified_men = models.PositiveIntegerField(_("certified men"), null=True, blank=True)
    certified_validation = models.PositiveIntegerField(_("certified through validation"), default=0)
    vulnerable = models.PositiveIntegerField(_("from vulnerable groups"), default=0)
    vulnerable_certified = models.PositiveIntegerField(_("of them certified"), default=0)
    disadvantaged = models.PositiveIntegerField(_("in a disadvantaged position"), default=0)
    early_leavers = models.PositiveIntegerField(_("early school leavers"), default=0)
    continuing = models.PositiveIntegerField(_("continuing next year"), default=0)
    not_completed = models.PositiveIntegerField(_("not completed"), default=0)
    dropped_out = models.PositiveIntegerField(_("dropped out"), default=0)
    exam_admitted = models.PositiveIntegerField(_("admitted to the state examination"), default=0)
    exam_passed = models.PositiveIntegerField(_("passed the state examination"), default=0)

    class Meta:
        ordering = ["activity", "start_date", "id"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self):
        return f"{self.profession} ({self.start_date:%d.%m.%Y})"


@bounded()
class ValidationRow(models.Model):
    """Validation of professional knowledge, skills and competences, by profession."""

    activity = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="validations")
    profession = models.ForeignKey(Profession, on_delete=models.PROTECT, related_name="+")
    procedures = models.PositiveIntegerField(_("procedures"))
    persons = models.PositiveIntegerField(_("persons"))
    documents_issued = models.PositiveIntegerField(_("documents issued"))

    class Meta:
        ordering = ["activity", "id"]
        verbose_name = _("validation")
        verbose_name_plural = _("validations")


class Sex(models.TextChoices):
    FEMALE = "female", _("Women")
    MALE = "male", _("Men")


@bounded(birth_year=(1900, YEAR_MAX))
class TraineeBirthYearRow(models.Model):
    """Trainees by year of birth, sex and qualification degree: enrolled and certified in the year."""

    activity = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="trainees_by_birth_year")
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    # Empty for training that leads to no degree (part of a profession, other courses).
    degree = models.PositiveSmallIntegerField(
        _("qualification degree"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    enrolled = models.PositiveIntegerField(_("enrolled"), default=0)
    certified = models.PositiveIntegerField(_("certified"), default=0)

    class Meta:
        ordering = ["activity", "birth_year", "sex", "degree", "id"]
        verbose_name = _("trainees by year of birth")
        verbose_name_plural = _("trainees by year of birth")


class Citizenship(models.TextChoices):
    # Contexts: "Bulgarian" alone is also the language's name in Django's own catalogue.
    BULGARIAN = "bg", pgettext_lazy("citizenship", "Bulgarian")
    EU = "eu", pgettext_lazy("citizenship", "Of another EU country")
    THIRD = "third", pgettext_lazy("citizenship", "Of a third country")
    STATELESS = "stateless", pgettext_lazy("citizenship", "Stateless")


@bounded()
class TraineeCitizenshipRow(models.Model):
    """Trainees by citizenship: enrolled and certified in the year."""

    activity = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="trainees_by_citizenship")
    citizenship = models.CharField(_("citizenship"), max_length=10, choices=Citizenship.choices)
    enrolled = models.PositiveIntegerField(_("enrolled"), default=0)
    certified = models.PositiveIntegerField(_("certified"), default=0)

    class Meta:
        ordering = ["activity", "id"]
        verbose_name = _("trainees by citizenship")
        verbose_name_plural = _("trainees by citizenship")
        constraints = [
            models.UniqueConstraint(fields=["activity", "citizenship"], name="one_row_per_citizenship"),
        ]


class Ownership(models.TextChoices):
    OWN = "own", _("Own")
    RENTED = "rented", _("Rented")


class MaterialBase(models.Model):
    activity = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="material_bases")
    profession = models.ForeignKey(Profession, on_delete=models.PROTECT, related_name="+")
    specialty = models.ForeignKey(Specialty, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    ownership = models.CharField(_("own or rented"), max_length=8, choices=Ownership.choices)
    compliant = models.BooleanField(_("complies with the state educational standard"), default=True)

    class Meta:
        ordering = ["activity", "id"]
        verbose_name = _("material base")
        verbose_name_plural = _("material base")


class Service(models.TextChoices):
    """The nine services of a CIPO (framework.md §5)."""

    INFORMATION = "information", _("Information and self-information")
    COUNSELLING = "counselling", _("Career counselling")
    CASE_ASSESSMENT = "case_assessment", _("Case assessment")
    ACTIVATION = "activation", _("Activation and motivation")
    PSYCHOLOGICAL = "psychological", _("Psychological support")
    ADVOCACY = "advocacy", _("Advocacy")
    SELF_HELP = "self_help", _("Self-help groups")
    TALENT = "talent", _("Talent management")
    MENTORING = "mentoring", _("Mentoring")


@bounded()
class ServiceRow(models.Model):
    activity = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="services")
    service = models.CharField(_("service"), max_length=24, choices=Service.choices)
    clients = models.PositiveIntegerField(_("clients"))
    sessions = models.PositiveIntegerField(_("sessions"), default=0)

    class Meta:
        ordering = ["activity", "id"]
        verbose_name = _("service provided")
        verbose_name_plural = _("services provided")
        constraints = [models.UniqueConstraint(fields=["activity", "service"], name="one_row_per_service")]


@bounded()
class FundingRow(models.Model):
    activity = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="funding_rows")
    source = models.CharField(_("funding source"), max_length=16, choices=Funding.choices)
    amount = models.DecimalField(_("amount (BGN)"), **MONEY, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["activity", "id"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = [models.UniqueConstraint(fields=["activity", "source"], name="one_row_per_funding_source")]
