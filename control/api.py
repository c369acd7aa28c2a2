"""Follow-up controls (the agency: all; a centre: its own, once ordered) and the risk ranking (agency only)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from api.auth import require
from api.pagination import page
from api.problems import Problem
from api.schemas import Page, responses
from centres.access import is_agency
from control import risk
from control.models import Control, Finding

router = Router(tags=["control"])


class FindingOut(Schema):
    item: str | None
    klass: str
    text: str
    recommendation: str
    deadline: dt.date
    fulfilled: bool | None


class ControlOut(Schema):
    id: int
    licence_number: str
    year: int
    state: str
    kind: str
    type: str
    ordered_on: dt.date | None
    check_from: dt.date | None
    check_to: dt.date | None
    protocol_on: dt.date | None
    remedy_deadline: dt.date | None
    conclusion: str
    findings: list[FindingOut]


class ControlPage(Page):
    items: list[ControlOut]


class RankingOut(Schema):
    year: int
    risk_model: str
    centres: list[dict[str, Any]]


def _visible(request):
    findings = Prefetch("findings", queryset=Finding.objects.select_related("item").order_by("id"))
    return Control.objects.visible_to(request.user).select_related("centre").prefetch_related(findings)


def _out(c):
    return ControlOut(
        id=c.pk,
        licence_number=c.centre.licence_number,
        year=c.year,
        state=c.state,
        kind=c.kind,
        type=c.type,
        ordered_on=c.ordered_on,
        check_from=c.check_from,
        check_to=c.check_to,
        protocol_on=c.protocol_on,
        remedy_deadline=c.remedy_deadline,
        conclusion=c.conclusion,
        findings=[
            FindingOut(
                item=f.item.code if f.item_id else None,
                klass=f.klass,
                text=f.text,
                recommendation=f.recommendation,
                deadline=f.deadline,
                fulfilled=f.fulfilled,
            )
            for f in c.findings.all()
        ],
    )


@router.get("/controls", response=responses(ControlPage), summary="List follow-up controls")
def list_controls(request, year: int | None = None, state: str = "", cursor: str = "", limit: int = 50):
    require(request, "control")
    queryset = _visible(request)
    if year is not None:
        queryset = queryset.filter(year=year)
    if state:
        queryset = queryset.filter(state=state)
    rows, next_cursor = page(queryset, ["id"], cursor, limit)
    return {"items": [_out(c) for c in rows], "next": next_cursor}


@router.get("/controls/{int:control_id}", response=responses(ControlOut), summary="One follow-up control")
def get_control(request, control_id: int):
    require(request, "control")
    return _out(get_object_or_404(_visible(request), pk=control_id))


@router.get("/risk/{int:year}", response=responses(RankingOut), summary="The risk ranking of a year")
def risk_ranking(request, year: int, kind: str = "", region: str = ""):
    """Each centre's score, rank and signals {code, weight, value, points, explanation}, as `control_risk` writes."""
    require(request, "control")
    if not is_agency(request.user):
        raise Problem(403, _("Forbidden"), _("Only agency users may read the risk ranking."))
    if not 2000 <= year <= 2100:
        raise Problem(404, _("Not found"), _("No such year."))
    model, ranking = risk.ranking_for_year(year)
    if model is None:
        raise Problem(404, _("Not found"), _("No risk model applies to %(year)s.") % {"year": year})
    rows = risk.as_rows(ranking)
    if kind:
        rows = [r for r in rows if r["kind"] == kind]
    if region:
        rows = [r for r in rows if r["region"] == region]
    for r in rows:
        r["score"] = str(Decimal(r["score"]))
    return {"year": year, "risk_model": model.code, "centres": rows}
