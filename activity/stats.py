"""National activity statistics used by the annual analysis (validation of competences)."""

from django.db.models import Count, Q, Sum

from activity.models import ValidationRow
from centres.models import CentreKind


def validation_figures(year, region=None):
    """Validation procedures, persons and documents in a year, and how many CPO ran any; None without data."""
    rows = ValidationRow.objects.filter(activity__year=year, activity__centre__kind=CentreKind.CPO)
    if region:
        rows = rows.filter(activity__centre__region=region)
    # Aliases differ from the field names: an alias equal to a field would shadow it in the filter.
    totals = rows.aggregate(
        n_rows=Count("id"),
        n_procedures=Sum("procedures"),
        n_persons=Sum("persons"),
        n_documents=Sum("documents_issued"),
        n_centres=Count("activity__centre", distinct=True, filter=Q(procedures__gt=0)),
    )
    if not totals.pop("n_rows"):
        return None
    return {key.removeprefix("n_"): value or 0 for key, value in totals.items()}
