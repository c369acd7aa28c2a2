"""The public pages: open to anyone, cached whole, built from the published snapshot (public.records)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from centres.models import CentreKind
from centres.regions import Region
from public import charts, directory, national
from public import figures as F
from public.cache import cached_page
from public.models import PublishedAnalysis
from public.records import GRADE_ORDER, published


def _base(request, snapshot=None, **context):
    context.setdefault("canonical", settings.SITE_URL + request.path)
    context["site_url"] = settings.SITE_URL
    return context


@require_GET
@cached_page
def start_page(request):
    snapshot = published()
    year = PublishedAnalysis.objects.latest_year()
    headline = national.headline(snapshot, year) if year else None
    return render(
        request,
        "public/start.html",
        _base(request, headline=headline, year=year, centres=sum(1 for c in snapshot.centres if c.licence.active)),
    )


@require_GET
@cached_page
def directory_page(request):
    snapshot = published()
    query = directory.DirectoryQuery.from_get(request.GET, snapshot)
    rows = directory.find(snapshot, query)
    page = Paginator(rows, directory.PER_PAGE).get_page(_page_number(request.GET.get("page")))
    municipalities = sorted(
        {c.municipality for c in snapshot.centres if c.municipality and (not query.region or c.region == query.region)}
    )
    # Only what some centre trains in: a choice that can only give "no centre" is no help.
    trained = set().union(*(c.profession_codes for c in snapshot.centres))
    trained_specialties = set().union(*(c.specialty_codes for c in snapshot.centres))
    fields = sorted((code, name) for code, name in snapshot.fields.items() if any(p[:3] == code for p in trained))
    professions = sorted((code, name) for code, name in snapshot.professions.items() if code in trained)
    if query.field_code:
        professions = [(code, name) for code, name in professions if code.startswith(query.field_code)]
    specialties = sorted(
        (code, name) for code, (name, _p) in snapshot.specialties.items() if code in trained_specialties
    )
    if query.profession:
        specialties = [(code, name) for code, name in specialties if code.startswith(query.profession)]
    compare_links = {
        c.licence_number: "?" + query.params(c_list=[*query.compare, c.licence_number])
        for c in page
        if c.licence_number not in query.compare and len(query.compare) < directory.MAX_COMPARE
    }
    return render(
        request,
        "public/directory.html",
        _base(
            request,
            canonical=settings.SITE_URL + request.path + ("?" + query.params(c_list=[]) if query.is_filtered else ""),
            query=query,
            page=page,
            count=len(rows),
            query_string=query.params(),
            kinds=CentreKind.choices,
            regions=Region.choices,
            municipalities=municipalities,
            fields=fields,
            professions=professions,
            specialties=specialties,
            grades=[(code, snapshot.grade_names.get(code, code)) for code in GRADE_ORDER],
            sorts=_sorts(),
            compare_links=compare_links,
            # Profiles opened from here keep the centres chosen so far, for their own "compare" link.
            compare_query=urlencode([("c", c) for c in query.compare]),
            compare_url=reverse("public:compare") + "?" + query.params() if query.compare else "",
        ),
    )


def _sorts():
    return [
        ("name", _("name")),
        ("grade", _("grade")),
        ("satisfaction", _("trainees' satisfaction")),
        ("placement", _("placement of graduates")),
    ]


def _page_number(value):
    text = directory.clean(value, 12)
    try:
        number = int(text)
    except ValueError:
        return 1
    return max(number, 1)


def _centre_or_404(snapshot, licence):
    centre = snapshot.by_licence.get(licence) if len(licence) <= 20 else None  # exact: one URL per centre
    if centre is None:
        raise Http404(_("There is no centre with this licence number."))
    return centre


@require_GET
@cached_page
def profile_page(request, licence):
    snapshot = published()
    centre = _centre_or_404(snapshot, licence)
    compare = directory.compare_list(request.GET.getlist("c"), snapshot.by_licence)[0]
    compare_with = [*compare, centre.licence_number] if centre.licence_number not in compare else compare
    return render(
        request,
        "public/profile.html",
        _base(
            request,
            centre=centre,
            rows=F.profile_rows(snapshot, centre),
            areas=F.profile_areas(snapshot, centre),
            indicators=F.profile_indicators(snapshot, centre),
            activity=centre.latest_activity,
            compare_url=reverse("public:compare") + "?" + urlencode([("c", c) for c in compare_with[-4:]]),
            json_ld=F.json_ld(centre, settings.SITE_URL + request.path),
        ),
    )


@require_GET
@cached_page
def profile_chart(request, licence):
    snapshot = published()
    centre = _centre_or_404(snapshot, licence)
    return HttpResponse(charts.totals_svg(snapshot, centre), content_type="image/svg+xml; charset=utf-8")


@require_GET
@cached_page
def compare_page(request):
    snapshot = published()
    chosen, dropped = directory.compare_list(request.GET.getlist("c"), snapshot.by_licence)
    centres = [snapshot.by_licence[licence] for licence in chosen]
    remove_links = {
        c.licence_number: reverse("public:compare") + "?" + "&".join(f"c={o}" for o in chosen if o != c.licence_number)
        for c in centres
    }
    return render(
        request,
        "public/compare.html",
        _base(
            request,
            centres=centres,
            dropped=dropped,
            table=F.compare_table(snapshot, centres),
            remove_links=remove_links,
            add_url=reverse("public:directory") + ("?" + "&".join(f"c={c}" for c in chosen) if chosen else ""),
            can_add=len(centres) < directory.MAX_COMPARE,
        ),
    )


@require_GET
def language(request, code):
    """Switch the language with a plain link (the public pages carry no forms, so they can be cached)."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = "/"
    response = HttpResponseRedirect(target)
    if code in dict(settings.LANGUAGES):
        translation.activate(code)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600, samesite="Lax")
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /login/",
        "Disallow: /accounts/",
        "Disallow: /registry/",
        "Disallow: /reports/",
        "Disallow: /activity/",
        "Disallow: /analysis/",
        "Disallow: /surveys/",
        "Disallow: /s/",
        "Disallow: /api/",
        "Disallow: /django-admin/",
        "Disallow: /compare/",
        f"Sitemap: {settings.SITE_URL}{reverse('public:sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
