from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from analysis.serialize import analysis_data
from api.auth import require
from api.schemas import responses
from centres.access import is_agency
from centres.regions import Region

router = Router(tags=["analysis"])


@router.get("/{int:year}", response=responses(dict), summary="National figures of a year")
def analysis_figures(request, year: int, region: str = ""):
    """The national figures of a year (optionally one region), as the `national_analysis` command writes them.

    Under the year's counting rule, with each centre kind's multi-year `series` (oldest year first; a
    year without data is null; each point's `source` is `reports` or `record`, the published national record).
    """
    require(request, "analysis")
    if not is_agency(request.user):
        raise HttpError(403, _("Only agency users may read the national analysis."))
    if region and region not in Region.values:
        raise HttpError(400, _("Unknown region."))
    if not 2000 <= year <= 2100:
        raise HttpError(404, _("No such year."))
    return analysis_data(year, region or None)
