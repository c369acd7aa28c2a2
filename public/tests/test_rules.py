"""The publication rules, one by one, through the snapshot every page and export reads."""

import datetime as dt
from decimal import Decimal

import pytest

from conftest import make_centre
from public import rules
from public.records import build
from public.tests import factories as f
from reports.models import Status

pytestmark = pytest.mark.django_db


def record_of(centre, today=None):
    return build("test", today=today).by_licence[centre.licence_number]


# ---------------------------------------------------------------- 1. approved reports only
@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.RETURNED])
def test_a_report_not_approved_is_not_published(centre_a, status):
    f.report(centre_a, 2023, Status.APPROVED, Decimal("0.5"))
    f.report(centre_a, 2024, status)
    record = record_of(centre_a)
    assert [y.year for y in record.years] == [2023]
    assert record.grade.value[0] == 2023


def test_a_draft_is_not_published(centre_a):
    from frameworks.models import Framework
    from reports.models import Report

    Report.objects.create(centre=centre_a, year=2024, framework=Framework.objects.for_report("CPO", 2024))
    record = record_of(centre_a)
    assert record.years == []
    assert record.grade.reason == rules.NO_APPROVED_REPORT


def test_an_approved_report_gives_its_grade_and_total(centre_a):
    f.report(centre_a, 2024)
    year = record_of(centre_a).last
    assert (year.year, year.grade_code, year.total) == (2024, "excellent", Decimal(100))


def test_activity_of_a_year_without_an_approved_report_stays_private(centre_a):
    f.report(centre_a, 2024, Status.SUBMITTED)
    f.activity(centre_a, 2024, followed=20, placed=15)
    assert record_of(centre_a).latest_activity is None


# ---------------------------------------------------------------- 2. revoked licence
def test_a_revoked_licence_shows_revoked_with_its_date_and_no_current_grade(db):
    centre = make_centre("200812009", "ЦПО „Отнет“", licence_revoked_on=dt.date(2025, 3, 4))
    f.report(centre, 2024)
    record = record_of(centre, today=dt.date(2025, 6, 1))
    assert not record.licence.active
    assert record.licence.revoked_on == dt.date(2025, 3, 4)
    assert not record.grade.shown
    assert "2025" in str(record.grade.reason) and "4" in str(record.grade.reason)
    # Its approved past stays in the record.
    assert [y.year for y in record.years] == [2024]


def test_a_licence_revoked_later_still_counts_as_active_today(db):
    centre = make_centre("200812010", "ЦПО „Скоро“", licence_revoked_on=dt.date(2030, 1, 1))
    f.report(centre, 2024)
    assert record_of(centre, today=dt.date(2025, 6, 1)).grade.shown


# ---------------------------------------------------------------- 3. survey threshold
def test_9_answers_are_too_few_and_10_are_enough(centre_a, centre_b):
    for centre, answers in ((centre_a, 9), (centre_b, 10)):
        f.report(centre, 2024)
        f.survey(centre, 2024, answers=answers, satisfied=answers - 1)
    nine, ten = record_of(centre_a).last, record_of(centre_b).last
    assert not nine.trainee_satisfaction.shown
    assert nine.trainee_satisfaction.reason == rules.TOO_FEW_ANSWERS
    assert ten.trainee_satisfaction.value == Decimal(90)


def test_49_percent_of_those_invited_is_too_few_and_50_is_enough(centre_a, centre_b):
    # 100 invited by personal link; 49 or 50 answered through them.
    for centre, personal in ((centre_a, 49), (centre_b, 50)):
        f.report(centre, 2024)
        f.survey(centre, 2024, kind="graduate", answers=personal, satisfied=personal, invited=100, personal=personal)
    low, enough = record_of(centre_a).last, record_of(centre_b).last
    assert low.graduate_satisfaction.reason == rules.TOO_FEW_INVITED_ANSWERED
    assert enough.graduate_satisfaction.value == Decimal(100)


def test_the_threshold_is_the_surveys_apps_own(centre_a):
    from surveys.thresholds import is_usable

    assert rules.sufficiency(10, 20, 10).enough == is_usable(10, 20, 10) is True
    assert rules.sufficiency(10, 21, 10).enough == is_usable(10, 21, 10) is False


def test_a_year_without_a_survey_says_so(centre_a):
    f.report(centre_a, 2024)
    assert record_of(centre_a).last.employer_satisfaction.reason == rules.NO_SURVEY


# ---------------------------------------------------------------- 4. small numbers of people
def test_a_count_of_4_is_shown_as_fewer_than_5():
    assert rules.people_count(4) == rules.hidden(rules.FEWER_THAN_5)
    assert rules.people_count(5) == rules.Shown(5)
    assert str(rules.FEWER_THAN_5) == "по-малко от 5"


def test_a_share_of_4_people_is_not_given():
    assert rules.people_share(4, 4).reason == rules.TOO_FEW_PEOPLE
    assert rules.people_share(3, 5).value == Decimal(60)


def test_a_small_group_is_not_broken_down_even_by_subtraction():
    shown = rules.breakdown({"a": 4, "b": 30, "c": 12})
    assert not shown["a"].shown
    # Only one hidden: the next smallest is hidden too, so 46 − 30 − 12 cannot reveal "a".
    assert not shown["c"].shown and shown["b"].value == 30


def test_a_profession_with_4_trainees_shows_fewer_than_5_and_no_graduates(centre_a):
    f.report(centre_a, 2024)
    f.activity(centre_a, 2024, courses=((814010, 4, 3), (815010, 30, 25), (811070, 12, 10)))
    year = record_of(centre_a).latest_activity
    rows = {p.profession_code: p for p in year.professions}
    assert rows["814010"].enrolled.reason == rules.FEWER_THAN_5
    assert rows["814010"].certified.reason == rules.FEWER_THAN_5
    assert not rows["811070"].enrolled.shown  # the complementary suppression
    assert rows["815010"].enrolled.value == 30
    assert year.enrolled.value == 46


def test_placement_of_4_followed_up_graduates_is_not_given(centre_a):
    f.report(centre_a, 2024)
    f.activity(centre_a, 2024, followed=4, placed=4)
    assert record_of(centre_a).last.placement.reason == rules.TOO_FEW_PEOPLE


# ---------------------------------------------------------------- 5. no personal data
def test_only_the_public_register_fields_are_read():
    assert "email" in rules.PUBLIC_CENTRE_FIELDS  # the centre's official address, from the register
    from centres.models import Centre

    assert set(rules.PUBLIC_CENTRE_FIELDS) <= {f.name for f in Centre._meta.fields}


# ---------------------------------------------------------------- 6. control slot
def test_no_closed_control_says_so_in_plain_words(centre_a):
    outcome = rules.control_outcome(centre_a.pk)
    assert not outcome.shown and outcome.reason == rules.NO_CLOSED_CONTROL


def test_a_licence_revoked_from_a_later_day_lapses_that_day_without_any_change(db, client):
    from freezegun import freeze_time

    from public import cache

    centre = make_centre("200812011", "ЦПО „Полунощ“", licence_revoked_on=dt.date(2025, 6, 2))
    f.report(centre, 2024)
    url = f"/centres/{centre.licence_number}/"
    with freeze_time("2025-06-01 12:00"):
        assert "Отлично" in client.get(url).content.decode()
    version = cache.version()
    with freeze_time("2025-06-02 12:00"):
        html = client.get(url).content.decode()
    assert "лицензията е отнета на 2 юни 2025 г." in html
    assert cache.version() == version  # nothing was bumped: the day alone did it
