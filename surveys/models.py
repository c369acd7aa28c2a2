"""Feedback surveys: questionnaires as versioned data, campaigns run by centres, anonymous responses,
and the follow-up of graduates at 6 and 12 months.

Anonymity is structural: a Response has no link to the Invitation it came through. The invitation
is only marked answered (in the same transaction), so no result or export can join an answer to an e-mail.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(18)


class QuestionnaireKind(models.TextChoices):
    TRAINEE = "trainee", _("Trainees at the end of a course")
    GRADUATE = "graduate", _("Graduates (follow-up)")
    EMPLOYER = "employer", _("Employers")


class QuestionType(models.TextChoices):
    LIKERT = "likert", _("Scale 1–5")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Short text")


class Questionnaire(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionnaireKind.choices)
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self):
        return self.title

    def current_version(self):
        return self.versions.order_by("-number").first()


class QuestionnaireVersion(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    # Set when the first answer arrives: from then on an edit makes a new version, so answers
    # always refer to the questions as they were asked.
    frozen = models.BooleanField(_("frozen"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["questionnaire", "-number"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "number"], name="one_version_number")]
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")

    def __str__(self):
        return f"{self.questionnaire.title} (v{self.number})"


class Question(models.Model):
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions")
    # Stable across versions: results of different versions are compared by code.
    code = models.SlugField(_("code"), max_length=40)
    text = models.CharField(_("question"), max_length=500)
    type = models.CharField(_("type"), max_length=10, choices=QuestionType.choices)
    required = models.BooleanField(_("required"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    options = models.JSONField(_("options"), default=list, blank=True)  # [{"value": "...", "label": "..."}]

    class Meta:
        ordering = ["version", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="question_code_unique_in_version")]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    def option_values(self):
        return [str(o["value"]) for o in self.options]

    def option_label(self, value):
        for option in self.options:
            if str(option["value"]) == str(value):
                return option["label"]
        return value


class CampaignMode(models.TextChoices):
    PERSONAL = "personal", _("Personal single-use links")
    OPEN = "open", _("One open link")


class Channel(models.TextChoices):
    PERSONAL = "personal", _("personal link")
    OPEN = "open", _("open link")


class CampaignQuerySet(models.QuerySet):
    def for_year(self, year):
        return self.filter(year=year)

    def visible_to(self, user):
        from centres.access import scope

        return scope(self, user)

    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class Campaign(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="survey_campaigns")
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.PROTECT, related_name="campaigns")
    label = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year the results count for"))
    course = models.ForeignKey(
        "activity.Course", null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_campaigns"
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    mode = models.CharField(_("how people are invited"), max_length=10, choices=CampaignMode.choices)
    # Graduate follow-up: the wave (months after completion) that answers belong to.
    followup_months = models.PositiveSmallIntegerField(
        _("months after completion"), null=True, blank=True, choices=[(6, "6"), (12, "12")]
    )
    open_token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    # Created by the follow-up scheduler (one per centre, year and wave), not by a person.
    automatic = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["centre", "year"])]
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")

    def __str__(self):
        return self.label

    @property
    def questionnaire(self):
        return self.version.questionnaire

    def is_open_on(self, day):
        return self.opens_on <= day <= self.closes_on


class Invitation(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"), null=True, blank=True)  # none for printed links
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    course = models.ForeignKey("activity.Course", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["sent_at", "answered_at"])]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")


class Response(models.Model):
    """One anonymous answer to a questionnaire. Deliberately no link to an invitation or a person."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    submitted_at = models.DateTimeField(default=timezone.now)
    # Copied from the campaign / the graduate's course: needed for placement per course, identify nobody.
    wave_months = models.PositiveSmallIntegerField(null=True, blank=True)
    # Indexed only where set (Meta): most responses have no course, and every answer writes the index.
    course = models.ForeignKey(
        "activity.Course", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    # The open link's one-time form nonce (random, issued with the empty form; it names nobody): unique,
    # so the same form posted twice stores one response. Kept on the row itself rather than in a table
    # of its own: one write less on the public form, the system's hot path.
    form_nonce = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["course"], condition=models.Q(course__isnull=False), name="surveys_response_course_set"
            )
        ]
        verbose_name = _("response")
        verbose_name_plural = _("responses")


class Answer(models.Model):
    """One value given to one question: a multiple-choice question gives one row per option chosen,
    so distributions are a GROUP BY."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    # No index of its own: answers are written on the public form's hot path and read through their
    # response or by code; only deleting a question (of a version nobody answered) looks rows up by it.
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers", db_index=False)
    # Denormalised: results compare versions by code. No index of its own: (question_code, value) serves.
    question_code = models.SlugField(max_length=40, db_index=False)
    value = models.CharField(max_length=500)
    number = models.PositiveSmallIntegerField(null=True, blank=True)  # the 1–5 of a Likert answer

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["question_code", "value"])]


class Graduate(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="graduates")
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    course = models.ForeignKey(
        "activity.Course", null=True, blank=True, on_delete=models.SET_NULL, related_name="graduates"
    )
    course_label = models.CharField(_("course"), max_length=200, blank=True)
    completed_on = models.DateField(_("completed on"))
    consent = models.BooleanField(_("agreed to be contacted"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-completed_on", "id"]
        verbose_name = _("graduate")
        verbose_name_plural = _("graduates")

    def __str__(self):
        return self.name or self.email


class FollowUpWave(models.Model):
    graduate = models.ForeignKey(Graduate, on_delete=models.CASCADE, related_name="waves")
    months = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    invitation = models.OneToOneField(Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["graduate", "months"], name="one_wave_per_graduate_months")]


class HiddenText(models.Model):
    """A written answer the agency hid (it names a person): not shown to the centre, still counted.

    The answer itself is kept unchanged, so hiding can be undone; who hid it and why is here and
    in the audit log.
    """

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="hidden")
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    hidden_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("hidden written answer")
        verbose_name_plural = _("hidden written answers")
