"""The public open data: the same rows, rules and snapshot as /open-data/, for anonymous callers too."""

from typing import Any

from ninja import Router, Schema

from api.auth import AUTH, require
from api.schemas import responses
from public import opendata
from public.records import published


def _anyone(request):
    """Last in the chain: no credentials is fine here (a presented but invalid token still answers 401)."""
    request.api_token = getattr(request, "api_token", None)
    return "anonymous"


router = Router(tags=["public"], auth=[*AUTH, _anyone])


class ColumnOut(Schema):
    name: str
    label: str
    unit: str
    source: str
    rule: str


class OpenDataOut(Schema):
    licence: str
    licence_url: str
    columns: list[ColumnOut]
    records: list[dict[str, Any]]


@router.get(
    "/open-data",
    response=responses(OpenDataOut),
    summary="The published figures per centre and year",
    # Anyone: no credentials at all ({}), or a token or session (then a token needs public:read).
    openapi_extra={"security": [{}, {"TokenAuth": []}, {"SessionAuth": []}]},
)
def open_data(request, year: int | None = None, region: str = "", kind: str = ""):
    """Only what the public pages show: approved reports, thresholded survey figures, no personal data."""
    require(request, "public")
    records = []
    for row in opendata.records(published()):
        if (year is not None and row["year"] != year) or (region and row["region"] != region):
            continue
        if kind and row["kind"] != kind:
            continue
        records.append({k: (str(v) if hasattr(v, "quantize") else v) for k, v in row.items()})
    return {
        "licence": opendata.LICENCE,
        "licence_url": opendata.LICENCE_URL,
        "columns": [
            ColumnOut(name=c.name, label=str(c.label), unit=str(c.unit), source=str(c.source), rule=str(c.rule))
            for c in opendata.COLUMNS
        ],
        "records": records,
    }
