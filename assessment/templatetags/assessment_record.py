"""{% load assessment_record %}{% assessment_line centre %}: one line in a centre's record with the latest
year of its independent assessment — the agency always reads it; the centre's own users only once the
agency has published the results; anybody else nothing. The reports app's templates use it without
importing assessment."""

from django import template

from assessment.findings import latest_centre_total
from centres.access import is_agency, is_centre_user
from formatting.numbers import format_number, format_percent

register = template.Library()


def _readable_by(user, centre):
    """(may read, published results only) for this user and centre."""
    if is_agency(user):
        return True, False
    if is_centre_user(user) and user.centre_id == centre.pk:
        return True, True
    return False, True


@register.inclusion_tag("assessment/includes/assessment_line.html", takes_context=True)
def assessment_line(context, centre):
    request = context.get("request")
    user = getattr(request, "user", None)
    if centre is None or user is None:
        return {"line": None}
    allowed, published_only = _readable_by(user, centre)
    latest = latest_centre_total(centre, published_only=published_only) if allowed else None
    if latest is None:
        return {"line": None}
    year, total = latest
    return {
        "line": {
            "year": year,
            "pass_rate": format_percent(total.pass_rate, 1),
            "own_rate": format_percent(total.own_rate, 1),  # '' without the centre's own exam figures
            "gap": format_number(total.gap, 1),
            "assessed": total.assessed,
            "agency": not published_only,
        }
    }
