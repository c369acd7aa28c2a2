"""Every change to surveys happens here: permission check, one transaction, the change, an audit entry.

Anonymous answers are the exception to auditing: an audit row per answer would sit beside the
invitation's answered_at and could re-identify respondents; the Response itself is the record.
"""

import contextlib
import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from audit.services import record
from surveys import lookup
from surveys.models import (
    Campaign,
    CampaignMode,
    Channel,
    FollowUpWave,
    Graduate,
    Invitation,
    Question,
    Questionnaire,
    QuestionnaireKind,
    QuestionnaireVersion,
    QuestionType,
    Response,
)
from surveys.storing import answer_rows, insert_answers, insert_response, insert_response_with_answers

FOLLOW_UP_MONTHS = (6, 12)
FOLLOW_UP_OPEN_DAYS = 60  # how long a follow-up invitation may be answered after its due date


class SurveyClosed(Exception):
    pass


class AlreadyAnswered(Exception):
    pass


def _require_centre_editor(actor, centre):
    if not (actor.is_authenticated and actor.can_edit_reports and actor.centre_id == centre.pk):
        raise PermissionDenied


def _require_agency_admin(actor):
    if not (actor.is_authenticated and actor.is_agency_admin):
        raise PermissionDenied


# ------------------------------------------------------------------ campaigns and invitations
@transaction.atomic
def create_campaign(actor, *, questionnaire, label, year, opens_on, closes_on, mode, course=None, followup_months=None):
    centre = actor.centre
    _require_centre_editor(actor, centre)
    if course is not None and course.activity.centre_id != centre.pk:
        raise PermissionDenied
    if questionnaire.kind != QuestionnaireKind.GRADUATE:
        followup_months = None
    campaign = Campaign.objects.create(
        centre=centre,
        version=questionnaire.current_version(),
        label=label,
        year=year,
        course=course,
        opens_on=opens_on,
        closes_on=closes_on,
        mode=mode,
        followup_months=followup_months,
        created_by=actor,
    )
    record(actor=actor, action="survey_campaign_created", obj=campaign, centre=centre, message=label)
    return campaign


@transaction.atomic
def add_invitations(actor, campaign, emails):
    """Personal invitations for e-mail addresses not yet invited to this campaign; returns how many were added."""
    _require_centre_editor(actor, campaign.centre)
    known = set(campaign.invitations.exclude(email=None).values_list("email", flat=True))
    new = []
    for email in emails:
        email = email.strip().lower()
        if email and email not in known:
            known.add(email)
            new.append(Invitation(campaign=campaign, email=email, course=campaign.course))
    Invitation.objects.bulk_create(new)
    record(
        actor=actor,
        action="survey_invitations_added",
        obj=campaign,
        centre=campaign.centre,
        changes={"added": len(new)},
    )
    return len(new)


@transaction.atomic
def generate_links(actor, campaign, count):
    """N single-use links without e-mail, to print (with QR codes) and hand out."""
    _require_centre_editor(actor, campaign.centre)
    links = Invitation.objects.bulk_create(Invitation(campaign=campaign, course=campaign.course) for _ in range(count))
    record(actor=actor, action="survey_links_generated", obj=campaign, centre=campaign.centre, changes={"added": count})
    return links


# ------------------------------------------------------------------ answering
def submit_response(campaign, questions, cleaned, *, invitation=None, nonce=None, today=None):
    """Store one anonymous response. A personal link is used up in the same transaction; an open-link
    form's nonce is stored with the response, unique, so the same form cannot be posted twice."""
    today = today or timezone.localdate()
    if not campaign.is_open_on(today):
        raise SurveyClosed
    now = timezone.now()
    rows = answer_rows(questions, cleaned)  # built before the write lock is taken: it is held briefly
    response = Response(
        campaign=campaign,
        channel=Channel.PERSONAL if invitation is not None else Channel.OPEN,
        # The date only: a timestamp to the second beside answered_at could point to the person.
        submitted_at=now.replace(hour=12, minute=0, second=0, microsecond=0),
        wave_months=campaign.followup_months,
        course_id=(invitation.course_id if invitation is not None else None) or campaign.course_id,
        form_nonce=nonce,
    )
    if invitation is None and rows and campaign.version.frozen and connection.vendor == "postgresql":
        # Autocommit: no BEGIN/COMMIT round trips. Inside a caller's transaction, a savepoint keeps
        # that transaction usable after a refused (duplicate) nonce.
        guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
        try:
            with guard:
                return insert_response_with_answers(response, rows)
        except IntegrityError:
            raise AlreadyAnswered from None
    try:
        with transaction.atomic():
            # A conditional update, not a read-then-write: two simultaneous posts cannot both win.
            if invitation is not None and not Invitation.objects.filter(
                pk=invitation.pk, answered_at__isnull=True
            ).update(answered_at=now):
                raise AlreadyAnswered
            # For the open link the first statement: a reused nonce fails here, before anything else is written.
            insert_response(response)
            insert_answers(response.pk, rows)
            if not campaign.version.frozen:
                QuestionnaireVersion.objects.filter(pk=campaign.version_id).update(frozen=True)
                lookup.forget()  # the kept campaigns hold the version as not frozen
    except IntegrityError:
        # The only unique value written here is the nonce (ids are generated): the form was posted before.
        raise AlreadyAnswered from None
    return response


