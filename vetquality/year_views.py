"""The centre's year: one page with the report, the activity information, the surveys and the controls."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from centres.access import any_role_required, centres_visible_to, get_visible_or_404, is_centre_user
from reports.deadlines import reporting_year
from vetquality import year_data

FIRST_YEAR = 2015


@any_role_required
def current_year(request):
    """The user's own centre's current reporting year (centre users only)."""
    if not is_centre_user(request.user):
        raise Http404
    return redirect("centre_year", request.user.centre_id, reporting_year(timezone.localdate()))


@any_role_required
def centre_year(request, centre_id, year):
    centre = get_visible_or_404(centres_visible_to(request.user), request.user, centre_field="pk", pk=centre_id)
    if not FIRST_YEAR <= year <= reporting_year(timezone.localdate()) + 1:
        raise Http404
    return render(request, "year/centre_year.html", year_data.centre_year(centre, year, request.user))
