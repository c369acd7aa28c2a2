"""Sections VI and VII come from what the system collects: review notes, return comments, disagreements, texts."""

import datetime as dt

import pytest

from analysis import textgroups
from analysis.gaps import gaps
from analysis.models import QuotablePractice
from analysis.narrative import gaps as gaps_section
from analysis.narrative import practices as practices_section
from analysis.overview import analysis_figures
from analysis.practices import practices
from conftest import make_centre
from frameworks.models import Criterion, Framework
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA
from reports.models import Answer, ReviewNote, Status

pytestmark = pytest.mark.django_db

AT = dt.datetime(2025, 1, 20, 10, tzinfo=SOFIA)
SEMINARS = "Преподавателите участваха в национални и браншови семинари."


def text_of(blocks):
    out = []
    for b in blocks:
        out += getattr(b, "items", None) or [getattr(b, "text", "")]
    return "\n".join(out).replace("\xa0", " ")


def test_identical_and_near_identical_texts_form_one_group():
    groups = textgroups.group_texts(
        [
            (SEMINARS, 1),
            ("преподавателите участваха в  национални и браншови семинари", 2),
            ("Преподавателите участваха в национални и браншови семинари и срещи.", 3),
            ("Разработихме нова учебна програма с работодатели.", 4),
            ("", 5),
        ]
    )
    assert [g.count for g in groups] == [3, 1]
    assert groups[0].label == SEMINARS
    assert [p for _t, p in groups[0].members] == [1, 2, 3]


@pytest.fixture
def year_with_reviews(centre_a, centre_b, erin, adam):
    cpo = Framework.objects.get(code="CPO-2018")
    points = {c.code: c.max_points for c in cpo.criteria.all()}
    third = make_centre("200812077", "ЦПО „Делта“", region="Варна")
    texts = [{"6": SEMINARS}, {"6": SEMINARS.lower()}, {"6": "Разработихме нова учебна програма с работодатели."}]
    reports = create_submitted_reports(
        [SubmittedEntry(c, AT, points, t) for c, t in zip((centre_a, centre_b, third), texts, strict=True)],
        year=2024,
        framework=cpo,
        actor=adam,
    )
    projects = Criterion.objects.get(framework=cpo, code="2.10")
    for report in reports[:2]:
        ReviewNote.objects.create(
            report=report,
            submission=report.last_submission,
            criterion=projects,
            text="Липсват доказателства за проектите.",
            author=erin,
        )
    ReviewNote.objects.create(
        report=reports[2], submission=reports[2].last_submission, text="Докладът е пълен.", author=erin
    )
    reports[0].status = Status.RETURNED
    reports[0].return_comment = "Липсват доказателства за проектите"
    reports[0].save()
    Answer.objects.filter(report=reports[1], criterion__code="2.9").update(disagreement_reason="Данните са непълни.")
    return reports


def test_section_vi_counts_notes_by_criterion_and_groups_common_wordings(year_with_reviews):
    figures = analysis_figures(2024)
    g = gaps(figures)
    assert g.notes_by_criterion == [("2.10", "Участие в национални и международни програми и проекти", 2)]
    assert g.general_notes == 1
    assert [(grp.label, grp.count) for grp in g.common_notes] == [("Липсват доказателства за проектите.", 2)]
    assert g.uncorrected == 1
    assert g.returned == 1
    assert [(code, n) for code, _name, n in g.disagreements] == [("2.9", 1)]
    text = text_of(gaps_section.section(figures))
    assert "2.10 Участие в национални и международни програми и проекти — 2 доклада" in text
    assert "„Липсват доказателства за проектите.“ — 2 доклада" in text
    assert "1 доклад е върнат за корекция и все още не е коригиран." in text


def test_section_vii_groups_practices_and_names_a_centre_only_when_it_may_be_quoted(year_with_reviews, adam):
    summary = practices(2024)
    assert summary.reports_with_text == 3
    assert [(g.label, g.count) for g in summary.groups][0] == (SEMINARS, 2)
    assert all(e.centre is None for g in summary.groups for e in g.examples)
    QuotablePractice.objects.create(report=year_with_reviews[0], may_quote=True, marked_by=adam)
    summary = practices(2024)
    named = [(e.text, e.centre) for g in summary.groups for e in g.examples if e.centre]
    assert named == [(SEMINARS, "ЦПО „Алфа“ ЕООД")]
    text = text_of(practices_section.section(analysis_figures(2024)))
    assert f"{SEMINARS} (2 доклада)" in text
    assert f"„{SEMINARS}“ — ЦПО „Алфа“ ЕООД" in text
    assert "ЦПО „Бета“" not in text


def test_the_agency_ticks_a_practice_as_quotable(client, client_for, dora, erin, year_with_reviews):
    url = "/analysis/2024/practices/"
    assert client.get(url).status_code == 302
    assert client_for(dora).get(url).status_code == 403
    page = client_for(erin).get(url)
    assert page.status_code == 200 and SEMINARS in page.content.decode()
    report = year_with_reviews[1]
    response = client_for(erin).post(f"/analysis/2024/practices/{report.pk}/quote/", {"may_quote": "1"})
    assert response.status_code == 302
    assert QuotablePractice.objects.get(report=report).may_quote is True
    assert client_for(erin).post(f"/analysis/2023/practices/{report.pk}/quote/", {"may_quote": "1"}).status_code == 404
