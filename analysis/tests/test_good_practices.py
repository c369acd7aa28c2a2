"""Section VII reads the "achievements and good practices" text (section "6") of the counted reports."""

import datetime as dt

import pytest

from analysis.figures import good_practices
from frameworks.models import Framework
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA

pytestmark = pytest.mark.django_db

PRACTICE = "Преподавателите участваха в браншови семинари."


@pytest.fixture
def reports_with_practices(centre_a, centre_b, adam):
    cpo = Framework.objects.get(code="CPO-2018")
    points = {c.code: c.max_points for c in cpo.criteria.all()}
    at = dt.datetime(2025, 1, 20, 10, tzinfo=SOFIA)
    texts = {"1": "Цел.", "6": PRACTICE}
    return create_submitted_reports(
        [SubmittedEntry(centre_a, at, points, texts), SubmittedEntry(centre_b, at, points, dict(texts, **{"6": ""}))],
        year=2024,
        framework=cpo,
        actor=adam,
    )


def test_good_practices_reads_section_6_by_its_key(reports_with_practices):
    assert good_practices(2024) == [(PRACTICE, 1)]


def test_good_practices_counts_reports_with_the_same_text(reports_with_practices, centre_c, adam):
    cipo = Framework.objects.get(code="CIPO-2022")
    at = dt.datetime(2025, 1, 20, 10, tzinfo=SOFIA)
    create_submitted_reports(
        [SubmittedEntry(centre_c, at, {c.code: c.max_points for c in cipo.criteria.all()}, {"6": PRACTICE})],
        year=2024,
        framework=cipo,
        actor=adam,
    )
    assert good_practices(2024) == [(PRACTICE, 2)]
