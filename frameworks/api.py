"""Frameworks: the quality framework as data, with areas, criteria, levels, sections and grade bands."""

from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from api.auth import require
from api.pagination import page
from api.schemas import Page, responses
from frameworks.models import Framework

router = Router(tags=["frameworks"])


class FrameworkOut(Schema):
    code: str
    kind: str
    name: str
    scoring: str
    first_year: int
    last_year: int | None
    total_points: Decimal


class LevelOut(Schema):
    points: Decimal
    descriptor: str


class CriterionOut(Schema):
    code: str
    name: str
    max_points: Decimal
    levels: list[LevelOut]


class AreaOut(Schema):
    code: str
    name: str
    max_points: Decimal
    criteria: list[CriterionOut]


class SectionOut(Schema):
    code: str
    title: str
    kind: str
    required: bool


class GradeBandOut(Schema):
    code: str
    name: str
    min_points: Decimal
    max_points: Decimal


class FrameworkDetail(FrameworkOut):
    areas: list[AreaOut]
    sections: list[SectionOut]
    grade_bands: list[GradeBandOut]


class FrameworkPage(Page):
    items: list[FrameworkOut]


def _out(f):
    return FrameworkOut(
        code=f.code,
        kind=f.kind,
        name=f.name,
        scoring=f.scoring,
        first_year=f.first_year,
        last_year=f.last_year,
        total_points=f.total_points,
    )


@router.get("", response=responses(FrameworkPage), summary="List frameworks")
def list_frameworks(request, kind: str = "", cursor: str = "", limit: int = 50):
    require(request, "frameworks")
    queryset = Framework.objects.all()
    if kind:
        queryset = queryset.filter(kind=kind)
    rows, next_cursor = page(queryset, ["code"], cursor, limit)
    return {"items": [_out(f) for f in rows], "next": next_cursor}


@router.get("/{code}", response=responses(FrameworkDetail), summary="One framework with its structure")
def get_framework(request, code: str):
    require(request, "frameworks")
    f = get_object_or_404(
        Framework.objects.prefetch_related("areas__criteria__levels", "sections", "grade_bands"), code=code
    )
    return FrameworkDetail(
        **_out(f).dict(),
        areas=[
            AreaOut(
                code=a.code,
                name=a.name,
                max_points=a.max_points,
                criteria=[
                    CriterionOut(
                        code=c.code,
                        name=c.name,
                        max_points=c.max_points,
                        levels=[LevelOut(points=lv.points, descriptor=lv.descriptor) for lv in c.levels.all()],
                    )
                    for c in a.criteria.all()
                ],
            )
            for a in f.areas.all()
        ],
        sections=[SectionOut(code=s.code, title=s.title, kind=s.kind, required=s.required) for s in f.sections.all()],
        grade_bands=[
            GradeBandOut(code=g.code, name=g.name, min_points=g.min_points, max_points=g.max_points)
            for g in f.grade_bands.all()
        ],
    )
