"""What each role's home page says, on a fixed day (freezegun)."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from frameworks.models import Framework
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA

STAT = re.compile(r'<span class="value">(\d+)</span>\s*<span class="label">([^<]+)</span>')


def text_of(response):
    return " ".join(response.content.decode().split())


@pytest.fixture
def submitted_2024(centre_a, centre_b):
    """Centre A on time, centre B late, both for 2024."""
    framework = Framework.objects.get(code="CPO-2018")
    points = {c.code: c.max_points for c in framework.criteria.all()}
    create_submitted_reports(
        [
            SubmittedEntry(centre_a, dt.datetime(2025, 1, 20, 10, tzinfo=SOFIA), points),
            SubmittedEntry(centre_b, dt.datetime(2025, 2, 3, 10, tzinfo=SOFIA), {k: Decimal(1) for k in points}),
        ],
        year=2024,
        framework=framework,
    )


def stats(page):
    return {label: int(value) for value, label in STAT.findall(page)}


@freeze_time("2025-01-20 09:00:00")
def test_director_sees_the_deadline_countdown_and_this_years_task(client_for, dora):
    page = text_of(client_for(dora).get(reverse("home")))
    assert dora.centre.name in page
    assert "Доклад за самооценка за 2024 г." in page
    assert "31 януари 2025 г." in page
    assert "11 дни" in page
    assert "Попълнете и подайте доклада за самооценка за 2024 г." in page


@freeze_time("2025-01-31 12:00:00")
def test_on_the_last_day_the_page_says_so(client_for, dora):
    page = text_of(client_for(dora).get(reverse("home")))
    assert "Днес е последният ден" in page
    assert " дни" not in page


@freeze_time("2025-01-20 09:00:00")
def test_director_with_a_submitted_report_has_nothing_due(client_for, dora, submitted_2024):
    page = text_of(client_for(dora).get(reverse("home")))
    assert "Нямате чакащи задачи: докладът ви е подаден." in page
    assert "Попълнете и подайте" not in page


@freeze_time("2025-02-10 09:00:00")
def test_expert_sees_the_submission_counts(client_for, erin, submitted_2024, centre_c):
    page = text_of(client_for(erin).get(reverse("home")))
    assert "Доклади за самооценка за 2024 г." in page
    counts = stats(page)
    assert counts["подадени доклади"] == 2
    assert counts["подадени в срок"] == 1
    assert counts["чакат проверка"] == 2
    assert counts["лицензирани ЦПО"] == 2
    assert counts["лицензирани ЦИПО"] == 1


@freeze_time("2025-02-10 09:00:00")
def test_expert_counts_start_at_zero(client_for, erin):
    counts = stats(text_of(client_for(erin).get(reverse("home"))))
    assert counts["подадени доклади"] == 0


@freeze_time("2026-03-10 09:00:00")
def test_a_returned_report_of_an_earlier_year_is_the_first_task_with_the_experts_comment(
    client_for, dora, erin, submitted_2024
):
    """Seen 4: director2's home showed only "fill the 2026 report", not the returned 2025 one."""
    from reports import services
    from reports.models import Report

    report = Report.objects.get(centre=dora.centre, year=2024)
    services.return_report(report, actor=erin, comment="Допълнете раздел 7.")
    response = client_for(dora).get(reverse("home"))
    tasks = response.context["tasks"]
    assert [t.kind for t in tasks][:2] == ["returned", "open"]
    assert tasks[0].url == reverse("reports:form", args=[report.pk])
    page = text_of(response)
    assert "Допълнете раздел 7." in page
    tasks_html = page[page.index('class="task-list"') :]
    assert tasks_html.index("Коригирайте и подайте отново доклада за 2024 г.") < tasks_html.index(
        "Попълнете и подайте доклада за самооценка за 2026 г."
    )


@freeze_time("2025-02-10 09:00:00")
def test_an_approved_report_says_approved_not_submitted(client_for, dora, erin, submitted_2024):
    from reports import services
    from reports.models import Report

    report = Report.objects.get(centre=dora.centre, year=2024)
    services.approve_report(report, actor=erin)
    page = text_of(client_for(dora).get(reverse("home")))
    assert "докладът ви за 2024 г. е одобрен" in page
    assert "докладът ви е подаден" not in page


@freeze_time("2025-01-20 09:00:00")
def test_every_card_and_year_row_is_a_link(client_for, dora, submitted_2024):
    from reports.models import Report

    report = Report.objects.get(centre=dora.centre, year=2024)
    html = client_for(dora).get(reverse("home")).content.decode()
    assert f'<a class="stat stat-link" href="{reverse("reports:form", args=[report.pk])}">' in html
    assert f'<a class="stat stat-link" href="{reverse("centre_year", args=[dora.centre_id, 2024])}">' in html
    assert f'<th scope="row"><a href="{reverse("reports:form", args=[report.pk])}">2024</a></th>' in html


@freeze_time("2025-02-10 09:00:00")
def test_the_agency_home_cards_link_to_the_queue(client_for, erin, submitted_2024):
    html = client_for(erin).get(reverse("home")).content.decode()
    assert f'href="{reverse("reports:queue")}?year=2024&amp;status=submitted"' in html
    assert '<div class="stat">' not in html


@freeze_time("2025-02-03 09:00:00")
def test_a_centre_with_an_extension_sees_its_own_deadline(client_for, dora, adam):
    from reports import services

    services.grant_extension(dora.centre, 2024, actor=adam, last_day=dt.date(2025, 2, 14), reason="Авария.")
    page = text_of(client_for(dora).get(reverse("home")))
    assert "14 февруари 2025 г." in page and "11 дни" in page
