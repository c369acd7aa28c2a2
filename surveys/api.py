"""Survey campaigns and their results (aggregated, shown only above the publication threshold; never single
answers), and registering graduates for follow-up from a centre's own software."""

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from api.auth import require
from api.idempotency import once
from api.pagination import page
from api.schemas import Page, responses
from centres.access import centres_visible_to
from surveys import results, services
from surveys.models import Campaign

router = Router(tags=["surveys"])


class CampaignOut(Schema):
    id: int
    licence_number: str
    questionnaire: str
    label: str
    year: int
    mode: str
    opens_on: dt.date
    closes_on: dt.date
    followup_months: int | None


class CampaignPage(Page):
    items: list[CampaignOut]


class ResultsOut(Schema):
    campaign: int
    answers: int
    invited: int
    response_rate: float | None
    enough: bool = Field(description="Whether the publication threshold is met; below it no figures are given.")
    reason: str
    questions: list[dict[str, Any]]


def _out(c):
    return CampaignOut(
        id=c.pk,
        licence_number=c.centre.licence_number,
        questionnaire=c.version.questionnaire.code,
        label=c.label,
        year=c.year,
        mode=c.mode,
        opens_on=c.opens_on,
        closes_on=c.closes_on,
        followup_months=c.followup_months,
    )


def _visible(request):
    return Campaign.objects.visible_to(request.user).select_related("centre", "version__questionnaire")


@router.get("/campaigns", response=responses(CampaignPage), summary="List survey campaigns")
def list_campaigns(request, year: int | None = None, cursor: str = "", limit: int = 50):
    require(request, "surveys")
    queryset = _visible(request)
    if year is not None:
        queryset = queryset.filter(year=year)
    rows, next_cursor = page(queryset, ["id"], cursor, limit)
    return {"items": [_out(c) for c in rows], "next": next_cursor}


@router.get("/campaigns/{int:campaign_id}/results", response=responses(ResultsOut), summary="A campaign's results")
def campaign_results(request, campaign_id: int):
    require(request, "surveys")
    campaign = get_object_or_404(_visible(request), pk=campaign_id)
    campaigns = Campaign.objects.filter(pk=campaign.pk)
    enough = results.sufficiency(campaigns)
    questions = []
    if enough.enough:
        for q in results.distribution(campaigns):
            if q.type == "text":
                continue  # free text is never given out through the API: it may identify a respondent
            questions.append(
                {
                    "code": q.code,
                    "type": q.type,
                    "total": q.total,
                    "satisfaction_index": float(q.satisfaction_index) if q.satisfaction_index is not None else None,
                    "counts": {str(r["value"]): r["count"] for r in q.rows},
                }
            )
    rate = enough.response_rate
    return ResultsOut(
        campaign=campaign.pk,
        answers=enough.answers,
        invited=enough.invited,
        response_rate=float(rate) if rate is not None else None,
        enough=enough.enough,
        reason="" if enough.enough else _("Too few answers to show results."),
        questions=questions,
    )


class GraduateIn(Schema):
    model_config = {"extra": "forbid"}
    email: str = Field(..., max_length=254)
    name: str = Field("", max_length=200)
    course_label: str = Field("", max_length=300)
    completed_on: dt.date
    consent: bool


class GraduatesIn(Schema):
    model_config = {"extra": "forbid"}
    graduates: list[GraduateIn] = Field(..., max_length=2000)


class GraduatesOut(Schema):
    registered: int


@router.post("/graduates/{licence_number}", response=responses(GraduatesOut, 201), summary="Register graduates")
def register_graduates(request, licence_number: str, payload: GraduatesIn):
    """Send an Idempotency-Key header: a retried request then registers nobody twice."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from api.problems import Problem

    require(request, "surveys", write=True)
    centre = get_object_or_404(centres_visible_to(request.user), licence_number=licence_number)
    problems = []
    today = dt.date.today()
    for i, g in enumerate(payload.graduates):
        try:
            validate_email(g.email)
        except ValidationError:
            problems.append({"path": f"/graduates/{i}/email", "message": _("Enter a valid e-mail address.")})
        if not dt.date(2000, 1, 1) <= g.completed_on <= today:
            problems.append({"path": f"/graduates/{i}/completed_on", "message": _("The date is out of range.")})
    if problems:
        raise Problem(400, _("Invalid graduates"), _("Nothing was saved."), errors=problems)

    def run():
        rows = [
            {
                "email": g.email,
                "name": g.name,
                "course": None,
                "course_label": g.course_label,
                "completed_on": g.completed_on,
                "consent": g.consent,
            }
            for g in payload.graduates
        ]
        return 201, {"registered": len(services.register_graduates(request.user, centre, rows))}

    status, body = once(request, run)
    return Status(status, body)