# ------------------------------------------------------------------ questionnaires (agency admin)
def _is_frozen(version):
    return version.frozen or Response.objects.filter(campaign__version=version).exists()


def _copy_version(version):
    """A new, editable version with the same questions; the frozen one keeps its answers."""
    number = version.questionnaire.versions.aggregate(n=Max("number"))["n"] + 1
    copy = QuestionnaireVersion.objects.create(questionnaire=version.questionnaire, number=number)
    Question.objects.bulk_create(
        Question(
            version=copy, code=q.code, text=q.text, type=q.type, required=q.required, order=q.order, options=q.options
        )
        for q in version.questions.all()
    )
    return copy


def _editable_version(version):
    latest = version.questionnaire.current_version()
    if latest.pk != version.pk and not _is_frozen(latest):
        return latest
    return _copy_version(version) if _is_frozen(version) else version


@transaction.atomic
def edit_question(actor, question, *, text, required, options):
    """Change a question; in a frozen version the change goes into a new version (returned via the question)."""
    _require_agency_admin(actor)
    version = _editable_version(question.version)
    target = version.questions.get(code=question.code) if version.pk != question.version_id else question
    before = {"text": target.text, "required": target.required, "options": target.options}
    target.text, target.required = text, required
    if target.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        target.options = options
    target.save()
    record(
        actor=actor,
        action="survey_question_edited",
        obj=target,
        changes={"before": before, "after": {"text": text, "required": required, "options": target.options}},
        message=f"{version.questionnaire.code} v{version.number} {target.code}",
    )
    return target


@transaction.atomic
def add_question(actor, version, *, code, text, type, required, options):
    _require_agency_admin(actor)
    version = _editable_version(version)
    if version.questions.filter(code=code).exists():
        raise ValueError(code)
    order = (version.questions.aggregate(n=Max("order"))["n"] or 0) + 1
    question = Question.objects.create(
        version=version, code=code, text=text, type=type, required=required, order=order, options=options
    )
    record(actor=actor, action="survey_question_added", obj=question, message=f"{version.questionnaire.code} {code}")
    return question


# ------------------------------------------------------------------ graduate follow-up
@transaction.atomic
def register_graduates(actor, centre, rows):
    """rows: dicts with email, name, course (a Course or None), course_label, completed_on, consent.
    Schedules the 6- and 12-month follow-up waves for each graduate."""
    _require_centre_editor(actor, centre)
    for row in rows:
        if row.get("course") is not None and row["course"].activity.centre_id != centre.pk:
            raise PermissionDenied
    graduates = Graduate.objects.bulk_create(
        Graduate(
            centre=centre,
            email=row["email"].strip().lower(),
            name=row.get("name", ""),
            course=row.get("course"),
            course_label=row.get("course_label") or (str(row["course"]) if row.get("course") else ""),
            completed_on=row["completed_on"],
            consent=row["consent"],
        )
        for row in rows
    )
    if graduates and graduates[0].pk is None:  # backends that do not return ids from bulk inserts
        graduates = list(Graduate.objects.filter(centre=centre).order_by("-id")[: len(graduates)])
    FollowUpWave.objects.bulk_create(
        FollowUpWave(graduate=g, months=months, due_on=g.completed_on + relativedelta(months=months))
        for g in graduates
        for months in FOLLOW_UP_MONTHS
    )
    record(actor=actor, action="graduates_registered", obj=centre, centre=centre, changes={"added": len(graduates)})
    return graduates


def _label_followup(year, months):
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Graduate follow-up %(months)s months after completion (%(year)s)") % {
            "months": months,
            "year": year,
        }


