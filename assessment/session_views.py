"""A session's pages: planning (body), assessors with their declarations, invitations, marks, finishing
(body) and publishing (agency); a centre sees a published session's results for its own graduates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment import services
from assessment.forms import AGREED, AssignForm, MarksForm, SessionForm
from assessment.models import AssessmentBody, Mark, Participant, ParticipantStatus, Session, SessionState
from centres.access import (
    assessment_body_id,
    assessment_body_required,
    assessment_reader_required,
    is_agency,
    is_centre_user,
)


def _session(request, pk):
    queryset = Session.objects.visible_to(request.user).select_related("body", "sample", "outcome_set__profession")
    return get_object_or_404(queryset, pk=pk)


def _managed_session(request, pk):
    """A session the user may change: its body's users, or the agency."""
    session = _session(request, pk)
    if not (is_agency(request.user) or assessment_body_id(request.user) == session.body_id):
        raise PermissionDenied
    return session


@assessment_body_required
def session_new(request):
    body = AssessmentBody.objects.get(pk=assessment_body_id(request.user))
    form = SessionForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.plan_session(request.user, body=body, **form.cleaned_data)
        except services.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The session is planned. Now assign the assessors."))
            return redirect("assessment:session", pk=session.pk)
    return render(
        request, "assessment/session_new.html", {"form": form, "body": body}, status=400 if form.errors else 200
    )


@assessment_reader_required
def session_detail(request, pk, assign_form=None):
    session = _session(request, pk)
    user = request.user
    manages = is_agency(user) or assessment_body_id(user) == session.body_id
    participants = session.participants.select_related("member__centre").prefetch_related(
        Prefetch(
            "marks",
            queryset=Mark.objects.filter(assessor__isnull=True).order_by("unit__order", "-component"),
            to_attr="agreed",
        )
    )
    if not manages and is_centre_user(user):
        participants = participants.filter(member__centre_id=user.centre_id)
    centres = services.session_centres(session)
    context = {
        "session": session,
        "manages": manages,
        "participants": participants,
        "units": list(session.outcome_set.units.all()),
        "assignments": session.assignments.select_related("assessor"),
        "declarations": session.declarations.select_related("assessor", "centre"),
        "centres": centres,
        "can_publish": is_agency(user) and session.state == SessionState.FINISHED,
        "accepted": ParticipantStatus.ACCEPTED,
    }
    if manages and session.state == SessionState.PLANNED:
        context["assign_form"] = assign_form or AssignForm(session=session, centres=centres)
    return render(request, "assessment/session_detail.html", context, status=400 if assign_form else 200)


@require_POST
@assessment_reader_required
def session_assign(request, pk):
    session = _managed_session(request, pk)
    form = AssignForm(request.POST, session=session, centres=services.session_centres(session))
    if form.is_valid():
        assessor = form.cleaned_data["assessor"]
        for centre, worked_until, interest in form.declarations():
            services.declare(
                actor=request.user,
                session=session,
                assessor=assessor,
                centre=centre,
                worked_for_centre_until=worked_until,
                other_interest=bool(interest),
            )
        try:
            services.assign_assessor(request.user, session=session, assessor=assessor)
        except services.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("%(assessor)s is assigned.") % {"assessor": assessor})
            return redirect("assessment:session", pk=session.pk)
    return session_detail(request, pk, assign_form=form)


def _step(request, pk, service, done_message, manage=True):
    session = _managed_session(request, pk) if manage else _session(request, pk)
    try:
        service(request.user, session=session)
    except services.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done_message)
    return redirect("assessment:session", pk=session.pk)


@require_POST
@assessment_reader_required
def session_invite(request, pk):
    return _step(request, pk, services.invite, _("The graduates are invited."))


@require_POST
@assessment_reader_required
def session_finish(request, pk):
    return _step(request, pk, services.finish_session, _("The session is finished."))


@require_POST
@assessment_reader_required
def session_publish(request, pk):
    if not is_agency(request.user):
        raise PermissionDenied
    return _step(request, pk, services.publish_session, _("The results are published to the centres."), manage=False)


@assessment_reader_required
def marks(request, pk, participant_pk):
    session = _managed_session(request, pk)
    participant = get_object_or_404(Participant.objects.select_related("member"), session=session, pk=participant_pk)
    form = MarksForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_marks(
                request.user,
                session=session,
                participant=participant,
                assessor=None if form.cleaned_data["marker"] == AGREED else form.assessor(),
                marks=form.marks(),
            )
        except services.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The results of %(who)s are recorded.") % {"who": participant.pseudonym})
            return redirect("assessment:session", pk=session.pk)
    recorded = participant.marks.select_related("unit", "assessor").order_by("unit__order", "component", "assessor_id")
    return render(
        request,
        "assessment/marks.html",
        {"session": session, "participant": participant, "form": form, "recorded": recorded},
        status=400 if form.errors else 200,
    )
