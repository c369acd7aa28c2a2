"""The annual self-assessment report, its answers, and its immutable submitted versions.

National figures read `Report.last_submission` and its `SubmissionScore` rows, so a
returned report keeps counting with the content it was last submitted with.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from frameworks.models import POINTS


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    APPROVED = "approved", _("Approved")


EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)
SUBMITTED_STATUSES = (Status.SUBMITTED, Status.RETURNED, Status.APPROVED)


class ReportQuerySet(models.QuerySet):
    def for_year(self, year):
        return self.filter(year=year)

    def of_kind(self, kind):
        return self.filter(centre__kind=kind)

    def visible_to(self, user):
        from centres.access import scope

        return scope(self, user)

    def counted(self):
        """Reports that count in national figures: submitted at least once."""
        return self.filter(last_submission__isnull=False)


class Report(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    framework = models.ForeignKey("frameworks.Framework", on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    zero_value = models.BooleanField(
        _("no training in the year (zero-value report)"),
        default=False,
        help_text=_("All points are 0; the report is counted separately in national figures."),
    )
    texts = models.JSONField(_("narrative sections"), default=dict, blank=True)
    # Optimistic locking: every save bumps it; a save based on an older value is refused.
    lock_version = models.PositiveIntegerField(default=1)
    return_comment = models.TextField(_("comment on return"), blank=True)
    approval_comment = models.TextField(_("comment on approval"), blank=True)
    # The agency expert who reviews this report (self-assigned or assigned by an agency admin).
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_reports",
        verbose_name=_("assigned expert"),
    )
    last_submission = models.ForeignKey(
        "Submission", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "centre__name"]
        verbose_name = _("self-assessment report")
        verbose_name_plural = _("self-assessment reports")
        constraints = [models.UniqueConstraint(fields=["centre", "year"], name="one_report_per_centre_year")]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self):
        return f"{self.centre} — {self.year}"

    # Guarded transitions: reports.services checks these (with the actor's rights) before changing status.
    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    def can_be_submitted(self):
        return self.status in EDITABLE_STATUSES

    def can_be_reviewed(self):
        """Approve and return apply only to a version waiting for review."""
        return self.status == Status.SUBMITTED


class Answer(models.Model):
    """The centre's current (editable) answer to one criterion or indicator."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey("frameworks.Criterion", on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("points"), null=True, blank=True, **POINTS)  # None: not yet assessed
    comment = models.TextField(_("comment"), blank=True)
    # Why the centre keeps a level its own data does not support (derived criteria).
    disagreement_reason = models.TextField(_("reason for differing from the data"), blank=True)

    class Meta:
        ordering = ["criterion__order"]
        constraints = [models.UniqueConstraint(fields=["report", "criterion"], name="one_answer_per_criterion")]


def _evidence_path(instance, filename):
    # Random names: an uploaded name never reaches the file system.
    return f"evidence/{instance.report.year}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey("frameworks.Criterion", on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to=_evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]


class SubmissionQuerySet(models.QuerySet):
    def counted(self):
        """The versions national figures count: each submitted report's last submitted version."""
        return self.filter(counted=True)


class Submission(models.Model):
    """One submitted version of a report, frozen: its content is never updated after creation
    (only `counted` moves to the next version when the report is submitted again)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveSmallIntegerField(_("version"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    on_time = models.BooleanField(_("on time"))
    total = models.DecimalField(_("total"), null=True, blank=True, **POINTS)  # None for yes/no frameworks
    grade = models.CharField(_("grade"), max_length=20, blank=True)  # GradeBand.code
    zero_value = models.BooleanField(default=False)
    texts = models.JSONField(default=dict)
    answers = models.JSONField(default=dict)  # {criterion code: {"points": "1.5", "comment": "…"}}
    imported = models.BooleanField(default=False)
    # True on the report's last submitted version (`Report.last_submission`), the one national figures
    # count; set by the services that set last_submission (submit, bulk creation). A plain column both
    # planners estimate well: the join condition `report.last_submission_id = submission.id` made
    # PostgreSQL expect one row where there were 40,000 and choose nested loops.
    counted = models.BooleanField(_("counted in national figures"), default=False)
    # {area code: points as text} of this version, summed when it is made (empty for yes/no
    # frameworks), so the trend reads one row per report instead of every criterion's score.
    area_totals = models.JSONField(_("points per area"), default=dict, blank=True)

    # The statement the director confirmed on submitting, word for word as shown ("the data are true …").
    declaration = models.TextField(_("declaration"), blank=True)
    # What else the version froze (reports.snapshots): the evidence list [{"id", "criterion", "name", "size"}]
    # and {provider key: snapshot} of the year's data kept in other apps (the activity information).
    # None: not recorded (versions submitted before these were kept, and imported ones).
    evidence_files = models.JSONField(_("evidence files at submission"), null=True, blank=True)
    year_data = models.JSONField(_("data of the year at submission"), null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="unique_submission_number"),
            # Imports check 2000 … a year from today (inputs.dates); the database refuses what no page can
            # show, e.g. year 10000 from 9999-12-31T23:59:59-12:00.
            models.CheckConstraint(
                name="submission_submitted_at_bounds",
                condition=models.Q(submitted_at__gte=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
                & models.Q(submitted_at__lt=dt.datetime(2101, 1, 1, tzinfo=dt.UTC)),
            ),
        ]
        indexes = [models.Index(fields=["grade"])]


class SubmissionScore(models.Model):
    """Points per criterion of a submitted version, as rows so that national figures aggregate in SQL."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("frameworks.Criterion", on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(**POINTS)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "criterion"], name="one_score_per_criterion")]


class ReviewNote(models.Model):
    """An expert's note on a submitted version, on one criterion or on the report as a whole."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="review_notes")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="review_notes")
    criterion = models.ForeignKey(
        "frameworks.Criterion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("note"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class ReportingYear(models.Model):
    """Per-year settings the agency admin controls: the deadline, and whether drafts were opened."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    deadline = models.DateField(
        _("last day to submit on time"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: 31 January of the next year. Submissions until the end of this day (Sofia time) are on time."
        ),
    )
    opened_at = models.DateTimeField(_("reporting opened"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reporting year")
        verbose_name_plural = _("reporting years")

    def __str__(self):
        return str(self.year)


class DeadlineExtension(models.Model):
    """A later last day for one centre's report of one year, granted by the agency (audited)."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="deadline_extensions")
    year = models.PositiveSmallIntegerField(_("year"))
    last_day = models.DateField(_("last day to submit on time"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "centre__name"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        constraints = [models.UniqueConstraint(fields=["centre", "year"], name="one_extension_per_centre_year")]

    def __str__(self):
        return f"{self.centre} — {self.year}: {self.last_day}"


class ReminderKind(models.TextChoices):
    DAYS_30 = "30_days", _("30 days before the deadline")
    DAYS_7 = "7_days", _("7 days before the deadline")
    DAYS_1 = "1_day", _("1 day before the deadline")
    OVERDUE = "overdue", _("The day after the deadline")


class ReminderSent(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="reminders_sent")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "reports"
        constraints = [models.UniqueConstraint(fields=["centre", "year", "kind"], name="one_reminder_per_kind")]

    def __str__(self):
        return f"{self.centre_id} {self.year} {self.kind}"