def _followup_campaign(centre, year, months, today):
    questionnaire = Questionnaire.objects.filter(kind=QuestionnaireKind.GRADUATE).order_by("id").first()
    campaign = (
        Campaign.objects.filter(centre=centre, year=year, followup_months=months, automatic=True).order_by("id").first()
    )
    closes_on = today + dt.timedelta(days=FOLLOW_UP_OPEN_DAYS)
    if campaign is None:
        campaign = Campaign.objects.create(
            centre=centre,
            version=questionnaire.current_version(),
            label=_label_followup(year, months),
            year=year,
            opens_on=today,
            closes_on=closes_on,
            mode=CampaignMode.PERSONAL,
            followup_months=months,
            automatic=True,
        )
    elif campaign.closes_on < closes_on:
        Campaign.objects.filter(pk=campaign.pk).update(closes_on=closes_on)
        lookup.forget()  # an update() sends no post_save
    return campaign


@transaction.atomic
def issue_due_followups(today=None):
    """Invitations for the follow-up waves that are due, for graduates who agreed to be contacted."""
    today = today or timezone.localdate()
    due = (
        FollowUpWave.objects.select_for_update()
        .filter(due_on__lte=today, invitation__isnull=True, graduate__consent=True)
        .select_related("graduate")
    )
    campaigns, issued = {}, 0
    for wave in due:
        graduate = wave.graduate
        key = (graduate.centre_id, graduate.completed_on.year, wave.months)
        if key not in campaigns:
            campaigns[key] = _followup_campaign(graduate.centre, graduate.completed_on.year, wave.months, today)
        wave.invitation = Invitation.objects.create(
            campaign=campaigns[key], email=graduate.email, course_id=graduate.course_id
        )
        wave.save(update_fields=["invitation"])
        issued += 1
    return issued


def _message(invitation, reminder, base_url):
    campaign = invitation.campaign
    context = {
        "campaign": campaign,
        "centre": campaign.centre,
        "questionnaire": campaign.version.questionnaire,
        "url": base_url.rstrip("/") + reverse("surveys_public:answer", args=[invitation.token]),
        "reminder": reminder,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("surveys/email_subject.txt", context).strip()
        body = render_to_string("surveys/email_body.txt", context)
    return EmailMessage(subject, body, to=[invitation.email])


def send_invitations(*, base_url, remind_after_days=7, now=None):
    """Send invitations not yet sent and one reminder to those who have not answered after N days.

    Idempotent: an invitation is claimed (sent_at / reminded_at set by a conditional update) before
    its mail goes out, so a rerun or a second cron never mails anybody twice."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    open_campaigns = Campaign.objects.open_on(today)
    pending = Invitation.objects.filter(campaign__in=open_campaigns, email__isnull=False, answered_at__isnull=True)
    sent = reminded = 0
    connection = get_connection()
    for invitation in pending.filter(sent_at__isnull=True).select_related("campaign__centre", "campaign__version"):
        if Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(sent_at=now):
            connection.send_messages([_message(invitation, False, base_url)])
            sent += 1
    due = pending.filter(reminded_at__isnull=True, sent_at__lte=now - dt.timedelta(days=remind_after_days))
    for invitation in due.select_related("campaign__centre", "campaign__version"):
        if Invitation.objects.filter(pk=invitation.pk, reminded_at__isnull=True).update(reminded_at=now):
            connection.send_messages([_message(invitation, True, base_url)])
            reminded += 1
    return sent, reminded


# ------------------------------------------------------------------ written answers
def _require_agency(actor):
    if not (actor.is_authenticated and actor.is_agency):
        raise PermissionDenied


def _written_answer(answer):
    if answer.question.type != QuestionType.TEXT:
        raise PermissionDenied  # only written answers can name a person
    return answer


@transaction.atomic
def hide_text_answer(actor, answer, *, reason=""):
    """The agency hides a written answer that names a person: the centre no longer sees it."""
    from surveys.models import HiddenText

    _require_agency(actor)
    _written_answer(answer)
    hidden, created = HiddenText.objects.get_or_create(
        answer=answer, defaults={"hidden_by": actor, "reason": (reason or "")[:300]}
    )
    if created:
        # The text itself stays out of the audit log: it is the personal data being hidden.
        record(
            actor=actor,
            action="survey_text_hidden",
            obj=answer,
            centre=answer.response.campaign.centre,
            message=hidden.reason,
        )
    return hidden


@transaction.atomic
def unhide_text_answer(actor, answer):
    from surveys.models import HiddenText

    _require_agency(actor)
    deleted, _ = HiddenText.objects.filter(answer=answer).delete()
    if deleted:
        record(actor=actor, action="survey_text_shown", obj=answer, centre=answer.response.campaign.centre)
    return bool(deleted)
