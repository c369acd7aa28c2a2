"""Follow-up control (последващ контрол): risk models and checklists as data, and the control case.

Risk models and checklist templates are versioned data loaded from control/data/ (see
control/loader.py); the case moves between states only through control/services/.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from centres.models import CentreKind

SCORE = {"max_digits": 8, "decimal_places": 2}


# ---------------------------------------------------------------- risk models (data)
class RiskModelQuerySet(models.QuerySet):
    def for_year(self, year):
        """The one risk model version that applies to `year`, or None (the newest first-year wins)."""
        applying = self.filter(first_year__lte=year).filter(Q(last_year__isnull=True) | Q(last_year__gte=year))
        return applying.order_by("-first_year").first()


class RiskModel(models.Model):
    """One version of the risk model: which signals count and how much, for a range of years."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=300)
    first_year = models.PositiveIntegerField(_("first year"))
    last_year = models.PositiveIntegerField(_("last year"), null=True, blank=True)
    # [{"code", "weight", "missing_share", "thresholds": {...}}] — validated by control.loader.
    signals = models.JSONField(_("signals"), default=list)
    loaded_at = models.DateTimeField(auto_now=True)

    objects = RiskModelQuerySet.as_manager()

    class Meta:
        ordering = ["-first_year"]
        verbose_name = _("risk model")
        verbose_name_plural = _("risk models")

    def __str__(self):
        return self.code

    def years_label(self):
        return f"{self.first_year}–{self.last_year or '…'}"


# ---------------------------------------------------------------- checklists (data)
class Answer(models.TextChoices):
    YES = "ДА", pgettext_lazy("checklist answer", "YES")
    NO = "НЕ", pgettext_lazy("checklist answer", "NO")
    NA = "НП", pgettext_lazy("checklist answer", "N/A")


class Checklist(models.Model):
    """A protocol template («констативен протокол») for one kind of centre, versioned by year."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("centre kind"), max_length=4, choices=CentreKind.choices)
    name = models.CharField(_("name"), max_length=300)
    first_year = models.PositiveIntegerField(_("first year"))
    last_year = models.PositiveIntegerField(_("last year"), null=True, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "-first_year"]
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")

    def __str__(self):
        return self.code

    @classmethod
    def for_centre(cls, kind, year):
        applying = cls.objects.filter(kind=kind, first_year__lte=year)
        applying = applying.filter(Q(last_year__isnull=True) | Q(last_year__gte=year))
        return applying.order_by("-first_year").first()


class ChecklistSection(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("code"), max_length=16)
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["checklist", "code"], name="unique_checklist_section")]

    def __str__(self):
        return f"{self.code}. {self.title}"


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(ChecklistSection, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=16)
    text = models.CharField(_("item"), max_length=500)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    allowed_answers = models.JSONField(_("allowed answers"), default=list)  # subset of Answer values
    comment_required_on = models.JSONField(_("comment required on"), default=list)  # answers needing a comment
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["checklist", "code"], name="unique_checklist_item")]

    def __str__(self):
        return f"{self.code} {self.text}"


# ---------------------------------------------------------------- the control case
class State(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ORDERED = "ordered", _("Ordered")
    INSPECTING = "inspecting", _("Inspection under way")
    PROTOCOL_ISSUED = "protocol", _("Protocol issued")
    OBJECTION_WINDOW = "objection", _("Objection window")
    REMEDY = "remedy", _("Remedying")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")
    ESCALATED = "escalated", _("Escalated (revocation proposed)")


OPEN_STATES = (
    State.PLANNED,
    State.ORDERED,
    State.INSPECTING,
    State.PROTOCOL_ISSUED,
    State.OBJECTION_WINDOW,
    State.REMEDY,
)
# A centre sees its control only once it is ordered: a planned control is not announced early.
CENTRE_VISIBLE_STATES = tuple(s for s in State.values if s not in (State.PLANNED, State.CANCELLED))


class ControlKind(models.TextChoices):
    PERIODIC = "periodic", pgettext_lazy("control kind", "Periodic")
    CURRENT = "current", pgettext_lazy("control kind", "Current")


class ControlType(models.TextChoices):
    COMPLEX = "complex", pgettext_lazy("control type", "Complex")
    THEMATIC = "thematic", pgettext_lazy("control type", "Thematic")
    EXTRAORDINARY = "extraordinary", pgettext_lazy("control type", "Extraordinary")


class Conclusion(models.TextChoices):
    REMOVED = "removed", _("Irregularities removed in time: close")
    TEMPORARY = "temporary", _("Not removed: propose temporary revocation (3–12 months)")
    PERMANENT = "permanent", _("Not removed: propose permanent revocation")
    COMMISSION = "commission", _("Propose to the expert commission that the licence be terminated")


ESCALATING_CONCLUSIONS = (Conclusion.TEMPORARY, Conclusion.PERMANENT, Conclusion.COMMISSION)


class ControlQuerySet(models.QuerySet):
    def visible_to(self, user):
        """All for the agency; for a centre user its own centre's controls once ordered."""
        from centres.access import is_agency, scope

        visible = scope(self, user)
        if not is_agency(user):
            visible = visible.filter(state__in=CENTRE_VISIBLE_STATES)
        return visible

    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def for_year(self, year):
        return self.filter(year=year)


