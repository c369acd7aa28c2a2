import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from audit.models import AuditEntry
from conftest import make_centre
from reports import services
from reports.models import Answer, Report, ReportingYear, Status

from .conftest import YEAR


def test_open_report_creates_a_draft_with_an_empty_answer_per_criterion(dora, cpo):
    report = services.open_report(dora.centre, YEAR, actor=dora)
    assert report.status == Status.DRAFT
    assert report.framework == cpo
    assert Answer.objects.filter(report=report).count() == cpo.criteria.count() == 22
    assert not Answer.objects.filter(report=report, points__isnull=False).exists()
    assert AuditEntry.objects.for_object(report).get().action == "open"


def test_open_report_returns_the_existing_report(dora, eddie):
    first = services.open_report(dora.centre, YEAR, actor=dora)
    again = services.open_report(dora.centre, YEAR, actor=eddie)
    assert again.pk == first.pk
    assert Report.objects.filter(centre=dora.centre, year=YEAR).count() == 1
    assert AuditEntry.objects.for_object(first).count() == 1


def test_cipo_report_uses_the_yes_no_framework(cleo, cipo):
    report = services.open_report(cleo.centre, YEAR, actor=cleo)
    assert report.framework == cipo
    assert report.answers.count() == 10


@pytest.mark.parametrize("who", ["vicky", "boris", "erin"])
def test_others_cannot_open_a_centres_report(request, centre_a, who):
    with pytest.raises(PermissionDenied):
        services.open_report(centre_a, YEAR, actor=request.getfixturevalue(who))


def test_agency_admin_may_open_any_centres_report(adam, centre_a):
    assert services.open_report(centre_a, YEAR, actor=adam).centre == centre_a


def test_open_reporting_year_opens_drafts_for_licensed_centres_without_one(adam, dora, centre_b, centre_c):
    services.open_report(dora.centre, YEAR, actor=dora)
    make_centre("200812009", "ЦПО „Късен“", licensed_on=dt.date(YEAR + 1, 3, 1))  # not licensed on 31 Dec
    assert services.open_reporting_year(YEAR, actor=adam) == 2
    assert set(Report.objects.for_year(YEAR).values_list("centre__licence_number", flat=True)) == {
        "200812001",
        "200812002",
        "300112001",
    }
    assert Report.objects.get(centre=centre_c, year=YEAR).answers.count() == 10
    assert ReportingYear.objects.get(year=YEAR).opened_at is not None
    assert services.open_reporting_year(YEAR, actor=adam) == 0


def test_only_the_agency_admin_opens_a_reporting_year(erin, dora):
    for actor in (erin, dora):
        with pytest.raises(PermissionDenied):
            services.open_reporting_year(YEAR, actor=actor)