class Control(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="controls")
    year = models.PositiveSmallIntegerField(_("selection year"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PLANNED)
    kind = models.CharField(_("kind of control"), max_length=10, choices=ControlKind.choices)
    type = models.CharField(_("type"), max_length=14, choices=ControlType.choices)
    # What led to it: the risk model version and the score (None for a control planned on a signal).
    risk_model = models.ForeignKey(RiskModel, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    risk_score = models.DecimalField(_("risk score"), null=True, blank=True, **SCORE)
    risk_rank = models.PositiveIntegerField(_("risk rank"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    checklist = models.ForeignKey(Checklist, null=True, on_delete=models.PROTECT, related_name="controls")

    # The order («заповед»)
    order_number = models.CharField(_("order number"), max_length=40, blank=True)
    ordered_on = models.DateField(_("ordered on"), null=True, blank=True)
    check_from = models.DateField(_("check from"), null=True, blank=True)
    check_to = models.DateField(_("check to"), null=True, blank=True)
    desk = models.BooleanField(_("desk review (documents)"), default=True)
    on_site = models.BooleanField(_("on site"), default=False)
    on_site_from = models.DateField(_("on site from"), null=True, blank=True)
    on_site_to = models.DateField(_("on site to"), null=True, blank=True)
    period_from = models.DateField(_("period reviewed from"), null=True, blank=True)
    period_to = models.DateField(_("period reviewed to"), null=True, blank=True)
    inspectors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="controls_inspected", blank=True)
    # [{"kind": "course"|"premises"|"trainer"|"validation"|"other", "ref": "activity row id or ''", "label": "…"}]
    objects_checked = models.JSONField(_("objects checked"), default=list, blank=True)

    # The protocol and after
    check_ended_on = models.DateField(_("check ended on"), null=True, blank=True)
    protocol_number = models.CharField(_("protocol number"), max_length=40, blank=True)
    protocol_on = models.DateField(_("protocol issued on"), null=True, blank=True)
    protocol_delivered_on = models.DateField(_("protocol delivered on"), null=True, blank=True)
    remedy_deadline = models.DateField(_("remedy deadline"), null=True, blank=True)
    report_text = models.TextField(_("inspectors' report"), blank=True)
    good_practices = models.TextField(_("good practices found"), blank=True)
    conclusion = models.CharField(_("conclusion"), max_length=12, choices=Conclusion.choices, blank=True)
    report_on = models.DateField(_("inspectors' report on"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    # Optimistic locking of the checklist form: every save bumps it.
    lock_version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ControlQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-created_at", "-id"]
        verbose_name = _("follow-up control")
        verbose_name_plural = _("follow-up controls")
        indexes = [models.Index(fields=["year", "state"]), models.Index(fields=["centre", "state"])]

    def __str__(self):
        return f"{self.centre} — {self.get_state_display()}"

    @property
    def is_open(self):
        return self.state in OPEN_STATES


class ChecklistAnswer(models.Model):
    control = models.ForeignKey(Control, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(_("answer"), max_length=2, choices=Answer.choices, blank=True)
    data_missing = models.BooleanField(_("data missing or out of date"), default=False)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["item__order"]
        constraints = [models.UniqueConstraint(fields=["control", "item"], name="one_answer_per_item")]


class FindingClass(models.TextChoices):
    IRREGULARITY = "irregularity", _("Irregularity")
    VIOLATION = "violation", _("Violation")
    SUBSTANTIAL = "substantial", _("Substantial violation")


class Finding(models.Model):
    """One finding of the protocol and the recommendation it leads to, with its own deadline and outcome."""

    control = models.ForeignKey(Control, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(ChecklistItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    klass = models.CharField(_("class"), max_length=12, choices=FindingClass.choices)
    text = models.TextField(_("finding"))
    recommendation = models.TextField(_("recommendation"))
    deadline = models.DateField(_("deadline"))
    # The centre's report on fulfilment, per recommendation
    centre_done = models.BooleanField(_("done (centre)"), null=True, blank=True)
    centre_text = models.TextField(_("centre's report"), blank=True)
    # The inspector's decision
    fulfilled = models.BooleanField(_("fulfilled"), null=True, blank=True)
    fulfilled_on_time = models.BooleanField(_("fulfilled on time"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["control", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")


class Objection(models.Model):
    """The centre's opinion or objection («становище или възражение») to the protocol."""

    control = models.OneToOneField(Control, on_delete=models.CASCADE, related_name="objection")
    text = models.TextField(_("objection"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField()


class FulfilmentReport(models.Model):
    """The centre's report on fulfilled recommendations («доклад за изпълнени препоръки»): one per control."""

    control = models.OneToOneField(Control, on_delete=models.CASCADE, related_name="fulfilment")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField()


class FilePurpose(models.TextChoices):
    OBJECTION = "objection", _("Objection")
    FULFILMENT = "fulfilment", _("Report on fulfilment")


def _file_path(instance, filename):
    # Random names: an uploaded name never reaches the file system.
    return f"control/{instance.control_id}/{uuid.uuid4().hex}"


class ControlFile(models.Model):
    control = models.ForeignKey(Control, on_delete=models.CASCADE, related_name="files")
    purpose = models.CharField(max_length=10, choices=FilePurpose.choices)
    finding = models.ForeignKey(Finding, null=True, blank=True, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=_file_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]


class ControlReminder(models.Model):
    """A reminder sent once per control, step and deadline (so the daily command is idempotent)."""

    control = models.ForeignKey(Control, on_delete=models.CASCADE, related_name="reminders")
    step = models.CharField(max_length=20)
    due_on = models.DateField()
    kind = models.CharField(max_length=10)  # "soon" or "overdue"
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["control", "step", "due_on", "kind"], name="one_control_reminder")
        ]


class ControlSettings(models.Model):
    """Who signs the documents and the agency's address: edited by the agency admin, never in templates."""

    agency_name = models.CharField(
        _("agency name"), max_length=300, default="Национална агенция за професионално образование и обучение"
    )
    agency_address = models.CharField(_("agency address"), max_length=300, default="")
    signer_name = models.CharField(_("signer's name"), max_length=200, default="")
    signer_title = models.CharField(_("signer's title"), max_length=200, default="Председател на НАПОО")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("control documents settings")
        verbose_name_plural = _("control documents settings")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        settings_row = cls.objects.order_by("pk").first()
        return settings_row or cls.objects.create()
